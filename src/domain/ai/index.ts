export { type AddressClass, classifyAddress, isIpLiteral } from "./addresses.ts";
export {
  AI_ANSWER_TASK,
  AI_JOB_MAX_AGE_MS,
  type AiAnswerJob,
  type AnswerSpeech,
  parseAiAnswerJob,
} from "./answer-job.ts";
export { splitPages } from "./answer-pages.ts";
export {
  buildPrompt,
  type ChatMessage,
  estimateTokens,
  isChatMessage,
  trimHistory,
} from "./conversation.ts";
export { EditPacer } from "./edit-pacing.ts";
export { AI_LIMITS, personaProblem, promptProblem } from "./limits.ts";
export {
  apiKeyProblem,
  type CheckedProviderUrl,
  checkProviderUrl,
  modelProblem,
  type ProviderUrlCheck,
  parseAllowlist,
} from "./provider-url.ts";
export { SPEECH_MAX_CHARS, SPEECH_SCHEME, speechIdentifier, spokenText } from "./speech.ts";
