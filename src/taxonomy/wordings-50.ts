import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 50's train messages (test/fixtures/taxonomy/provider-errors-50.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 50 is the serving stacks' and gateways' own texts, messages in languages
 * other than English, and the provider-wide class and its borders. (Families in Chinese and Japanese that
 * it widened are in wordings-zh.ts and wordings-ja-ko.ts.)
 */
export const WORDINGS_50: WordingSet = {
  unavailableFirst: [
    // A model service the account has not activated, under a 403: Volcengine Ark "Operation is denied
    // because the model service is unavailable, please go to the … console activation management page to
    // activate the corresponding model service".
    /\bactivate the (?:corresponding |relevant )?model service\b/,
    // A model kept from accounts not yet verified: Neon 403 "model requires a verified account" (as
    // "organization must be verified to use the model" is).
    /\bmodel requires an? verified (?:account|organi[sz]ation|user)\b/,
    // A model the key may not use, in Chinese: lemondata 403 "此 API key 不允許使用該模型".
    /不(?:允許|允许)(?:使用|调用|調用|访问|訪問)(?:該|该|此|这个|這個)?模型/,
    // A model the organisation restricts: GPTunnel "Has organization restrict for this model."
    /\borgani[sz]ation restrict(?:ion)?s? (?:for|on) this model\b/,
  ],
  unavailable: [
    // Bedrock's use-case form not sent, in Japanese (its translated error table, under a 404): "このアカウント
    // でモデルユースケースの詳細が送信されていません" (as "Model use case details have not been submitted" is).
    /モデルユースケースの詳細が(?:送信|提出)されていません/,
    // A model the provider or the platform switched off, in Chinese: "模型已被官方禁用".
    /模型(?:已)?被(?:官方|平台|管理员|上游)?(?:禁用|屏蔽)/,
    // A model not available, with the advice to choose another (as "is not available. Please select a
    // different model" is in English): workbuddy "当前模型不可用，请切换其他模型后重试".
    /模型不可用[^\n]{0,6}(?:请)?(?:切换|更换|选择|改用)(?:其他|其它|别的)模型/,
  ],
  billing: [
    // Credits or payment used up, in Korean: "한도 초과 (quota exceeded) — 결제/크레딧 소진됨".
    /크레딧[^\n]{0,6}소진|결제[^\n]{0,12}소진/,
    // A quota short, in Japanese (new-api's translation): "クォータ不足".
    /クォータ(?:が)?不足|クォータを使い(?:切|果た)/,
  ],
  auth: [
    // The whole service not activated for the account, in Chinese (a model's service is wordings-zh's):
    // Hunyuan "服务未开通，请前往控制台申请试用。"
    /(?<!模型)服务(?:尚)?未开通/,
    // A key that needs a workspace named with it: Anthropic "This API key is not scoped to a workspace,
    // so this request must include the anthropic-workspace-id header"; "anthropic-workspace-id is required
    // when authenticating with an identity-linked API key".
    /\bapi key is not scoped to (?:a|any) workspace\b|\bworkspace-id is required when authenticating\b/,
  ],
  contentFilter: [
    // Volcengine Ark 400 "The request failed because the input text may contain severe violation
    // information."
    /\bcontains? (?:severe |serious )?violation information\b/,
  ],
  request: [
    // A model that does not take images, in Chinese: "此模型不支持图像输入。请尝试其他模型".
    /不支持图(?:像|片)(?:输入)?/,
    // A route the server does not serve: LM Studio "Unexpected endpoint or method. (POST /chat/completions)".
    /\bunexpected endpoint or method\b/,
    // A field missing from our request: gateway-api-inference-extension 400 "model not found in request
    // body" (no model was sent; nothing was looked up).
    /\bnot found in (?:the )?request(?: body)?\b/,
  ],
  rateLimit: [
    // Requests over the limit, in Chinese: Hunyuan "引擎层请求超过限额；请稍后重试。"
    /请求(?:数|次数)?(?:超过|超出)(?:了)?(?:限额|限制|频率限制)/,
  ],
  overloaded: [
    // A server with no room: BentoML "ServiceUnavailable: Service Busy"; gateway-api-inference-extension 429
    // "system saturated, sheddable request dropped".
    /\b(?:service|server|system) (?:is )?(?:busy|saturated)\b/,
  ],
};
