import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 69 (src/taxonomy/wordings-69.ts, a model architecture in phrasings.ts and the caller's place in wordings-access.ts;
 * issue 17 item 11), each family from batch 69's train messages by meaning, in words of our own here (no
 * held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a tool call's JSON the provider could not parse": [
    {
      message:
        "Upstream error: could not parse tool arguments JSON: Unexpected token } at position 12. Please retry.",
      kind: "output_invalid",
    },
    {
      message: "failed to parse the tool input json returned by the model",
      httpStatus: 500,
      kind: "output_invalid",
    },
  ],
  "our client's address or SDK": [
    {
      message: "This API can only be accessed over HTTPS; use https://api.example.com instead.",
      kind: "bad_request",
    },
    { message: "UnknownServiceError: Unknown service: 'sagemaker-runtime-v2'", kind: "bad_request" },
  ],
  "a model server still loading the model, as its whole message": [
    {
      message: '{"error":{"message":"Loading the model...","type":"unavailable_error"}}',
      httpStatus: 503,
      kind: "overloaded",
    },
    { message: "Loading model", kind: "overloaded" },
  ],
  "a model architecture a serving stack cannot run": [
    { message: "Model architecture ['MambaForCausalLM'] is not yet supported", kind: "model_unavailable" },
  ],
  "a runtime's start-up time exceeded": [
    {
      message: "Container startup time exceeded: the endpoint did not become healthy within 60s",
      kind: "timeout",
    },
  ],
  "the caller's place said as where the request comes from": [
    {
      message: "Access to these models is not available from your region (BR).",
      httpStatus: 451,
      kind: "auth",
    },
    { message: "Gemini models are not offered from this data centre.", kind: "auth" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model that failed to load for itself stays with the load-failure rule, not the loading one.
  { message: "error loading model: out of memory", httpStatus: 500, kind: "server_error" },
  // Our own JSON the provider could not parse is our request.
  { message: "Could not parse the JSON body of your request", httpStatus: 400, kind: "bad_request" },
  // A model unknown stays hard.
  { message: "The model `demo-7` does not exist", httpStatus: 404, kind: "model_not_found" },
];

describeWordings(
  "the wordings of batch 69 (OpenAI's, Azure's and Anthropic's rarer surfaces, Bedrock and Vertex SDKs, model servers)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["a model architecture a serving stack cannot run"], status: 503 },
);
