export {
  type Answered,
  type AnswerInput,
  type AnswerPlan,
  prepareAnswer,
  runAnswer,
} from "./answer.ts";
export {
  type CheckedForm,
  checkForm,
  type ProviderForm,
  removeGuildProvider,
  saveGuildProvider,
} from "./guild-provider.ts";
export {
  aiAnswerTask,
  handOffAnswer,
  type JobScope,
  longLivedWorkerAvailable,
} from "./handoff.ts";
export { conversationKey, forgetMemory, loadMemory, saveMemory } from "./memory.ts";
export {
  AI_OUTCOMES,
  type AiOutcome,
  VOICE_LLM_EDGE_OUTCOMES,
  type VoiceLlmEdgeOutcome,
} from "./outcomes.ts";
export { AI_KEY_FIELD, AiNotConfiguredError, resolveModel, settingsFor } from "./provider.ts";
export { type AnswerSink, streamAnswer } from "./stream-answer.ts";
export { prepareVoiceAnswer, speakAnswer, type VoiceTarget } from "./voice.ts";
