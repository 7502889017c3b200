import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the transport kinds, written from every batch's train messages of those
 * kinds (not from one batch): each regex with a comment naming the meaning and two or more train
 * messages from different sources it covers. Slots and precedence: wording-set.ts.
 */

/**
 * The provider's own failure for now, with no capacity words (those were read as overloaded before this
 * slot): a service (not a model) unavailable for the moment, or an error of its own with a retry hint.
 */
export const PROVIDER_DOWN_FOR_NOW: readonly RegExp[] = [
  /\b(?:service|server|inference|api|backend|endpoint|upstream|system)\b(?: \w+){0,2}? (?:is |was |are )?(?:temporarily|currently|momentarily) (?:unavailable|down|offline|not available)\b/,
  /\b(?:(?:internal )?server|system|backend|internal|unexpected|unknown) error\b(?: has occurred| occurred)?[^\n]{0,60}?\b(?:try again|retry)\b/,
];

/** The provider's own failure in words, when nothing else decided and no 4xx came with it. */
export const PROVIDER_FAILED: readonly RegExp[] = [
  // A server, upstream or provider that says it failed.
  /\b(?:server|upstream|backend|service)\b(?: \w+){0,2}? (?:returned|reported|raised|encountered|responded with|ran into|hit) (?:an? )?(?:\w+ ){0,2}?(?:error|failure|exception|issue|problem)\b/,
  // Its code crashing under our request, as it quoted the crash.
  /\bcannot read propert(?:y|ies) of (?:undefined|null) \(reading '(?!choices|content|message|text|candidates|delta|parts)|\bis not a function\b|'nonetype' object\b|\bnullpointerexception\b|\bsegmentation fault\b|\bprobability tensor contains\b/,
  // Its exception or reason names.
  /\b\w*(?:backend|upstream|badgateway|gatewayinternalserver)(?:error|exception)\b/,
];

/** A deadline passed, in words other than "timeout". */
export const DEADLINE_PASSED: readonly RegExp[] = [
  /\btook (?:longer|more) than \d|\b(?:exceeded|over|past) (?:the |its |our )?(?:maximum |max |allowed |configured )?(?:time limit|execution time|wait(?:ing)? time|response time|time budget)\b|\btime limit (?:was )?(?:exceeded|reached)\b/,
  /\bno (?:response|reply|answer|data) (?:was )?(?:received )?(?:within|after|in) (?:the )?\d|\b(?:did not|didn't|failed to) (?:respond|answer|reply|complete|finish)\b(?: \w+){0,3} (?:in time|within \d)/,
  // An abort signal fired: the browser's fetch and Node's AbortSignal.
  /\bthe user aborted a request\b|\bsignal (?:is|was) aborted\b/,
];

/** The connection itself failed or broke: no HTTP answer, or only part of one. */
export const CONNECTION_BROKE: readonly RegExp[] = [
  // A connection noun with a failure predicate.
  /(?<!remote |delayed connect error: )\bconnection (?:error|failed|failure|lost|dropped|broken|reset|refused|aborted|interrupted)\b(?![^\n]{0,40}?\b4\d\d\b)|\bconnection (?:was |has been )?(?:reset|closed|dropped|refused|aborted) by (?:the )?(?:peer|remote|server|host|other side)\b/,
  // Failing to connect, reach or fetch.
  /\b(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:connect|establish (?:a |the )?connection|reach (?:the )?(?:server|host|api|endpoint)|fetch(?! [a-z]))\b(?![^\n]{0,40}?\b4\d\d\b)/,
  // The network or the host name itself.
  /\bnetwork (?:error|failure|is unreachable|unreachable)\b(?![^\n]{0,40}?\b4\d\d\b)|\bcould not resolve (?:host|hostname)\b|\bno such host\b|\bname resolution\b|\bhost (?:is )?unreachable\b/,
  // TLS and certificates.
  /\beof occurred in violation of protocol\b|\bssl(?:eof|certverification)?error\b|\bcertificate verify failed\b|\btls (?:handshake|connection)\b[^.\n]{0,30}\b(?:failed|error|timed out|reset|closed)\b/,
  // Transport exception class names (not API wrappers such as APIConnectionError).
  /\b(?:remoteprotocol|connectionreset|connectionrefused|connectionaborted|serverdisconnected|clientconnector|clientos|socket|network|transport|protocol|connection)(?:error|exception)\b/,
  // The body cut short.
  /\bpremature(?:ly)? (?:close|closed|eof)\b|\bincomplete chunked read\b|\bremote (?:end|host|side) (?:closed|hung up|disconnected)\b|\bserver disconnected\b/,
  // The socket or pipe under the request, in the words of Go, Rust, Python requests, axios and browsers.
  /\bbroken pipe\b|\bunexpected eof\b|\bno route to host\b|\bconnection closed before (?:message|response) completed\b|\berror trying to connect\b|\btcp connect error\b|\bincompleteread\b|\bchunkedencodingerror\b|\bsocket (?:is |was )?closed\b|\bsocket hang up\b|\berr_network\b|\bnet::err_\w+|\bconnection (?:was |has been )lost\b|\binternet connection appears to be offline\b/,
];

/** The provider short of servers, in other words than "overloaded" or "capacity". */
export const CAPACITY_SHORT: readonly RegExp[] = [
  /\b(?:servers?|gpus?|workers?|nodes?|replicas|instances|slots)\b(?: \w+){0,2}? (?:are |is )?(?:all )?(?:busy|saturated|occupied|fully (?:used|utili[sz]ed|loaded))\b|\bunder (?:heavy|high|peak) load\b|\b(?:demand|load|traffic) is (?:currently )?(?:very |unusually |extremely )?(?:high|heavy)\b|\byour (?:queue position|position in (?:the )?queue) is\b|\bno (?:free|idle|available) (?:slots?|gpus?|workers?|servers?|nodes?)\b/,
];

export const WORDINGS_TRANSPORT: WordingSet = {
  overloaded: [...CAPACITY_SHORT],
  server: [...PROVIDER_DOWN_FOR_NOW],
  timeout: [...DEADLINE_PASSED],
  network: [...CONNECTION_BROKE],
  serverLate: [...PROVIDER_FAILED],
};
