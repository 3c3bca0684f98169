import { hasWords, normalizeQuestionText } from './normalize';

/** How questions open when typed without a question mark ("who fired krebs", "did biden say anything"). */
const QUESTION_OPENING =
  /^(?:who|whom|whose|what|whats|what's|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|tl;?dr|eli5)\b/i;

/**
 * Whether a chat message reads as a question: it ends with a question mark or opens the way
 * questions do. For channels where the bot answers without being mentioned, so that "thanks!"
 * or "lol" is not answered.
 */
export function readsAsQuestion(message: string): boolean {
  const text = normalizeQuestionText(message);
  if (!hasWords(text)) return false;
  return /\?\s*$/.test(text) || QUESTION_OPENING.test(text);
}
