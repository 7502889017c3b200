import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 20's train messages (test/fixtures/taxonomy/provider-errors-20.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 20 is what clients of the providers in Go, Java and Kotlin, .NET, Rust, Ruby, PHP, Swift and
 * other languages print around the providers' errors.
 */
export const WORDINGS_20: WordingSet = {
  request: [
    // A client's own model registry that does not list the id, which says nothing about the provider:
    // RubyLLM "ModelNotFoundError: Unknown model: "…". If the model exists at the provider, refresh the
    // registry with `RubyLLM.models.refresh!`". RubyLLM raises ModelNotFoundError only from that
    // registry's lookup (`Models#find`), never for a provider's answer, so the class name alone says
    // it when a log keeps only the first sentence.
    /\bif the model exists (?:at|on|with) the provider\b|\brefresh (?:the|your) (?:model )?registry\b|\brubyllm::modelnotfounderror\b/,
  ],
  network: [
    // Go's dialer failing to connect, for any reason but a deadline (that one says "i/o timeout" and is
    // read as a timeout first): "Post "http://…/v1/chat/completions": dial tcp 10.43.182.197:80: connect:
    // operation not permitted".
    /\bdial tcp\b[^\n]{0,80}?\bconnect: /,
  ],
  notFound: [
    // Google's front end answering that the URL naming the model does not exist: "projects/…/locations/…
    // /publishers/google/models/gemini-2.5-flash-preview-05-20:streamGenerateContent was not found on
    // this server." (404). The path is the model's own, so the id is what is unknown.
    /\/publishers\/[\w-]+\/models\/[^\s/]+?(?::\w+)?\s*(?:<\/code>\s*)?was not found on this server\b/,
  ],
};
