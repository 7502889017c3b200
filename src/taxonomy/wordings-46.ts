import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 46's train messages (test/fixtures/taxonomy/provider-errors-46.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 46 is the product's thinner providers and the tools that call them, client
 * libraries in Go, Rust, Java, .NET, Ruby, PHP, Elixir and Dart, and the providers' and gateways' own
 * documented errors.
 */
export const WORDINGS_46: WordingSet = {
  requestFirst: [
    // Credentials we passed for a tool server, not the provider's: Anthropic "Invalid authorization token
    // for MCP server 'notion'. Please check your token and try again."
    /\b(?:token|credentials?|api key|authorization)\b[^.\n]{0,30}\bfor (?:the )?mcp server\b/,
  ],
  unavailableFirst: [
    // A model kept from the kind of credentials or plan we call with, in words a request rule would read
    // as an unsupported parameter: ngrok "model `MODEL` is not supported with ngrok-managed keys.
    // Supported models for provider `PROVIDER` are: …".
    /\bmodel\b[^.\n]{0,60}\bis not supported (?:with|for) (?:your |this |the )?(?:[\w-]{1,24} )?(?:keys?|accounts?|plans?|tiers?|subscriptions?)\b/,
  ],
  auth: [
    // A token issued by another directory than the resource's: Azure "Token tenant xxxx does not match
    // resource tenant."
    /\btenant\b[^.\n]{0,60}\bdoes not match\b[^.\n]{0,30}\btenant\b/,
  ],
  context: [
    // A gateway's cap on what we send: ngrok "Request body is too long. Max `LIMIT`."
    /\brequest body is too long\b/,
  ],
  output: [
    // A client reading a field the answer lacked, as PHP says it: gemini-api-php 'Undefined array key
    // "content"' (Python says KeyError: 'choices', families.ts).
    /\bundefined (?:array )?(?:key|index|offset) ["']?(?:content|choices|candidates|output|message|text|parts|delta)\b/,
    // A relay's answer that was not a completion: litellm "OpenAIException - Invalid response object".
    /\binvalid response object\b(?! from api)/,
  ],
  request: [
    // An image URL of ours the provider could not fetch: OpenAI invalid_image_url "Timeout while
    // downloading 20250503_162129.jpg." (the timeout is the fetch of our URL, not our call).
    /\binvalid_image_url\b|\b(?:timeout|error) while downloading\b/,
    // Our batch over the provider's limit: SiliconFlow "input batch size 136 > maximum allowed batch size 64".
    /\b(?:maximum|max) (?:allowed )?batch size\b/,
    // The model's chat template could not render our messages: Hugging Face TGI "Template error: undefined
    // value", "error_type": "template_error".
    /\btemplate_error\b|\btemplate error\b/,
  ],
  timeout: [
    // Hugging Face Inference "Model mistralai/Mistral-7B-Instruct-v0.2 time out".
    /\btime out\b/,
  ],
};
