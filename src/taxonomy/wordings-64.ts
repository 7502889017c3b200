import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 64's train messages (test/fixtures/taxonomy/provider-errors-64.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 64 is messages in other languages, evaluation harnesses', chat front-ends' and
 * translation tools' issues, and the hard class with its near misses.
 */
export const WORDINGS_64: WordingSet = {
  billing: [
    // OpenAI's insufficient_quota in Russian, under a 429: "Вы превысили вашу текущую квоту, пожалуйста,
    // проверьте ваш план и детали вашего счёта" (you exceeded your current quota; check your plan and bill).
    /превысили (?:вашу )?текущую квоту|проверьте (?:ваш )?(?:тарифный )?план и (?:детали|данные|реквизиты) (?:вашего )?сч[её]та/,
    // A model's free tier used up, under a 403: DashScope "The free tier of the model has been exhausted. If
    // you wish to continue access the model on a paid basis …" (AllocationQuota.FreeTierOnly).
    /\bfree tier\b(?: of (?:the|this) model)? (?:has been |is |was )?(?:exhausted|used up|depleted)\b|\ballocationquota\.freetieronly\b/,
  ],
  output: [
    // Our parser failing on the model's answer: "ERROR:root:Error while parsing completion:".
    /\berror (?:while |when )?parsing (?:the )?(?:completion|model (?:output|response))\b/,
  ],
  request: [
    // Replicate 404 "This model is an official model and does not expose a list of versions": the versions
    // route we called does not apply to it (the model exists).
    /\bofficial model and does not expose (?:a list of )?versions\b/,
  ],
  server: [
    // An error while generating the answer, in Russian: "произошла ошибка при генерации ответа от ChatGPT.
    // Попробуйте позже..." (an error occurred while generating the answer; try later).
    /ошибка при генерации (?:ответа|текста)/,
  ],
  requestLate: [
    // A parameter of ours refused, in Chinese, after the hard rules (a model that does not exist said under
    // "请求参数错误" stays hard): SiliconFlow via an app "请求被拒绝: 参数不正确" (refused: a parameter is wrong),
    // which the lexicon read as a refused credential.
    /参数(?:不正确|错误|有误|无效|不合法|非法)/,
  ],
};
