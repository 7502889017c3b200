import { anthropicWire } from "./anthropic.js";
import { chatWire } from "./chat.js";
import { geminiWire, googleError } from "./gemini.js";
import type { Wire } from "./types.js";

/** The token the fake Vertex routes accept (`FAKE_VERTEX_TOKEN` in client.ts). */
const VERTEX_TOKEN = "ya29.fake-vertex-access-token-0123456789";
const VERTEX_PATH =
  /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/(?:publishers\/(google|anthropic|mistralai)\/models\/([^/:]+):(streamGenerateContent|streamRawPredict)|endpoints\/openapi\/chat\/completions)$/;

export type VertexRoute = { wire: Wire; name: string; model: string } | { status: number; body: unknown };

/**
 * Vertex AI's routes on the fake: Gemini's and Claude's publisher paths name the model in the
 * URL (`claude-basic` plays the `basic` scenario, the `claude` prefix choosing the route); the
 * MaaS models come through the OpenAI-compatible endpoint as `publisher/model`; Mistral's through
 * its publisher path (`mistral-basic@001` plays `basic`). A request
 * without the fake's bearer token gets Google's 401. Null: not a Vertex path.
 */
export function vertexRoute(pathname: string, body: unknown, authorization: unknown): VertexRoute | null {
  const match = VERTEX_PATH.exec(pathname);
  if (!match) return null;
  if (authorization !== `Bearer ${VERTEX_TOKEN}`)
    return { status: 401, body: { error: googleError("auth", "") } };
  const [, publisher, model, method] = match;
  if (publisher === "google" && method === "streamGenerateContent") {
    return { wire: geminiWire, name: "gemini", model: decodeURIComponent(model!) };
  }
  if (publisher === "anthropic" && method === "streamRawPredict") {
    return {
      wire: anthropicWire,
      name: "vertex-anthropic",
      model: decodeURIComponent(model!).replace(/^claude-/, ""),
    };
  }
  if (publisher === "mistralai" && method === "streamRawPredict") {
    // Mistral's chat stream; the path carries the version (`mistral-basic@001` plays `basic`).
    const inPath = decodeURIComponent(model!);
    return {
      wire: chatWire,
      name: "vertex-mistral",
      model: inPath.replace(/^mistral-/, "").replace(/@[^~]*/, ""),
    };
  }
  const qualified =
    typeof body === "object" && body !== null && typeof (body as { model?: unknown }).model === "string"
      ? (body as { model: string }).model
      : "";
  if (!publisher && qualified.includes("/")) {
    return { wire: chatWire, name: "vertex-openapi", model: qualified.slice(qualified.indexOf("/") + 1) };
  }
  return {
    status: 400,
    body: { error: { code: 400, message: "bad Vertex request", status: "INVALID_ARGUMENT" } },
  };
}
