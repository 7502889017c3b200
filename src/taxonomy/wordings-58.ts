import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 58's train messages (test/fixtures/taxonomy/provider-errors-58.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 58 is localised apps' strings in fourteen languages (their wordings widened
 * the language families: wordings-i18n.ts, wordings-ja-ko.ts, wordings-zh.ts) and the serving stacks
 * inference hosts run; what is here is said in English or in a serving stack's own words.
 */
export const WORDINGS_58: WordingSet = {
  unavailable: [
    // A model the plan leaves out, said as what to check: Claude Code "API keys and subscription plans allow
    // different models. Make sure the selected model is included in your plan."
    /\bplans? allow different models\b|\bmodel is (?:not )?included in your (?:plan|subscription)\b/,
    // A host that cannot hold the model (the label conventions' host memory), in a loader's words: omlx
    // "Cannot load Qwen…: projected memory 127.68GB would exceed process limit 88.00GB".
    /\bcannot load\b[^\n]{0,100}\bmemory\b[^\n]{0,30}\bwould exceed\b/,
  ],
  output: [
    // A gateway that could not read the provider's answer: Kong "failed to decode llm/v1/chat response".
    /\bfailed to decode [\w:/.-]{1,40} response\b/,
  ],
  server: [
    // A serving engine that died or never started (vLLM, SGLang, TensorRT-LLM, Ray Serve): "Engine core proc
    // EngineCore_DP0 died unexpectedly"; "Engine core initialization failed"; "WorkerProc initialization
    // failed"; "Executor worker returned error"; "Deployment hello_Hello is UNHEALTHY: The Deployment failed to
    // start 3 times in a row".
    /\bengine ?core\b[^\n]{0,60}\b(?:died|initiali[sz]ation failed|crashed)\b/,
    /\bworker\w{0,10} initiali[sz]ation failed\b|\bexecutor worker returned (?:an )?error\b/,
    /\bdeployment [\w.-]{1,80} is unhealthy\b/,
  ],
};
