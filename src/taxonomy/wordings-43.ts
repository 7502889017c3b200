import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 43's train messages (test/fixtures/taxonomy/provider-errors-43.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 43 is self-hosted serving stacks and their proxies, non-English reports and
 * relays, and the 2025-2026 features of the product's providers.
 */
export const WORDINGS_43: WordingSet = {
  notFoundFirst: [
    // A local server that names the models it has and refuses the id: LM Studio 400 "Invalid model
    // identifier "o4-mini". Please specify a valid downloaded model (e.g., …)"; FastChat "Only
    // chatglm2-6b allowed now, your model vicuna". Before the content filter: the list of served
    // models may hold any word.
    /\binvalid model identifier\b|\bplease specify a valid (?:downloaded |loaded |installed )?model\b/,
    /\ballowed now, your model\b/,
  ],
  billing: [
    // A free allowance spent, whatever the throttling envelope: DashScope 429 "Throttling.AllocationQuota,
    // message: Free allocated quota exceeded." (its "Allocated quota exceeded" alone is a rate, batch 24).
    /\bfree (?:allocated |tier )?(?:quota|allowance) (?:is )?(?:exceeded|exhausted|used up)\b/,
  ],
  auth: [
    // Access refused to the caller, in the words of a Chinese client: "[OpenAI] 服务器拒绝访问，请稍后再试 |
    // Server refused to access, please try again later" (a 403: the retry hint does not make it capacity).
    /\bserver refused (?:to )?access\b|服务器拒绝访问/,
  ],
  context: [
    // The prompt longer than the model's window, as a tokenizer says it: vLLM "Token indices sequence
    // length is longer than the specified maximum sequence length for this model".
    /\bsequence length is longer than the specified maximum sequence length\b/,
  ],
  output: [
    // An answer that never came, or came cut by the output budget: an agent gateway's 502 "Agent produced no
    // response"; Strands "MaxTokensReachedException: … due to max_tokens limit"; Semantic Kernel "HunYuan
    // API doesn't return any data"; in Chinese, "模型返回了空响应" (the model returned an empty answer).
    /\bproduced no (?:response|answer|output)\b/,
    /\bmaxtokensreachedexception\b|\bdue to (?:the )?max_tokens limit\b/,
    /\bapi (?:doesn't|does not|didn't|did not) return any data\b/,
    /返回了?空(?:响应|回复|回答)/,
  ],
  request: [
    // A local server asked for what it was not started or built for: llama.cpp 500 "tools param requires
    // --jinja flag", "image input is not supported by this server", "unsupported content[].type";
    // llamafile "The server was not compiled for multimodal"; Triton "use generate stream for model that
    // generates various number of responses"; llama-swap "no model id could be identified".
    /\brequires --jinja\b/,
    /\b(?:image|audio|video|multimodal) input is not supported by this server\b/,
    /\bunsupported content\[\]\.type\b/,
    /\bnot compiled (?:for|with) multimodal\b/,
    /\buse generate[ _]stream\b/,
    /\bno model id could be identified\b/,
  ],
  overloaded: [
    // A local server with no slot free: Ollama "llm busy - no slots available"; Triton "version 1 is not at
    // ready state" (as KServe's "Model with name x is not ready" is labelled).
    /\bllm busy\b|\bno (?:free |idle )?slots? available\b/,
    /\bnot (?:at|in) (?:a )?ready state\b/,
  ],
  rateLimit: [
    // iFlytek "Error: AppIdQpsOverFlowError": queries per second over the app's limit.
    /qps ?over ?flow/,
  ],
  timeout: [
    // A connection that timed out is a timeout (the label conventions), however a browser names it:
    // "Error Code: net::ERR_CONNECTION_TIMED_OUT".
    /\berr_connection_timed_out\b/,
  ],
  network: [
    // A proxy that could not reach its upstream at all: GPUStack 503 "All connection attempts failed".
    /\ball connection attempts failed\b/,
  ],
};
