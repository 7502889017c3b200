import {
  BedrockRuntimeClient,
  BedrockRuntimeServiceException,
  ConverseCommand,
} from "@aws-sdk/client-bedrock-runtime";
import type { Config } from "../../config/config.js";
import {
  toOperatorLlmError,
  type OperatorLlmBackend,
  type OperatorLlmRequest,
  type OperatorLlmResponse,
} from "./backend.js";
import { fromConverseOutput, toConverseInput } from "./bedrock-messages.js";

/** AWS Bedrock through the Converse API (non-streaming). */
export class BedrockConverseBackend implements OperatorLlmBackend {
  readonly backend = "bedrock";

  constructor(
    readonly model: string,
    private readonly client: BedrockRuntimeClient,
  ) {}

  async complete(request: OperatorLlmRequest): Promise<OperatorLlmResponse> {
    try {
      const output = await this.client.send(new ConverseCommand(toConverseInput(this.model, request)), {
        abortSignal: request.signal,
      });
      return fromConverseOutput(output);
    } catch (error) {
      const status =
        error instanceof BedrockRuntimeServiceException ? error.$metadata.httpStatusCode : undefined;
      throw toOperatorLlmError(error, {
        backend: this.backend,
        model: this.model,
        signal: request.signal,
        status,
      });
    }
  }
}

export interface BedrockBackendOptions {
  /**
   * Static credentials, for tests against a local fake. Unset: the SDK's default provider chain
   * (environment, shared config, SSO, instance or container role).
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Region and the endpoint override (`BEDROCK_ENDPOINT_URL`) come from config. One attempt only
 * (`maxAttempts: 1`): the SDK's own retries would hide a failing backend from our fallback.
 */
export function createBedrockBackend(
  model: string,
  bedrock: Config["bedrock"],
  timeoutMs: number,
  options: BedrockBackendOptions = {},
): BedrockConverseBackend {
  const client = new BedrockRuntimeClient({
    region: bedrock.region,
    endpoint: bedrock.endpointUrl,
    credentials: options.credentials,
    maxAttempts: 1,
    // Options for the runtime client's default HTTP/2 handler; the caller's abort signal is the
    // deadline that counts, this only stops a request that ignores it.
    requestHandler: { requestTimeout: timeoutMs },
  });
  return new BedrockConverseBackend(model, client);
}
