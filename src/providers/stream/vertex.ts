import { anthropicBody, anthropicEvents } from "./anthropic.js";
import { ProviderStreamError, scrubSecrets } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import { ChatCompletionsAdapter } from "./openai-chat.js";
import { postSse } from "./sse.js";
import type { RequestMode, StreamAdapter, StreamContext, StreamEvent, StreamRequest } from "./types.js";
import { joinUrl } from "./util.js";
import { vertexHost, vertexTokenSource, type TokenSource, type VertexCredentials } from "./vertex-auth.js";
import { geminiBody, geminiEvents } from "./vertex-gemini.js";

export interface VertexAdapterOptions extends VertexCredentials {
  project?: string;
  location?: string;
  /** `VERTEX_BASE_URL`: a local fake in tests; default the location's aiplatform host. */
  baseUrl?: string;
  /** Tests hand in their own token source. */
  tokenSource?: TokenSource;
}

/** Anthropic's version string for Claude on Vertex, sent in the body instead of a header. */
const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

/** How Vertex serves a model: its own publisher path, or the OpenAI-compatible MaaS endpoint. */
export type VertexRoute = "google" | "anthropic" | "mistralai" | "openapi";

/**
 * The route from the catalog id, the way Vertex names models: `meta/llama-...-maas` (a
 * publisher-qualified id) goes to the OpenAI-compatible endpoint, `claude-*` to Anthropic's
 * publisher path, `mistral-*`/`codestral-*` to Mistral's, everything else to Google's (Gemini).
 */
export function vertexRoute(model: string): VertexRoute {
  if (model.includes("/")) return "openapi";
  if (/^claude/i.test(model)) return "anthropic";
  if (/^(mistral|codestral|ministral)/i.test(model)) return "mistralai";
  return "google";
}

/**
 * Google Vertex AI. Gemini streams through `streamGenerateContent?alt=sse` (vertex-gemini.ts),
 * Claude through Anthropic's publisher path `:streamRawPredict` (Anthropic's event stream, so
 * the Anthropic translation is reused), Mistral's through its publisher path `:streamRawPredict`
 * (Mistral's chat stream), and the MaaS partner models (Llama) through the OpenAI-compatible
 * `endpoints/openapi/chat/completions`. Every route authenticates with an
 * OAuth2 bearer token fetched in `prepare`, before the measurement clock starts.
 */
export class VertexAdapter implements StreamAdapter {
  readonly provider = "vertex";
  private readonly auth: TokenSource;

  constructor(private readonly options: VertexAdapterOptions) {
    this.auth = options.tokenSource ?? vertexTokenSource(options);
  }

  requestMode(_metadata: ModelMetadata, model = ""): RequestMode {
    switch (vertexRoute(model)) {
      case "google":
        return "gemini_generate_content";
      case "anthropic":
        return "anthropic_messages";
      case "openapi":
      case "mistralai":
        return "chat_completions";
    }
  }

  async prepare(signal: AbortSignal): Promise<void> {
    this.base();
    await this.auth.token(signal);
  }

  async *stream(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    const base = this.base();
    const token = await this.auth.token(ctx.signal);
    yield* scrubSecrets(this.route(request, ctx, base, token), [token]);
  }

  private route(
    request: StreamRequest,
    ctx: StreamContext,
    base: string,
    token: string,
  ): AsyncIterable<StreamEvent> {
    const headers = { authorization: `Bearer ${token}` };
    // `@` stays as written (`claude-sonnet-4-5@20250929`), as Google's and Anthropic's SDKs send it.
    const model = encodeURIComponent(request.model).replace(/%40/g, "@");
    switch (vertexRoute(request.model)) {
      case "google": {
        const url = joinUrl(base, `publishers/google/models/${model}:streamGenerateContent?alt=sse`);
        return geminiEvents(postSse({ url, headers, body: geminiBody(request) }, ctx));
      }
      case "anthropic": {
        const url = joinUrl(base, `publishers/anthropic/models/${model}:streamRawPredict`);
        const { model: _inPath, ...body } = anthropicBody(request);
        return anthropicEvents(
          postSse({ url, headers, body: { ...body, anthropic_version: VERTEX_ANTHROPIC_VERSION } }, ctx),
        );
      }
      case "openapi":
        return new ChatCompletionsAdapter({
          provider: this.provider,
          baseUrl: joinUrl(base, "endpoints/openapi"),
          apiKey: token,
          apiKeyEnv: "VERTEX_ACCESS_TOKEN",
          maxTokensParam: "max_tokens",
          streamOptions: true,
          reasoningStyle: "reasoning_effort",
        }).stream(request, ctx);
      case "mistralai":
        // Mistral's chat stream behind `:streamRawPredict`: the version stays in the path
        // (`mistral-large-2411@001`), the body names the model without it (Mistral's Vertex docs).
        return new ChatCompletionsAdapter({
          provider: this.provider,
          baseUrl: joinUrl(base, "publishers/mistralai/models"),
          path: `${model}:streamRawPredict`,
          apiKey: token,
          apiKeyEnv: "VERTEX_ACCESS_TOKEN",
          maxTokensParam: "max_tokens",
          streamOptions: false,
          reasoningStyle: "reasoning_effort",
        }).stream({ ...request, model: request.model.replace(/@.*$/, "") }, ctx);
    }
  }

  /** `.../v1/projects/{project}/locations/{location}`; a setup failure naming what is unset. */
  private base(): string {
    const { project, location } = this.options;
    if (!project || !location) {
      throw new ProviderStreamError(
        `vertex is not configured: set ${project ? "" : "VERTEX_PROJECT "}${location ? "" : "VERTEX_LOCATION"}`.trim(),
        { point: "setup", kind: "auth" },
      );
    }
    const host = this.options.baseUrl ?? vertexHost(location);
    return joinUrl(
      host,
      `v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}`,
    );
  }
}
