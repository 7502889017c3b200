import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 23's train messages (test/fixtures/taxonomy/provider-errors-23.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 23 is what editor and IDE plugins (Neovim, Emacs, JetBrains, VS Code, Xcode, Jupyter and
 * Obsidian) print around the providers' errors.
 */
export const WORDINGS_23: WordingSet = {
  auth: [
    // A token without the scope the endpoint needs: GitHub Models "The `models` permission is required to
    // access this endpoint".
    /\b[`'"]?[\w:-]+[`'"]? (?:permission|scope) is required to (?:access|use|call)\b/,
  ],
  output: [
    // A client failing to parse what the provider answered: "Error parsing JSON: TypeError: Cannot read
    // properties of undefined (reading '0')".
    /\berror parsing (?:the )?(?:json|response)(?: response| body)?:/,
  ],
  unavailable: [
    // A local server that has the model (or the engine that serves it) but not in memory: LM Studio "Model
    // with key 'gpt-3.5-turbo' not loaded.", and batch 43's Jan 400 "Engine is not loaded yet". Not a hosted
    // API's "not loaded on the server", which loads on demand and asks for a retry (Hugging Face's Inference
    // API, batch 66: a transient state).
    /\b(?:model|engine)\b(?:[^.\n]|\.(?=\S)){0,60}?\b(?:is |was )?not (?:currently )?loaded\b(?! on (?:the|this|our) server\b)/,
  ],
  request: [
    // Our call blocked by the browser before it left: "Access to fetch at '…/v1/models' from origin
    // 'app://obsidian.md' has been blocked by CORS policy: Request header field x-stainless-timeout is not
    // allowed by Access-Control-Allow-Headers in preflight response."
    /\bblocked by cors policy\b/,
    // A parameter over its bound, in OpenAI's validator words: "14 is greater than the maximum of 1 -
    // 'top_p'".
    /\bis (?:greater|less) than the (?:maximum|minimum) of [\d.]+ - '\w+'/,
  ],
  network: [
    // A host the client could not reach: "Sorry, Bito is not reachable due to a network or server issue."
    /\bis (?:not |un)reachable\b/,
  ],
};
