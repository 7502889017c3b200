import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the transport kinds (network, timeout, server_error, overloaded),
 * written from every batch's train messages of those kinds, not from one batch: each regex with a
 * comment naming its meaning and the train messages (batch, provider) it covers. How broad each is on
 * train, and what it matches of other kinds: test/fixtures/taxonomy/README.md. Slots and precedence:
 * wording-set.ts.
 */

/**
 * The provider's own failure for now, with no capacity words (those were read as overloaded before
 * this slot, which sits before the "try again later" rule that would call it overloaded). A deadline
 * named beside it is left to the timeout rule.
 */
export const PROVIDER_DOWN_FOR_NOW: readonly RegExp[] = [
  // A service (not a model) unavailable for the moment: "Inference is temporarily unavailable" (8,
  // opencode-zen), "Service temporarily unavailable. Please try again shortly." (14, commandcode), "The
  // service is currently unavailable." (15, gemini).
  /\b(?:service|server|inference|api|backend|endpoint|upstream|system)\b(?: \w+){0,2}? (?:is |was |are )?(?:temporarily|currently|momentarily) (?:unavailable|down|offline|not available)\b(?![^\n]{0,80}?(?:timed? ?out|deadline))/,
  // An error of its own with a retry hint: "An internal error has occurred. Please retry or report…"
  // (1, 3, 6, 8, 15: vertex, gemini), "Server error. Try again later." (12, chatbox).
  /\b(?:(?:internal )?server|system|backend|internal|unexpected|unknown) error\b(?: has occurred| occurred)?[^\n]{0,60}?\b(?:try again|retry)\b(?![^\n]{0,80}?(?:timed? ?out|deadline))/,
  // A stream the provider ended with finish_reason "error", whatever the client's wrapper calls it:
  // "APIConnectionError. OpenrouterException - openrouter raised a streaming error - finish_reason.
  // error, no content string given" (7, openrouter, 502). OpenRouter's own "error_finish" is not
  // this (a rate limit quoted with it decides there).
  /\bfinish_?reason['"]?\W{1,4}['"]?error\b(?!_)/,
];

/**
 * The provider's own failure in words, when nothing else decided (the late slot: never under a 4xx,
 * and after every status, so only a message without one).
 */
export const PROVIDER_FAILED: readonly RegExp[] = [
  // A server, engine or service that says it failed: "EngineCore encountered an issue." (14, vllm),
  // "Request processing has failed due to some unknown error." (16, siliconflow).
  /\b(?:server|upstream|backend|service|system|engine\w*)\b(?: \w+){0,2}? (?:returned|reported|raised|encountered|responded with|ran into|hit) (?:an? )?(?:\w+ ){0,2}?(?:error|failure|exception|issue|problem)\b|\bfailed due to (?:some |an )?(?:unknown|internal|unexpected) error\b/,
  // Its code crashing under our request, as it quoted the crash: "Cannot read properties of undefined
  // (reading 'status')" (9, together), "… jinja template: TypeError: Cannot read properties of undefined
  // (reading 'type')" (10, lmstudio), "probability tensor contains either `inf`, `nan` …" (12,
  // fastchat). Our own client failing on the answer's fields (choices, content) is not this.
  /\bcannot read propert(?:y|ies) of (?:undefined|null) \(reading '(?!choices|content|message|text|candidates|delta|parts)|\bis not a function\b|'nonetype' object\b|\bnullpointerexception\b|\bsegmentation fault\b|\bprobability tensor contains\b/,
  // The provider owning the failure as its own side's: "Something went wrong on our end", "An unexpected
  // error occurred on our side", "We're having a problem on our end" (by meaning; "on your end" is not it).
  /\b(?:something|an? (?:unexpected |internal |temporary )?(?:error|problem|issue|failure|fault|glitch|snag)) (?:went wrong|broke|failed|happened|occurred|has occurred|was encountered) on our (?:end|side)\b|\bwe(?: are|'re| have| had| hit| ran into| encountered)(?: having| run into| hit)? (?:an? )?(?:unexpected |internal |temporary )?(?:error|problem|issue|snag|glitch|trouble|outage)s? on our (?:end|side)\b|\b(?:an? )?(?:temporary |unexpected |internal )?(?:error|problem|issue|glitch|outage) on our (?:end|side)\b/,
  // No backend left to serve: Envoy's "no healthy upstream" (14, vllm). (A local runner's process
  // that terminated is not here: its reason is often the model, which is hard.)
  /\bno healthy (?:upstreams?|backends?|hosts?|endpoints?|replicas?)\b/,
  // A 5xx the client stated in words the status parser did not read (504, 522, 524: timeouts; 529:
  // overloaded; those are read by the rules before): "the response has a status code of 503" (7, 9:
  // gemini).
  /\bstatus code (?:of|was|is) (?!504\b|52[249]\b)5\d\d\b/,
  // A gateway's or backend's error names: "litellm.BadGatewayError" (14, openai), "reason":
  // "backendError" (15, gemini), "GatewayInternalServerError" (16, vercel).
  /\b\w*(?:backend|upstream|badgateway|gatewayinternalserver)(?:error|exception)\b/,
];

/**
 * A deadline passed, in words other than "timeout" (every train timeout says timeout, timed out,
 * deadline or aborted, which the base rule reads): "The function call took longer than 60 second(s)"
 * (14, together); the rest by meaning.
 */
export const DEADLINE_PASSED: readonly RegExp[] = [
  /\btook (?:longer|more) than \d|\b(?:exceeded|over|past) (?:the |its |our )?(?:maximum |max |allowed |configured )?(?:time limit|execution time|wait(?:ing)? time|response time|time budget)\b|\btime limit (?:was )?(?:exceeded|reached)\b|\bno (?:response|reply|answer|data) (?:was )?(?:received )?(?:within|after|in) (?:the )?\d|\b(?:did not|didn't|failed to) (?:respond|answer|reply|complete|finish)\b(?: \w+){0,3} (?:in time|within \d)/,
];

/**
 * The connection itself failed or broke: no HTTP answer, or only part of one. This slot comes before
 * the status rules, so a client's transport words wrapped around a 4xx answer ("Connection failed:
 * Error code: 400 - …") are left to the answer, and Envoy's own upstream words to the server rule.
 */
export const CONNECTION_BROKE: readonly RegExp[] = [
  // A connection noun with a failure predicate: "Connection error." (1, 4, 8, 14, 16: anthropic,
  // openai, ollama), "TCP connection reset by peer" (8, openai), "Connection Failed: Connect error"
  // (16, openai), "DioException [connection error]" (15, gemini).
  /(?<!remote |delayed connect error: )\bconnection (?:error|failed|failure|lost|dropped|broken|reset|refused|aborted|interrupted)\b(?![^\n]{0,40}?\b4\d\d\b)|\bconnection (?:was |has been )?(?:reset|closed|dropped|refused|aborted) by (?:the )?(?:peer|remote|server|host|other side)\b/,
  // An error during a connection, and a connect reset (Firefox's NSS PR_CONNECT_RESET_ERROR): "An error
  // occurred during a connection to api.openai.com. … PR CONNECT RESET ERROR." (8, openai).
  /\b(?:error|failure|problem)\b(?: \w+){0,2} (?:during|while) (?:a |the )?(?:connection|connecting)\b|\bpr[ _]connect[ _]reset[ _]error\b|\bconnect reset\b/,
  // Failing to connect, reach or fetch: "Unable to connect to API (ECONNRESET)" (4, anthropic), "Failed
  // to connect to upstream service" under a 503 (14, tinfoil), "Cannot connect to API" (16, opencode-zen).
  /\b(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:connect|establish (?:a |the )?(?:new )?connection|reach (?:the )?(?:server|host|api|endpoint)|fetch(?! [a-z]))\b(?![^\n]{0,40}?\b4\d\d\b)/,
  // The network or the host name itself (by meaning; the train ones say getaddrinfo or EAI_AGAIN).
  /\bnetwork (?:error|failure|is unreachable|unreachable)\b(?![^\n]{0,40}?\b4\d\d\b)|\bcould not resolve (?:host|hostname)\b|\bno such host\b|\bname resolution\b|\bhost (?:is )?unreachable\b/,
  // TLS and certificates: "SSLError(SSLEOFError(8, 'EOF occurred in violation of protocol …" (8,
  // openai), "EOF occurred in violation of protocol (_ssl.c:1007)" (14, vertex), "SSLCertVerificationError
  // … certificate verify failed" (14, gorilla).
  /\beof occurred in violation of protocol\b|\bssl(?:eof|certverification)?error\b|\bcertificate verify failed\b|\btls (?:handshake|connection)\b[^.\n]{0,30}\b(?:failed|error|timed out|reset|closed)\b/,
  // Transport exception names (not API wrappers such as APIConnectionError): "httpx.RemoteProtocolError"
  // (1, groq), "SocketError: other side closed" (2, copilot; 4, anthropic), "ConnectionResetError" (8,
  // openrouter), "SocketException" (15, gemini).
  /\b(?:remoteprotocol|connectionreset|connectionrefused|connectionaborted|serverdisconnected|clientconnector|clientos|newconnection|proxy|socket|network|transport|protocol|connection)(?:error|exception)\b/,
  // The body cut short: "peer closed connection … (incomplete chunked read)" (1, anthropic, groq; 8,
  // deepseek), "Premature close" (16, openai, opencode-go).
  /\bpremature(?:ly)? (?:close|closed|eof)\b|\bincomplete chunked read\b|\bremote (?:end|host|side) (?:closed|hung up|disconnected)\b|\bserver disconnected\b/,
  // The socket or pipe under the request, as Go, Rust (hyper), Python requests, axios and browsers say
  // it: "socket hang up" (4, bedrock, openai); the rest by meaning.
  /\bbroken pipe\b|\bunexpected eof\b|\bno route to host\b|\bconnection closed before (?:message|response) completed\b|\berror trying to connect\b|\btcp connect error\b|\bincompleteread\b|\bchunkedencodingerror\b|\bsocket (?:is |was )?closed\b|\bsocket hang up\b|\berr_network\b|\bnet::err_\w+|\bconnection (?:was |has been )lost\b|\binternet connection appears to be offline\b/,
  // An HTTP/2 or WebSocket stream the other side tore down, and a stream cut in transit (by meaning):
  // GOAWAY and RST_STREAM frames, a WebSocket's abnormal closure, Node's ERR_STREAM_PREMATURE_CLOSE.
  /\bgoaway\b|\brst_stream\b|\babnormal closure\b|\berr_stream_premature_close\b|\b(?:stream|sse|event stream|websocket)\b(?: \w+){0,2}? (?:was |got )?(?:interrupted|dropped|cut off|lost)\b/,
];

/**
 * The provider short of servers, in other words than "overloaded" or "capacity": "The server is busy."
 * (10, deepseek), "Too many current requests. Your queue position is 66." (12, trae).
 */
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
