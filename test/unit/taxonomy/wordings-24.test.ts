import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 24 (src/taxonomy/wordings-24.ts and IN_REQUEST_BODY in patterns.ts,
 * issue 17 item 11): the terse sentences of the providers' own error-code pages, each family from
 * batch 24's train messages by meaning, in words of our own here (no held-out text). Then the near
 * misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a free or trial allowance spent": [
    { message: "The free quota has been used up.", httpStatus: 401, kind: "billing" },
    { message: "Your trial credits are exhausted", kind: "billing" },
  ],
  "the account itself not usable": [
    { message: "This account is inactive.", kind: "auth" },
    { message: "Your account has been locked for security reasons", httpStatus: 400, kind: "auth" },
    { message: "The account does not exist", kind: "auth" },
  ],
  "credentials the provider could not read": [
    { message: "Missing authorization header", httpStatus: 400, kind: "auth" },
    { message: "failed to parse the Authorization header", kind: "auth" },
  ],
  "the prompt over the input bound, as a comparison": [
    {
      message: "input length 9000 should be less than the max input length 8192",
      httpStatus: 400,
      kind: "context_length",
    },
  ],
  "a request-rate list exceeded": [
    { message: "You exceeded your current request limit", kind: "rate_limit" },
  ],
  "a validator's error located in the request body": [
    {
      message: `[{'type': 'json_invalid', 'loc': ('body', 12), 'msg': 'JSON decode error', 'ctx': {'error': "Expecting value"}}]`,
      httpStatus: 400,
      kind: "bad_request",
    },
    {
      message: `{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required"}]}`,
      kind: "bad_request",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A billing account that is inactive is billing's, not the account's credentials.
  { message: "Your billing account is inactive", kind: "unknown" },
  // OpenAI's "current quota" is money, not a request rate.
  {
    message: "You exceeded your current quota, please check your plan and billing details.",
    kind: "billing",
  },
  // A JSON decoder's words about an answer, with no request-body location, stay an unusable answer.
  { message: "Expecting ',' delimiter: line 1 column 20 (char 19)", kind: "output_invalid" },
  // A context window stated as the model's maximum stays a context length.
  { message: "This model's maximum context length is 8192 tokens", kind: "context_length" },
];

describeWordings("wordings of the providers' error-code pages (batch 24)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
