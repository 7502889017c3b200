/**
 * Provider and SDK error messages in the formats they really produce (python SDK reprs
 * "Error code: NNN - {...}", openai-node "NNN message", botocore "An error occurred (X) when
 * calling the Y operation: ...", google-api-core "NotFound: 404 ...", mistralai "API error
 * occurred: Status NNN"), with the kind each must classify as. `note` says why when the answer
 * is a precedence decision.
 */
import type { ErrorKind } from "../../../src/taxonomy/kinds.js";

export interface MessageCase {
  provider: string;
  httpStatus?: number;
  exceptionType?: string;
  model?: string;
  message: string;
  kind: ErrorKind;
  note?: string;
}

export const MESSAGES: MessageCase[] = [
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "gpt-4.5-preview",
    message:
      "Error code: 404 - {'error': {'message': 'The model `gpt-4.5-preview` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
    kind: "model_not_found",
  },
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "text-davinci-003",
    message:
      "Error code: 404 - {'error': {'message': 'The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
    kind: "model_retired",
    note: "deprecated in the past tense beats the model_not_found code",
  },
  {
    provider: "openai",
    httpStatus: 403,
    exceptionType: "PermissionDeniedError",
    model: "o1-pro",
    message:
      "Error code: 403 - {'error': {'message': 'Project `proj_Ab12Cd34Ef56Gh78` does not have access to model `o1-pro`', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
    kind: "model_unavailable",
    note: "exists, not for this project, despite the code",
  },
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "o1-pro",
    message:
      "Error code: 404 - {'error': {'message': 'This model is only supported in v1/responses and not in v1/chat/completions.', 'type': 'invalid_request_error', 'param': 'model', 'code': None}}",
    kind: "bad_request",
    note: "wrong API surface, sent as a 404",
  },
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "davinci-002",
    message:
      "Error code: 404 - {'error': {'message': 'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?', 'type': 'invalid_request_error', 'param': 'model', 'code': None}}",
    kind: "bad_request",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "o3-mini",
    message:
      "Error code: 400 - {'error': {'message': \"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\", 'type': 'invalid_request_error', 'param': 'max_tokens', 'code': 'unsupported_parameter'}}",
    kind: "bad_request",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "gpt-5",
    message:
      "Error code: 400 - {'error': {'message': \"Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.\", 'type': 'invalid_request_error', 'param': 'temperature', 'code': 'unsupported_value'}}",
    kind: "bad_request",
  },
  {
    provider: "openai",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "gpt-4o",
    message:
      "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
    kind: "billing",
    note: "insufficient_quota arrives as a 429",
  },
  {
    provider: "openai",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "gpt-4o",
    message:
      "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-Xy12AbCdEf34Gh56 on tokens per min (TPM): Limit 30000, Used 28843, Requested 2190. Please try again in 2.066s. Visit https://platform.openai.com/account/rate-limits to learn more.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}",
    kind: "rate_limit",
  },
  {
    provider: "openai",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "gpt-4o",
    message:
      "Error code: 429 - {'error': {'message': 'Request too large for gpt-4o in organization org-Xy12AbCdEf34Gh56 on tokens per min (TPM): Limit 30000, Requested 45012. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}",
    kind: "rate_limit",
    note: "issue 17: a per-minute token budget is a rate limit, not the model's context length",
  },
  {
    provider: "openai",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    model: "gpt-4o-mini",
    message:
      "Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************************************Ab1c. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
    kind: "auth",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "gpt-4o",
    message:
      "Error code: 400 - {'error': {'message': \"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.\", 'type': 'invalid_request_error', 'param': 'messages', 'code': 'context_length_exceeded'}}",
    kind: "context_length",
  },
  {
    provider: "openai",
    httpStatus: 503,
    exceptionType: "InternalServerError",
    message:
      "Error code: 503 - {'error': {'message': 'The engine is currently overloaded, please try again later', 'type': 'server_error', 'param': None, 'code': None}}",
    kind: "overloaded",
  },
  {
    provider: "openai",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'error': {'message': 'That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID 3f9c0e1a2b3c4d5e6f708192a3b4c5d6 in your message.)', 'type': 'server_error', 'param': None, 'code': None}}",
    kind: "overloaded",
    note: "overloaded words beat the 429",
  },
  {
    provider: "openai",
    httpStatus: 500,
    exceptionType: "InternalServerError",
    message:
      "Error code: 500 - {'error': {'message': 'The server had an error while processing your request. Sorry about that!', 'type': 'server_error', 'param': None, 'code': None}}",
    kind: "server_error",
  },
  { provider: "openai", exceptionType: "APITimeoutError", message: "Request timed out.", kind: "timeout" },
  { provider: "openai", exceptionType: "APIConnectionError", message: "Connection error.", kind: "network" },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "o3",
    message:
      "Error code: 400 - {'error': {'message': 'Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_prompt'}}",
    kind: "content_filter",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "o3",
    message:
      "Error code: 400 - {'error': {'message': 'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.', 'type': 'invalid_request_error', 'param': 'stream', 'code': 'unsupported_value'}}",
    kind: "bad_request",
    note: "the streaming call path is refused; non-streaming works",
  },
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    message:
      "Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/chat/completion)', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
    kind: "bad_request",
    note: "our path is wrong",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Billing hard limit has been reached', 'type': 'invalid_request_error', 'param': None, 'code': 'billing_hard_limit_reached'}}",
    kind: "billing",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "gpt-5-mini",
    message:
      "Error code: 400 - {'error': {'message': \"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 8 instead.\", 'type': 'invalid_request_error', 'param': 'max_output_tokens', 'code': 'integer_below_min_value'}}",
    kind: "bad_request",
  },
  {
    provider: "openai",
    model: "gpt-5-turbo",
    message: "404 The model `gpt-5-turbo` does not exist or you do not have access to it.",
    kind: "model_not_found",
    note: "openai-node format, no status passed",
  },
  {
    provider: "openai",
    message:
      "429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
    kind: "billing",
    note: "openai-node format, code not printed",
  },
  {
    provider: "openai",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      "Error code: 401 - {'error': {'message': \"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
    kind: "auth",
  },
  {
    provider: "azure",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': \"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766\", 'type': None, 'param': 'prompt', 'code': 'content_filter', 'status': 400}}",
    kind: "content_filter",
  },
  {
    provider: "azure",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Unrecognized request argument supplied: max_completion_tokens', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
    kind: "bad_request",
  },
  {
    provider: "anthropic",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "claude-3-opus-latest",
    message:
      "Error code: 404 - {'type': 'error', 'error': {'type': 'not_found_error', 'message': 'model: claude-3-opus-latest'}, 'request_id': 'req_011CSHoEeqs5C35K2UUqR7Fy'}",
    kind: "model_not_found",
  },
  {
    provider: "anthropic",
    httpStatus: 529,
    exceptionType: "OverloadedError",
    message:
      "Error code: 529 - {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}, 'request_id': None}",
    kind: "overloaded",
  },
  {
    provider: "anthropic",
    message:
      '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CUbLe7pQ9yq5r8yWm2VfT"}',
    kind: "overloaded",
    note: "TS SDK format",
  },
  {
    provider: "anthropic",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "claude-sonnet-4-5",
    message:
      "Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'This request would exceed the rate limit for your organization (d3b1c5e2-8f4a-4b6c-9d0e-1f2a3b4c5d6e) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.'}, 'request_id': 'req_011CUb2mL1XoZtqj7r2pSdWs'}",
    kind: "rate_limit",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "claude-3-5-haiku-20241022",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'}, 'request_id': 'req_011CTy5qHn3v2Ey9w4kNZt1B'}",
    kind: "billing",
    note: "billing disguised as a 400",
  },
  {
    provider: "anthropic",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      "Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}, 'request_id': 'req_011CTyAb3v2Ey9w4kNZt1Bqq'}",
    kind: "auth",
  },
  {
    provider: "anthropic",
    httpStatus: 403,
    exceptionType: "PermissionDeniedError",
    message:
      "Error code: 403 - {'type': 'error', 'error': {'type': 'permission_error', 'message': 'Your API key does not have permission to use the specified resource.'}}",
    kind: "auth",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'prompt is too long: 213544 tokens > 200000 maximum'}}",
    kind: "context_length",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "claude-opus-4-20250514",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-20250514'}}",
    kind: "bad_request",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "claude-opus-4-1-20250805",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': '`temperature` and `top_p` cannot both be specified for this model. Please use only one.'}}",
    kind: "bad_request",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking'}}",
    kind: "bad_request",
  },
  {
    provider: "anthropic",
    httpStatus: 500,
    exceptionType: "InternalServerError",
    message:
      "Error code: 500 - {'type': 'error', 'error': {'type': 'api_error', 'message': 'Internal server error'}, 'request_id': 'req_011CUc9Zk1mPq2rS3tU4vW5x'}",
    kind: "server_error",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'This organization has been disabled.'}}",
    kind: "auth",
  },
  {
    provider: "anthropic",
    exceptionType: "APITimeoutError",
    message:
      "Request timed out or interrupted. This could be due to a network timeout, dropped connection, or request cancellation. See https://docs.anthropic.com/en/api/errors#long-requests for more details.",
    kind: "timeout",
  },
  {
    provider: "anthropic",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'Output blocked by content filtering policy'}}",
    kind: "content_filter",
  },
  {
    provider: "bedrock",
    model: "anthropic.claude-3-sonnet-2024",
    message:
      "botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the ConverseStream operation: The provided model identifier is invalid.",
    kind: "model_not_found",
  },
  {
    provider: "bedrock",
    model: "anthropic.claude-3-5-sonnet-20241022-v2:0",
    message:
      "botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the Converse operation: Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    kind: "model_unavailable",
  },
  {
    provider: "bedrock",
    model: "anthropic.claude-v2:1",
    message:
      "botocore.errorfactory.ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
    kind: "model_retired",
  },
  {
    provider: "bedrock",
    model: "us.meta.llama4-maverick-17b-instruct-v1:0",
    message:
      "botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the ConverseStream operation: You don't have access to the model with the specified model ID.",
    kind: "model_unavailable",
    note: "a 403 about the model, not credentials",
  },
  {
    provider: "bedrock",
    httpStatus: 403,
    exceptionType: "AccessDeniedException",
    model: "us.deepseek.r1-v1:0",
    message:
      "An error occurred (AccessDeniedException) when calling the InvokeModel operation: Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.",
    kind: "auth",
    note: "IAM: fixed once per account",
  },
  {
    provider: "bedrock",
    exceptionType: "ExpiredTokenException",
    message:
      "An error occurred (ExpiredTokenException) when calling the ConverseStream operation: The security token included in the request is expired",
    kind: "auth",
  },
  {
    provider: "bedrock",
    exceptionType: "ProfileNotFound",
    message: "The config profile (bedrock-bench) could not be found",
    kind: "auth",
  },
  {
    provider: "bedrock",
    model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
    message:
      "botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the ConverseStream operation (reached max retries: 4): Too many requests, please wait before trying again.",
    kind: "rate_limit",
  },
  {
    provider: "bedrock",
    httpStatus: 429,
    exceptionType: "ThrottlingException",
    message:
      "An error occurred (ThrottlingException) when calling the Converse operation: Too many tokens, please wait before trying again.",
    kind: "rate_limit",
  },
  {
    provider: "bedrock",
    httpStatus: 503,
    exceptionType: "ServiceUnavailableException",
    message:
      "An error occurred (ServiceUnavailableException) when calling the ConverseStream operation: The service isn't currently available. Try again later.",
    kind: "overloaded",
  },
  {
    provider: "bedrock",
    httpStatus: 408,
    exceptionType: "ModelTimeoutException",
    message:
      "An error occurred (ModelTimeoutException) when calling the InvokeModel operation: The request took too long to process. Processing time exceeded the model timeout length.",
    kind: "timeout",
  },
  {
    provider: "bedrock",
    httpStatus: 429,
    exceptionType: "ModelNotReadyException",
    model: "arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123def456",
    message:
      "An error occurred (ModelNotReadyException) when calling the InvokeModel operation (reached max retries: 4): Model is not ready for inference. Wait and try your request again. Refer to https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html#handle-model-not-ready-exception.",
    kind: "overloaded",
    note: "cold start, not a missing model",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ServiceQuotaExceededException",
    message:
      "An error occurred (ServiceQuotaExceededException) when calling the ConverseStream operation: Your request exceeds the service quota for your account. You can view your quotas at https://docs.aws.amazon.com/servicequotas/latest/userguide/gs-request-quota.html. You can resubmit your request later.",
    kind: "rate_limit",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    message:
      "An error occurred (ValidationException) when calling the InvokeModel operation: Input is too long for requested model.",
    kind: "context_length",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    message:
      "An error occurred (ValidationException) when calling the InvokeModel operation: Malformed input request: #: extraneous key [top_k] is not permitted, please reformat your input and try again.",
    kind: "bad_request",
  },
  {
    provider: "bedrock",
    httpStatus: 404,
    exceptionType: "ResourceNotFoundException",
    model: "anthropic.claude-3-haiku-20240307-v1:0",
    message:
      "An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.",
    kind: "model_unavailable",
  },
  {
    provider: "bedrock",
    httpStatus: 403,
    exceptionType: "AccessDeniedException",
    model: "meta.llama3-70b-instruct-v1:0",
    message:
      "An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::123456789012:user/bench-runner is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-70b-instruct-v1:0 because no identity-based policy allows the bedrock:InvokeModel action",
    kind: "auth",
  },
  {
    provider: "bedrock",
    exceptionType: "CredentialsProviderError",
    message: "Could not load credentials from any providers",
    kind: "auth",
  },
  {
    provider: "bedrock",
    exceptionType: "NoCredentialsError",
    message: "Unable to locate credentials",
    kind: "auth",
  },
  {
    provider: "bedrock",
    exceptionType: "EndpointConnectionError",
    message:
      'Could not connect to the endpoint URL: "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"',
    kind: "network",
  },
  {
    provider: "bedrock",
    httpStatus: 500,
    exceptionType: "InternalServerException",
    message:
      "An error occurred (InternalServerException) when calling the ConverseStream operation: The system encountered an unexpected error during processing. Try your request again.",
    kind: "server_error",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    message:
      "An error occurred (ValidationException) when calling the Converse operation: The maximum tokens you requested exceeds the model limit of 8192. Try again with a maximum tokens value that is lower than 8192.",
    kind: "bad_request",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    model: "mistral.mistral-large-2402-v1:0",
    message:
      "An error occurred (ValidationException) when calling the Converse operation: Could not resolve the foundation model from the provided model identifier.",
    kind: "model_not_found",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    message:
      "An error occurred (ValidationException) when calling the ConverseStream operation: This model doesn't support tool use in streaming mode.",
    kind: "bad_request",
  },
  {
    provider: "bedrock",
    httpStatus: 403,
    exceptionType: "AccessDeniedException",
    message:
      "An error occurred (AccessDeniedException) when calling the InvokeModel operation: Model access is denied due to INVALID_PAYMENT_INSTRUMENT:A valid payment instrument must be provided.. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.",
    kind: "billing",
    note: "billing disguised as model access",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
    kind: "auth",
  },
  {
    provider: "bedrock",
    httpStatus: 424,
    exceptionType: "ModelErrorException",
    message:
      "An error occurred (ModelErrorException) when calling the InvokeModel operation: The system encountered an unexpected error during processing. Try your request again.",
    kind: "server_error",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "mixtral-8x7b-32768",
    message:
      "Error code: 400 - {'error': {'message': 'The model `mixtral-8x7b-32768` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.', 'type': 'invalid_request_error', 'code': 'model_decommissioned'}}",
    kind: "model_retired",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "meta-llama/llama-4-maverick-17b-128e-instruct",
    message:
      "Error code: 400 - {'error': {'message': 'The model `meta-llama/llama-4-maverick-17b-128e-instruct` requires terms acceptance. Please have the org admin accept the terms at https://console.groq.com/playground?model=meta-llama/llama-4-maverick-17b-128e-instruct', 'type': 'invalid_request_error', 'code': 'model_terms_required'}}",
    kind: "model_unavailable",
  },
  {
    provider: "groq",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "llama-3.2-90b-text-preview",
    message:
      "Error code: 404 - {'error': {'message': 'The model `llama-3.2-90b-text-preview` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'code': 'model_not_found'}}",
    kind: "model_not_found",
  },
  {
    provider: "groq",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "llama-3.3-70b-versatile",
    message:
      "Error code: 429 - {'error': {'message': 'Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01hqz8x9f2e5b7c3d4a6m8n0p1` service tier `on_demand` on tokens per minute (TPM): Limit 12000, Used 11234, Requested 1579. Please try again in 4.065s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
    kind: "rate_limit",
  },
  {
    provider: "groq",
    httpStatus: 413,
    exceptionType: "APIStatusError",
    model: "qwen/qwen3-32b",
    message:
      "Error code: 413 - {'error': {'message': 'Request too large for model `qwen/qwen3-32b` in organization `org_01hqz8x9f2e5b7c3d4a6m8n0p1` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Requested 9474, please reduce your message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
    kind: "rate_limit",
    note: "413 about tokens per minute: a rate limit (issue 17), though the status alone says too large",
  },
  {
    provider: "groq",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      "Error code: 401 - {'error': {'message': 'Invalid API Key', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}",
    kind: "auth",
  },
  {
    provider: "groq",
    httpStatus: 503,
    exceptionType: "InternalServerError",
    message:
      "Error code: 503 - {'error': {'message': 'Service Unavailable', 'type': 'internal_server_error'}}",
    kind: "server_error",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Please reduce the length of the messages or completion.', 'type': 'invalid_request_error', 'param': 'messages', 'code': 'context_length_exceeded'}}",
    kind: "context_length",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': '`max_tokens` must be less than or equal to `8192`, the maximum value for `max_tokens` is less than the `context_window` for this model', 'type': 'invalid_request_error'}}",
    kind: "bad_request",
  },
  {
    provider: "groq",
    httpStatus: 498,
    exceptionType: "APIStatusError",
    message:
      "Error code: 498 - {'error': {'message': 'Flex tier capacity exceeded. This is a known issue and we are working on it. Please try again later.', 'type': 'internal_server_error', 'code': 'capacity_exceeded'}}",
    kind: "overloaded",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': \"'messages.0' : for 'role:system' the following must be satisfied[('messages.0.content' : value must be a string)]\", 'type': 'invalid_request_error'}}",
    kind: "bad_request",
    note: "a 400 with no telling words is ours",
  },
  {
    provider: "together",
    httpStatus: 400,
    exceptionType: "InvalidRequestError",
    model: "meta-llama/Llama-3.3-70B-Instruct-Reference",
    message:
      'Error code: 400 - {"message": "Unable to access non-serverless model meta-llama/Llama-3.3-70B-Instruct-Reference. Please visit https://api.together.ai/models/meta-llama/Llama-3.3-70B-Instruct-Reference to create and start a new dedicated endpoint for the model.", "type_": "invalid_request_error", "param": null, "code": "model_not_available"}',
    kind: "model_unavailable",
  },
  {
    provider: "together",
    httpStatus: 404,
    exceptionType: "InvalidRequestError",
    model: "deepseek-ai/DeepSeek-R1-Distill-Llama-70B-free",
    message:
      'Error code: 404 - {"message": "Unable to access model deepseek-ai/DeepSeek-R1-Distill-Llama-70B-free. Please visit https://api.together.ai/models to view the list of supported models.", "type_": "invalid_request_error", "param": null, "code": "model_not_available"}',
    kind: "model_unavailable",
  },
  {
    provider: "together",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    model: "meta-llama/Llama-3.3-70B-Instruct-Turbo-Free",
    message:
      'Error code: 429 - {"message": "You have reached the rate limit specific to this model meta-llama/Llama-3.3-70B-Instruct-Turbo-Free. The maximum rate limit for this model is 0.6 queries and 180000 tokens per minute. This limit differs from the general rate limits published at Together AI rate limits documentation (https://docs.together.ai/docs/rate-limits). For inquiries about increasing your model-specific rate limit, please contact our sales team (https://www.together.ai/forms/contact-sales)", "type_": "model_rate_limit", "param": null, "code": null}',
    kind: "rate_limit",
  },
  {
    provider: "together",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      'Error code: 401 - {"message": "Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.", "type_": "invalid_request_error", "param": null, "code": "invalid_api_key"}',
    kind: "auth",
  },
  {
    provider: "together",
    httpStatus: 422,
    exceptionType: "InvalidRequestError",
    message:
      'Error code: 422 - {"message": "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 8193. Given: 8000 `inputs` tokens and 512 `max_new_tokens`", "type_": "invalid_request_error", "param": "max_tokens", "code": null}',
    kind: "context_length",
  },
  {
    provider: "together",
    httpStatus: 503,
    exceptionType: "ServiceUnavailableError",
    message:
      'Error code: 503 - {"message": "The server is overloaded or not ready yet.", "type_": "server_error", "param": null, "code": null}',
    kind: "overloaded",
  },
  {
    provider: "together",
    httpStatus: 402,
    exceptionType: "APIError",
    message:
      'Error code: 402 - {"message": "Credit limit exceeded. Please navigate to https://api.together.xyz/settings/billing to add credits or increase your spending limits.", "type_": "credit_limit", "param": null, "code": null}',
    kind: "billing",
  },
  {
    provider: "together",
    httpStatus: 500,
    exceptionType: "APIError",
    message:
      'Error code: 500 - {"message": "Internal server error", "type_": "server_error", "param": null, "code": null}',
    kind: "server_error",
  },
  {
    provider: "fireworks",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "accounts/fireworks/models/llama-v3p1-405b-instruct",
    message:
      "Error code: 404 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'code': 'NOT_FOUND', 'message': 'Model not found, inaccessible, and/or not deployed'}}",
    kind: "model_unavailable",
    note: "ambiguous 404: unavailable, not not-found",
  },
  {
    provider: "fireworks",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      "Error code: 401 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'message': 'The API key you provided is invalid.'}}",
    kind: "auth",
  },
  {
    provider: "fireworks",
    httpStatus: 412,
    exceptionType: "APIStatusError",
    message:
      "Error code: 412 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'message': 'Account my-account is suspended, possibly due to reaching the monthly spending limit or failure to pay past invoices.'}}",
    kind: "billing",
  },
  {
    provider: "fireworks",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'message': 'rate limit exceeded, please try again later'}}",
    kind: "rate_limit",
  },
  {
    provider: "fireworks",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'message': \"Extra inputs are not permitted, field: 'reasoning_effort'\"}}",
    kind: "bad_request",
  },
  {
    provider: "fireworks",
    httpStatus: 500,
    exceptionType: "InternalServerError",
    message:
      "Error code: 500 - {'error': {'object': 'error', 'type': 'internal_server_error', 'message': 'server had an error while processing your request, please retry again after a brief wait'}}",
    kind: "server_error",
  },
  {
    provider: "deepinfra",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "meta-llama/Meta-Llama-3-70B-Instruct",
    message: "Error code: 404 - {'detail': {'error': 'Model is not available'}}",
    kind: "model_unavailable",
  },
  {
    provider: "deepinfra",
    httpStatus: 402,
    exceptionType: "APIStatusError",
    message: "Error code: 402 - {'detail': {'error': 'Payment Required'}}",
    kind: "billing",
  },
  {
    provider: "deepinfra",
    httpStatus: 402,
    exceptionType: "APIStatusError",
    message:
      "Error code: 402 - {'error': {'message': 'Not enough balance. Please top up your account at https://deepinfra.com/dash/billing'}}",
    kind: "billing",
  },
  {
    provider: "deepinfra",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message: "Error code: 401 - {'detail': {'error': 'Invalid or missing API key'}}",
    kind: "auth",
  },
  {
    provider: "deepinfra",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'error': {'message': 'Rate limited. Too many concurrent requests for this model, please slow down.'}}",
    kind: "rate_limit",
  },
  {
    provider: "deepinfra",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Requested tokens (70012) exceed context window of 32768'}}",
    kind: "context_length",
  },
  {
    provider: "cerebras",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "llama3.1-70b",
    message:
      "Error code: 404 - {'message': 'Model llama3.1-70b does not exist or you do not have access to it.', 'type': 'not_found_error', 'param': 'model', 'code': 'model_not_found'}",
    kind: "model_not_found",
  },
  {
    provider: "cerebras",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'message': 'Requests per minute limit exceeded - too many requests sent.', 'type': 'too_many_requests_error', 'param': 'quota', 'code': 'request_quota_exceeded'}",
    kind: "rate_limit",
  },
  {
    provider: "cerebras",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'message': \"We're experiencing high traffic right now! Please try again soon.\", 'type': 'too_many_requests_error', 'param': 'queue', 'code': 'queue_exceeded'}",
    kind: "overloaded",
    note: "a 429 that is the provider's capacity, not our rate",
  },
  {
    provider: "cerebras",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message:
      "Error code: 401 - {'message': 'Wrong API Key', 'type': 'invalid_request_error', 'param': 'api_key', 'code': 'wrong_api_key'}",
    kind: "auth",
  },
  {
    provider: "cerebras",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'message': 'Tokens per day limit exceeded - too many tokens processed.', 'type': 'too_many_requests_error', 'param': 'quota', 'code': 'token_quota_exceeded'}",
    kind: "rate_limit",
  },
  {
    provider: "cerebras",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'message': 'Please reduce the length of the messages or completion. Current length is 9000 while limit is 8192', 'type': 'invalid_request_error', 'param': 'messages', 'code': 'context_length_exceeded'}",
    kind: "context_length",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    model: "mistral-medium-2312",
    message:
      'API error occurred: Status 400\n{"object":"error","message":"Invalid model: mistral-medium-2312","type":"invalid_model","param":null,"code":"1500"}',
    kind: "model_not_found",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 429\n{"object":"error","message":"Requests rate limit exceeded","type":"rate_limited","param":null,"code":"1300"}',
    kind: "rate_limit",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 429\n{"object":"error","message":"Service tier capacity exceeded for this model.","type":"service_tier_capacity_exceeded","param":null,"code":"3505"}',
    kind: "overloaded",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 401\n{"message":"Unauthorized","request_id":"5b0c8f4e2a9d4e1f8c3b7a6d5e4f3a2b"}',
    kind: "auth",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 400\n{"object":"error","message":"Prompt contains 40982 tokens and 0 draft tokens, too large for model with 32768 maximum context length","type":"invalid_request_invalid_args","param":null,"code":"3051"}',
    kind: "context_length",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 422\n{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","reasoning_effort"],"msg":"Extra inputs are not permitted","input":"low"}]},"type":"invalid_request_error","param":null,"code":null}',
    kind: "bad_request",
  },
  {
    provider: "mistral",
    exceptionType: "SDKError",
    message:
      'API error occurred: Status 503\n{"object":"error","message":"Internal server error","type":"internal_server_error","param":null,"code":"1000"}',
    kind: "server_error",
  },
  {
    provider: "openrouter",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "deepseek/deepseek-r1:free",
    message:
      "Error code: 404 - {'error': {'message': 'No endpoints found for deepseek/deepseek-r1:free.', 'code': 404}, 'user_id': 'user_2abc123XYZdef456'}",
    kind: "model_unavailable",
  },
  {
    provider: "openrouter",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "anthropic/claude-3.7-sonnet",
    message:
      "Error code: 404 - {'error': {'message': 'No allowed providers are available for the selected model.', 'code': 404}, 'user_id': 'user_2abc123XYZdef456'}",
    kind: "model_unavailable",
  },
  {
    provider: "openrouter",
    httpStatus: 402,
    exceptionType: "APIStatusError",
    message:
      "Error code: 402 - {'error': {'message': 'Insufficient credits. Add more using https://openrouter.ai/credits', 'code': 402}}",
    kind: "billing",
  },
  {
    provider: "openrouter",
    httpStatus: 402,
    exceptionType: "APIStatusError",
    message:
      "Error code: 402 - {'error': {'message': 'This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 2731. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account', 'code': 402}, 'user_id': 'user_2abc123XYZdef456'}",
    kind: "billing",
  },
  {
    provider: "openrouter",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "openai/gpt-4.5-preview",
    message:
      "Error code: 400 - {'error': {'message': 'openai/gpt-4.5-preview is not a valid model ID', 'code': 400}, 'user_id': 'user_2abc123XYZdef456'}",
    kind: "model_not_found",
  },
  {
    provider: "openrouter",
    httpStatus: 429,
    exceptionType: "RateLimitError",
    message:
      "Error code: 429 - {'error': {'message': 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day', 'code': 429, 'metadata': {'headers': {'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1740960000000'}}}}",
    kind: "rate_limit",
    note: "mentions credits, but is a rate limit",
  },
  {
    provider: "openrouter",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "mistralai/mistral-7b-instruct",
    message:
      "Error code: 404 - {'error': {'message': 'No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing', 'code': 404}}",
    kind: "bad_request",
    note: "our request needs a capability",
  },
  {
    provider: "openrouter",
    httpStatus: 401,
    exceptionType: "AuthenticationError",
    message: "Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
    kind: "auth",
  },
  {
    provider: "openrouter",
    httpStatus: 403,
    exceptionType: "PermissionDeniedError",
    model: "deepseek/deepseek-r1",
    message:
      "Error code: 403 - {'error': {'message': 'deepseek/deepseek-r1 requires moderation on OpenInference. Your input was flagged for \"violence/graphic\".', 'code': 403, 'metadata': {'reasons': ['violence/graphic'], 'provider_name': 'OpenInference', 'model_slug': 'deepseek/deepseek-r1'}}}",
    kind: "content_filter",
  },
  {
    provider: "openrouter",
    httpStatus: 502,
    exceptionType: "APIStatusError",
    message:
      "Error code: 502 - {'error': {'message': 'Provider returned error', 'code': 502, 'metadata': {'raw': 'upstream connect error or disconnect/reset before headers', 'provider_name': 'Chutes'}}}",
    kind: "server_error",
  },
  {
    provider: "openrouter",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    model: "meta-llama/llama-3.3-70b-instruct:free",
    message:
      "Error code: 404 - {'error': {'message': 'No endpoints found matching your data policy (Free model publication). Configure: https://openrouter.ai/settings/privacy', 'code': 404}}",
    kind: "model_unavailable",
  },
  {
    provider: "vertex",
    model: "gemini-1.0-pro-002",
    message:
      "google.api_core.exceptions.NotFound: 404 Publisher Model `projects/bench-prod/locations/us-central1/publishers/google/models/gemini-1.0-pro-002` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions",
    kind: "model_not_found",
  },
  {
    provider: "vertex",
    model: "gemini-1.5-pro",
    message:
      "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-pro. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.",
    kind: "rate_limit",
  },
  {
    provider: "vertex",
    model: "gemini-2.0-flash-001",
    message:
      "google.api_core.exceptions.PermissionDenied: 403 Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/bench-prod/locations/us-central1/publishers/google/models/gemini-2.0-flash-001' (or it may not exist). [reason: \"IAM_PERMISSION_DENIED\" domain: \"aiplatform.googleapis.com\"]",
    kind: "auth",
    note: "'may not exist' is not positive evidence",
  },
  { provider: "vertex", message: "429 Resource has been exhausted (e.g. check quota).", kind: "rate_limit" },
  {
    provider: "vertex",
    exceptionType: "ClientError",
    message:
      "429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.', 'status': 'RESOURCE_EXHAUSTED'}}",
    kind: "rate_limit",
    note: "try again later on a 429 is still a rate limit",
  },
  {
    provider: "vertex",
    message: "google.api_core.exceptions.ServiceUnavailable: 503 The service is currently unavailable.",
    kind: "server_error",
  },
  {
    provider: "vertex",
    message: "google.api_core.exceptions.InternalServerError: 500 Internal error encountered.",
    kind: "server_error",
  },
  {
    provider: "vertex",
    message: "google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded",
    kind: "timeout",
  },
  {
    provider: "vertex",
    exceptionType: "DefaultCredentialsError",
    message:
      "Your default credentials were not found. To set up Application Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc for more information.",
    kind: "auth",
  },
  {
    provider: "vertex",
    message:
      'google.api_core.exceptions.PermissionDenied: 403 This API method requires billing to be enabled. Please enable billing on project #123456789012 by visiting https://console.developers.google.com/billing/enable?project=123456789012 then retry. If you enabled billing for this project recently, wait a few minutes for the action to propagate to our systems and retry. [reason: "BILLING_DISABLED"]',
    kind: "billing",
  },
  {
    provider: "vertex",
    message:
      "google.api_core.exceptions.InvalidArgument: 400 The input token count (1205432) exceeds the maximum number of tokens allowed (1048576).",
    kind: "context_length",
  },
  {
    provider: "vertex",
    message:
      "google.api_core.exceptions.Unauthenticated: 401 Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    kind: "auth",
  },
  {
    provider: "vertex",
    exceptionType: "ValueError",
    message:
      "Cannot get the response text.\nResponse candidate content has no parts (and thus no text). The candidate is likely blocked by the safety filters.\nCandidate:\nfinish_reason: SAFETY\nsafety_ratings {\n  category: HARM_CATEGORY_DANGEROUS_CONTENT\n  probability: HIGH\n  blocked: true\n}",
    kind: "content_filter",
  },
  {
    provider: "vertex",
    message:
      'google.api_core.exceptions.PermissionDenied: 403 Vertex AI API has not been used in project bench-prod before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/aiplatform.googleapis.com/overview?project=bench-prod then retry. [reason: "SERVICE_DISABLED"]',
    kind: "auth",
  },
  {
    provider: "gemini",
    exceptionType: "ClientError",
    model: "gemini-1.5-pro-001",
    message:
      "404 NOT_FOUND. {'error': {'code': 404, 'message': 'models/gemini-1.5-pro-001 is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.', 'status': 'NOT_FOUND'}}",
    kind: "model_not_found",
  },
  {
    provider: "gemini",
    exceptionType: "ClientError",
    message:
      "400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': 'API key not valid. Please pass a valid API key.', 'status': 'INVALID_ARGUMENT', 'details': [{'@type': 'type.googleapis.com/google.rpc.ErrorInfo', 'reason': 'API_KEY_INVALID', 'domain': 'googleapis.com'}]}}",
    kind: "auth",
  },
  {
    provider: "gemini",
    exceptionType: "ClientError",
    message:
      "429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{'@type': 'type.googleapis.com/google.rpc.QuotaFailure', 'violations': [{'quotaMetric': 'generativelanguage.googleapis.com/generate_content_free_tier_requests', 'quotaId': 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier'}]}, {'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '37s'}]}}",
    kind: "rate_limit",
    note: "same words as OpenAI insufficient_quota, but a per-minute limit",
  },
  {
    provider: "openai",
    exceptionType: "TimeoutError",
    message: "The operation was aborted due to timeout",
    kind: "timeout",
    note: "AbortSignal.timeout: our deadline",
  },
  {
    provider: "groq",
    exceptionType: "AbortError",
    message: "This operation was aborted",
    kind: "timeout",
    note: "our deadline aborts the fetch",
  },
  {
    provider: "together",
    exceptionType: "ReadTimeout",
    message: "The read operation timed out",
    kind: "timeout",
  },
  {
    provider: "fireworks",
    exceptionType: "ReadTimeoutError",
    message: "HTTPSConnectionPool(host='api.fireworks.ai', port=443): Read timed out. (read timeout=120)",
    kind: "timeout",
  },
  {
    provider: "openrouter",
    httpStatus: 524,
    message:
      '<!DOCTYPE html>\n<html lang="en-US"><head><title>openrouter.ai | 524: A timeout occurred</title></head><body>Cloudflare Ray ID: 8f1c2d3e4a5b6c7d</body></html>',
    kind: "timeout",
  },
  {
    provider: "deepinfra",
    httpStatus: 504,
    message:
      "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>",
    kind: "timeout",
  },
  {
    provider: "mistral",
    exceptionType: "UND_ERR_HEADERS_TIMEOUT",
    message: "Headers Timeout Error",
    kind: "timeout",
  },
  {
    provider: "openai",
    exceptionType: "TypeError",
    message: "fetch failed (cause: connect ECONNREFUSED 127.0.0.1:8080)",
    kind: "network",
  },
  {
    provider: "groq",
    exceptionType: "Error",
    message: "getaddrinfo ENOTFOUND api.groq.com",
    kind: "network",
  },
  { provider: "anthropic", exceptionType: "Error", message: "read ECONNRESET", kind: "network" },
  { provider: "cerebras", exceptionType: "Error", message: "socket hang up", kind: "network" },
  {
    provider: "together",
    exceptionType: "RemoteProtocolError",
    message: "peer closed connection without sending complete message body (incomplete chunked read)",
    kind: "network",
  },
  {
    provider: "fireworks",
    exceptionType: "ConnectionError",
    message:
      "HTTPSConnectionPool(host='api.fireworks.ai', port=443): Max retries exceeded with url: /inference/v1/chat/completions (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f3a2c1d9e50>: Failed to resolve 'api.fireworks.ai' ([Errno -3] Temporary failure in name resolution)\"))",
    kind: "network",
  },
  {
    provider: "deepinfra",
    exceptionType: "SSLError",
    message:
      "HTTPSConnectionPool(host='api.deepinfra.com', port=443): Max retries exceeded with url: /v1/openai/chat/completions (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
    kind: "network",
  },
  {
    provider: "mistral",
    exceptionType: "Error",
    message: "unable to verify the first certificate",
    kind: "network",
  },
  {
    provider: "openrouter",
    exceptionType: "ConnectionError",
    message: "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
    kind: "network",
  },
  {
    provider: "openai",
    model: "o4-mini",
    message: "empty visible text: the model returned 512 reasoning tokens and no visible output",
    kind: "output_invalid",
  },
  {
    provider: "openai",
    model: "gpt-5-nano",
    message: "token budget exhausted by reasoning: 4096 of 4096 output tokens were reasoning tokens",
    kind: "output_invalid",
  },
  {
    provider: "groq",
    model: "qwen/qwen3-32b",
    message: "output token count outside the band: expected 1000 +/-10%, got 1312",
    kind: "output_invalid",
  },
  {
    provider: "deepinfra",
    message: "token budget was exhausted by hidden reasoning before any visible text",
    kind: "output_invalid",
    note: "the earlier system's wording",
  },
  {
    provider: "openai",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    message: "Error code: 404",
    kind: "unknown",
    note: "bare 404: URL did not resolve; not evidence about the model",
  },
  {
    provider: "groq",
    httpStatus: 404,
    message: "404 page not found",
    kind: "bad_request",
    note: "Go net/http body: wrong base URL",
  },
  {
    provider: "openai",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message: "Error code: 400",
    kind: "bad_request",
    note: "bare 400: our request, never hard",
  },
  {
    provider: "anthropic",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    message:
      "Error code: 404 - {'type': 'error', 'error': {'type': 'not_found_error', 'message': 'Not Found'}}",
    kind: "unknown",
    note: "not_found_error without a model: a route, not a model",
  },
  { provider: "deepinfra", exceptionType: "Exception", message: "Something went wrong", kind: "unknown" },
  {
    provider: "openai",
    exceptionType: "Error",
    message: "Error: connect ETIMEDOUT 104.18.6.192:443",
    kind: "timeout",
  },
  {
    provider: "openai",
    message:
      "{'type': 'error', 'code': 'server_error', 'message': 'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error.', 'param': None, 'sequence_number': 3}",
    kind: "server_error",
    note: "error event inside a streamed 200: no status",
  },
  {
    provider: "openai",
    httpStatus: 403,
    exceptionType: "PermissionDeniedError",
    message:
      "Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}",
    kind: "auth",
  },
  {
    provider: "anthropic",
    exceptionType: "APIError",
    message: '{"type":"error","error":{"type":"api_error","message":"Internal server error"}}',
    kind: "server_error",
    note: "SSE error event mid-stream",
  },
  {
    provider: "anthropic",
    httpStatus: 413,
    exceptionType: "APIStatusError",
    message:
      "Error code: 413 - {'type': 'error', 'error': {'type': 'request_too_large', 'message': 'Request exceeds the maximum allowed number of bytes.'}}",
    kind: "context_length",
  },
  {
    provider: "deepinfra",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Model meta-llama/Llama-2-13b-chat-hf is deprecated and no longer available'}}",
    kind: "model_retired",
  },
  {
    provider: "azure",
    httpStatus: 404,
    exceptionType: "NotFoundError",
    message:
      "Error code: 404 - {'error': {'code': 'DeploymentNotFound', 'message': 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'}}",
    kind: "model_not_found",
    note: "issue 17: on Azure the deployment is the id we call; its retry hint is only for one created minutes ago",
  },
  {
    provider: "bedrock",
    httpStatus: 400,
    exceptionType: "ValidationException",
    message:
      "An error occurred (ValidationException) when calling the Converse operation: A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    kind: "bad_request",
  },
  {
    provider: "bedrock",
    httpStatus: 403,
    exceptionType: "AccessDeniedException",
    message:
      "An error occurred (AccessDeniedException) when calling the InvokeModel operation: Your account is not authorized to invoke this API operation.",
    kind: "auth",
  },
  {
    provider: "vertex",
    message:
      "google.api_core.exceptions.NotFound: 404 Endpoint `projects/bench-prod/locations/us-central1/endpoints/1234567890` not found.",
    kind: "unknown",
    note: "an endpoint, not a model",
  },
  {
    provider: "openrouter",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    message:
      "Error code: 400 - {'error': {'message': 'Provider returned error', 'code': 400, 'metadata': {'raw': '{\"error\":{\"message\":\"This endpoint\\'s maximum context length is 32768 tokens. However, you requested about 40000 tokens (8000 of text input, 32000 in the output). Please reduce the length of either one.\"}}', 'provider_name': 'DeepInfra'}}}",
    kind: "context_length",
  },
  {
    provider: "cerebras",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "gpt-oss-120b",
    message:
      "Error code: 400 - {'message': 'Model gpt-oss-120b does not support parameter logprobs', 'type': 'invalid_request_error', 'param': 'logprobs', 'code': 'wrong_api_format'}",
    kind: "bad_request",
  },
  {
    provider: "groq",
    httpStatus: 400,
    exceptionType: "BadRequestError",
    model: "whisper-large-v3",
    message:
      "Error code: 400 - {'error': {'message': 'model `whisper-large-v3` does not support chat completions', 'type': 'invalid_request_error'}}",
    kind: "bad_request",
  },
  {
    provider: "groq",
    exceptionType: "Error",
    message: "Client network socket disconnected before secure TLS connection was established",
    kind: "network",
  },
];
