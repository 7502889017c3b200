/**
 * JSON Schema as zod emits it, made friendlier to clients that map tool schemas onto a
 * single-`type` dialect (the Inspector's --strict portability check flags `type: ["string",
 * "null"]`): a multi-type node becomes `anyOf` with one type per branch; validation keywords go
 * to the non-null branches, annotations stay on top.
 */
const ANNOTATION_KEYS = new Set(["description", "title", "default", "examples", "$schema"]);

export function portableSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portableSchema);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>))
    out[key] = portableSchema(value);
  const type: unknown = out["type"];
  if (!Array.isArray(type)) return out;
  const types = type as unknown[];
  const top: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(out)) {
    if (key === "type") continue;
    (ANNOTATION_KEYS.has(key) ? top : rest)[key] = value;
  }
  top["anyOf"] = types.map((t) => (t === "null" ? { type: "null" } : { type: t, ...rest }));
  return top;
}
