import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 55's train messages (test/fixtures/taxonomy/provider-errors-55.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 55 is Anthropic's and Bedrock's request errors of 2025-2026, OpenAI's and
 * Google's newer surfaces (files, audio, images, realtime), and transport failures from many HTTP clients
 * with their near misses.
 */
export const WORDINGS_55: WordingSet = {
  requestFirst: [
    // Streaming our call must or must not use, whatever status or advice wraps it: Azure 403 "Streaming
    // requests are not yet allowed."; Anthropic 500 "Streaming is required for operations that may take
    // longer than 10 minutes" (a client's "server-side issue, usually temporary" around it).
    /\bstreaming (?:requests? )?(?:is|are) not (?:yet )?(?:allowed|supported|enabled)\b/,
    /\bstreaming is required for (?:operations|requests)\b/,
  ],
  auth: [
    // No key set on our side, under a client's connection words: "CONNECTION FAILED … API key not
    // configured".
    /\bapi[ _-]?key (?:is )?not (?:configured|set|provided)\b/,
  ],
  contentFilter: [
    // A guardrail that fired on the input or output, under a search engine's illegal-argument 400:
    // OpenSearch "guardrails triggered for user input".
    /\bguardrails? (?:was |were |has been |have been )?(?:triggered|tripped)\b/,
  ],
  output: [
    // An answer whose tool calls a parser could not read: "No parseable tool calls provided to
    // GoogleGenerativeAIToolsOutputParser."
    /\bno (?:parseable|parsable|valid) tool[ _]calls?\b/,
  ],
  request: [
    // Gemini's INVALID_ARGUMENT where a socket's close carries it (the Live API's close code 1007): "socket
    // closed code=1007 reason="Request contains an invalid argument."".
    /\brequest contains an invalid argument\b/,
  ],
  overloaded: [
    // A server shedding load at admission: xAI "Status { code: ResourceExhausted, message: "Admission denied
    // by perf_based_admission_controller: load_shed_probability=…" }".
    /\bload[_ ]shed(?:ding)?\b|\badmission denied by\b/,
  ],
  timeout: [
    // .NET's HttpClient deadline as its inner exception says it: "Unable to read data from the transport
    // connection: Operation canceled."; Winsock's 10060 (WSAETIMEDOUT) as "SocketException (10060)".
    /\bunable to read data from the transport connection: (?:the )?operation (?:was )?cancell?ed\b/,
    /\bsocketexception \(10060\)/,
  ],
  network: [
    // A relay's fetch of the provider that failed, whatever status it wrapped around it (batches 21 and
    // 40 label it so): "API Error (500 {"error":{"message":"fetch failed…"; "503 OpenAI API transport
    // error: fetch failed (code=ENETDOWN)".
    /\bfetch failed\b/,
    // "proxy: streaming interrupted"; gRPC "The response ended prematurely while waiting for the next
    // frame"; Cloudflare's 523 page "Cloudflare could not reach your host web server".
    /\bstream(?:ing)? (?:was )?interrupted\b/,
    /\bresponse ended prematurely\b/,
    /\bcould not reach (?:your|the) (?:host|origin)\b/,
  ],
};
