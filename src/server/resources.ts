import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AppError } from "../errors.js";
import type { ToolContext } from "../tools/tool.js";

const JSON_MIME = "application/json";

// The views come from the read tools' modules, loaded on the first read like the tools
// themselves: they are not on the way to a session's first tools/list.
const fleetHealth = async (ctx: ToolContext) =>
  (await import("../tools/get-fleet-health.js")).fleetHealth(ctx);
const policyView = async (ctx: ToolContext) => (await import("../tools/get-policy.js")).policyView(ctx);
const listSituations = () => import("../tools/list-situations.js");
/** The pending decisions' reader loads with the first read of a situation, as the tool's module does. */
const pendingReader = () => import("../storage/pending-on-models.js");

/**
 * Read-only resources: the policy, the health summary and each situation. They show what the
 * read tools show (Claude Desktop exposes resources only when the user attaches them, so every
 * resource has a tool twin), and like the read tools they are open to every role.
 */
export function registerResources(mcp: McpServer, context: () => Promise<ToolContext>): void {
  mcp.registerResource(
    "policy",
    "fleet://policy",
    {
      title: "Policy",
      description: "The policy in force and what this session may do (as get_policy).",
      mimeType: JSON_MIME,
    },
    async (uri) => ({
      contents: [
        { uri: uri.href, mimeType: JSON_MIME, text: JSON.stringify(await policyView(await context())) },
      ],
    }),
  );

  mcp.registerResource(
    "health",
    "fleet://health",
    {
      title: "Fleet health",
      description: "Providers, coverage, errors, pending decisions and spend (as get_fleet_health).",
      mimeType: JSON_MIME,
    },
    async (uri) => ({
      contents: [
        { uri: uri.href, mimeType: JSON_MIME, text: JSON.stringify(await fleetHealth(await context())) },
      ],
    }),
  );

  registerSituationResource(mcp, context);
}

/** One resource per current situation, listed and completed from the fleet state. */
function registerSituationResource(mcp: McpServer, context: () => Promise<ToolContext>): void {
  const situations = async () => (await context()).services.fleet.get();
  mcp.registerResource(
    "situation",
    new ResourceTemplate("fleet://situations/{id}", {
      list: async () => {
        const { data } = await situations();
        return {
          resources: data.situations.slice(0, 200).map((s) => ({
            uri: `fleet://situations/${s.id}`,
            name: `${s.provider} ${s.kind} (${s.modelCount} models)`,
            mimeType: JSON_MIME,
          })),
        };
      },
      complete: {
        id: async (value) => {
          const { data } = await situations();
          return data.situations
            .map((s) => s.id)
            .filter((id) => id.startsWith(value))
            .slice(0, 50);
        },
      },
    }),
    {
      title: "Situation",
      description:
        "One situation: the failing models of a provider that share an error kind and fingerprint (as list_situations, with every model id).",
      mimeType: JSON_MIME,
    },
    async (uri, vars) => {
      const id = String(vars["id"]);
      const ctx = await context();
      const { pendingOn, cachedPending } = await pendingReader();
      const [{ data, asOf }, { situationView }, byModel] = await Promise.all([
        ctx.services.fleet.get(),
        listSituations(),
        cachedPending(ctx.services.decisions, ctx.deps.repos.decisions),
      ]);
      const s = data.situations.find((x) => x.id === id);
      if (!s)
        throw new AppError(
          "not_found",
          `No current situation ${id}; list_situations shows the current ones.`,
        );
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: JSON_MIME,
            text: JSON.stringify({
              as_of: asOf.toISOString(),
              ...situationView(s, data, asOf, pendingOn(s, byModel), true),
            }),
          },
        ],
      };
    },
  );
}
