import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 34's train messages (test/fixtures/taxonomy/provider-errors-34.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 34 is the product providers' feature APIs beside chat (batch jobs, files,
 * context caching, audio, realtime sessions, fine-tuning, image generation, guardrails), where what our
 * request names is a resource of its own: a file, a dataset, a container, a guardrail.
 */

/** A resource our request names that is not a model: a file, a job's data, a tool's sandbox, a guardrail. */
const REQUEST_RESOURCE = String.raw`(?:file|uploaded file|document|dataset|table|bucket|container|vector store|thread|assistant|batch|job|guardrail|knowledge base)`;

export const WORDINGS_34: WordingSet = {
  request: [
    // A file the request references that the caller may not read or that no longer exists, whatever
    // status carries it: Gemini's 403 "You do not have permission to access the File xxxx or it may not
    // exist." (an uploaded file past its lifetime). The subject is our request's file, not the account.
    new RegExp(
      String.raw`\b(?:do not|don't|does not|doesn't) have permission to access (?:the |this )?${REQUEST_RESOURCE}\b`,
    ),
    // More items of a kind than one request may carry: Bedrock Converse "You can't include more than 5
    // documents in a request."
    /\b(?:can(?:no|['’])t|cannot|may not|must not) include more than \d+ [\w-]+(?: [\w-]+)? in (?:a|one|each|the|your) request\b/,
    // A resource of our request, named by its kind, not found (never a model or a deployment, which are
    // the hard rules'): Vertex batch prediction "Not found: Dataset p:llm_bp_tenant_dataset_… was not
    // found in location US", OpenAI "Container with id 'cntr_…' not found."
    new RegExp(
      String.raw`\b${REQUEST_RESOURCE}(?: with id)? [${"`"}'"]?[\w:./-]+[${"`"}'"]? (?:was |is |could )?(?:not found|not be found)\b`,
    ),
    // The identifier of such a resource declared invalid: Bedrock "The provided guardrail identifier is
    // invalid." (as Bedrock's "provided model identifier is invalid" is for a model).
    new RegExp(String.raw`\bprovided ${REQUEST_RESOURCE} (?:identifier|id|arn|name) is invalid\b`),
    // Our input data in the wrong shape for a job: Bedrock fine-tuning "Input data at
    // fine-tuning-datasets/train/….jsonl must follow '{"prompt": …, "completion": …}' format".
    /\b(?:input data|input file|training (?:file|data)|data file)\b[^\n]{0,160}?\bmust (?:follow|be in|match|conform to)\b/,
  ],
  server: [
    // The provider still setting up its side, with a hint to retry: Vertex's 400 FAILED_PRECONDITION
    // "Service agents are being provisioned (…). Service agents are needed to read the Cloud Storage file
    // provided. So please try again in a few minutes." It passes by itself, whatever the 400 says.
    /\bbeing provisioned\b[^\n]{0,240}?\btry again\b/,
  ],
};
