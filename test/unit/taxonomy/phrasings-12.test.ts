import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 12 (AGENT_WORDINGS in src/taxonomy/phrasings.ts, issue 17 item 11):
 * errors as agent, IDE, notebook and chat-UI trackers quote them, each family from batch 12's train
 * messages by meaning, in words of our own here (no held-out text). Then the near misses each family
 * must leave to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a free offer that ended": [
    { message: "ModelError: Free promotion has ended for Demo Free.", kind: "billing" },
    { message: "You can continue using the model by subscribing to the Pro plan.", kind: "billing" },
  ],
  "a caller's location the provider does not serve": [
    { message: "Unavailable: this model provider does not serve your country.", kind: "auth" },
  ],
  "the model named in a refusal that reads like credentials": [
    {
      message: '{"error":{"message":"Not found the model demo-2 or Permission denied"}}',
      httpStatus: 404,
      kind: "model_not_found",
    },
    {
      message: '{"error":{"type":"permission_error","message":"Invalid model","code":"model_not_allowed"}}',
      kind: "model_unavailable",
    },
  ],
  "not for this account, plan, tier, region or deployment": [
    {
      message: "The 'demo-5' model is not supported when using Demo CLI with a free account.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    { message: "Demo Ultra is not available on the Starter plan.", kind: "model_unavailable" },
    {
      message: "Demo Max is not available. Please use Demo Mid.",
      httpStatus: 404,
      kind: "model_unavailable",
    },
    {
      message: "InvalidResourceProperties: model 'demo-vision' is not supported in this region 'westus'.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    {
      message: "The model is unavailable in your region. Enable cross-region inference to use it.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    { message: "NotFoundError: No valid deployments to route to.", kind: "model_unavailable" },
    { message: "错误1311：当前套餐暂未开放Demo-5权限", kind: "model_unavailable" },
  ],
  "a queue in front of the model": [
    { message: "Too many current requests. Your queue position is 12.", kind: "overloaded" },
  ],
  "the provider naming its own failure before a retry hint": [
    { message: '{"error":{"code":"system_error","detail":"Try again later."}}', kind: "server_error" },
    { message: "Server error. Try again later.", kind: "server_error" },
  ],
  "a structured-output library giving up on the answer": [
    {
      message: "UnexpectedModelBehavior: Exceeded maximum retries (3) for output validation",
      kind: "output_invalid",
    },
    {
      message: "AdapterParseError: Adapter ChatAdapter failed to parse the LM response.",
      kind: "output_invalid",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A plan that ran out of money is billing, never the plan-not-for-this-model family.
  { message: "Your credit balance is too low for the Starter plan.", httpStatus: 400, kind: "billing" },
  // A region the whole provider does not serve is the caller's location (auth), not the model's.
  { message: "Country, region, or territory not supported", httpStatus: 403, kind: "auth" },
  // A deployment that does exist but answers busy is a capacity matter.
  { message: "The server is overloaded. Your request was queued.", httpStatus: 529, kind: "overloaded" },
  // A serving endpoint that does not exist names an endpoint, not a model (messages.ts decides so).
  { message: "404 Endpoint `projects/p/locations/l/endpoints/7` not found.", kind: "unknown" },
  // A bare 404 with no words about the model stays undecided.
  { message: "Error code: 404", httpStatus: 404, kind: "unknown" },
];

describeWordings("wordings quoted in agent, IDE and chat-UI trackers (batch 12)", FAMILIES, NEAR_MISSES, {
  families: [
    "the model named in a refusal that reads like credentials",
    "not for this account, plan, tier, region or deployment",
  ],
  status: 503,
});
