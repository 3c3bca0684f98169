import type { EntityType } from '../../text/types';

/** What a question asks for, finer than its question word: it decides how the answer is composed. */
export const INTENTS = [
  'overview',
  'definition',
  'person',
  'organisation',
  'place',
  'date',
  'duration',
  'money',
  'count',
  'percentage',
  'reason',
  'manner',
  'quotation',
  'handle',
  'yesno',
  'other',
] as const;
export type QuestionIntent = (typeof INTENTS)[number];

export interface IntentReading {
  intent: QuestionIntent;
  /** The kinds of value that would answer it, when it asks for one ("how many" → a count). */
  answerTypes: EntityType[];
}

interface Rule {
  intent: QuestionIntent;
  pattern: RegExp;
  answerTypes?: EntityType[];
}

const WHO_IS = String.raw`(?:whos|who's|who is|who are|who was|who were)`;

/**
 * Tried in order on the lowercased question; the first match wins. The order encodes which
 * reading is more specific: "what did X tweet" is a quotation before it is a "what"; "how many
 * years" a duration before a count; "who is X" a definition unless X is a description
 * ("who's the ex shell finance chief…" asks for a person).
 */
const RULES: Rule[] = [
  {
    intent: 'overview',
    pattern:
      /\b(?:tl;? ?dr|tldr|eli5|summar(?:y|ise|ize)|recap|gist|catch me up|in a nutshell|what(?:'?s| is| are) (?:this|it|the story|this story|the article|this article|these articles|the news|the stories|these stories)(?: all)? about|what happened|what'?s (?:going on|happening|the deal|the story|the news)|what is going on|what'?s up with)\b/,
  },
  {
    intent: 'handle',
    pattern:
      /\b(?:handle|hashtag|hash tag|twitter (?:name|account|id)|user ?name|url|web ?site|link to)\b|(?:^|\s)@(?:\s|\?|$)|what'?s (?:his|her|their|[\w]+'?s?) @/,
    answerTypes: ['handle', 'hashtag', 'link'],
  },
  {
    intent: 'quotation',
    pattern:
      /\b(?:what (?:exactly )?(?:did|does|do|has|have|had|was|is|were) .{0,60}?\b(?:say|said|saying|tweet|tweeted|tweeting|write|wrote|writing|post|posted|reply|replied|respond|responded|announce|announced|tell|told|claim|claimed|call)\b|exact (?:words|quote|tweet|statement)|quote from|what (?:was|were|is) (?:the|his|her|their|[\w]+'?s?) (?:tweet|tweets|quote|message|statement|response|reply|words)|what (?:\w+ )?(?:tweet|message|statement|words) (?:did|does))/,
  },
  { intent: 'definition', pattern: /\bwhat(?:'s|s| is| does| do| did)? .{1,40} (?:stand for|stands for|mean|means)\b/ },
  {
    intent: 'person',
    pattern: new RegExp(String.raw`^(?:so |wait |and |ok |okay )?${WHO_IS}\s+(?:the|a|an|that|this|those|these)\b|\bname of\b`),
  },
  {
    intent: 'definition',
    pattern: new RegExp(
      String.raw`^(?:so |wait |and |ok |okay )?(?:${WHO_IS}|what is|what's|whats|what are)\s+(?!the (?:reason|cause|date|price|cost|amount|number|name)\b)[^?]{1,40}$`,
    ),
  },
  {
    intent: 'percentage',
    pattern: /%|\bper ?cent\b|\bpercentage\b|\bwhat (?:share|proportion|fraction)\b|\bhow much of\b/,
    answerTypes: ['percentage'],
  },
  { intent: 'count', pattern: /\bhow old\b|\bwhat age\b/, answerTypes: ['age'] },
  {
    intent: 'duration',
    pattern: /\bhow long\b(?! ago)|\bfor how long\b|\bhow many (?:years|yrs|months|weeks|days|hours|minutes|seasons)\b/,
    answerTypes: ['duration'],
  },
  {
    intent: 'money',
    pattern:
      /\bhow much\b|\bwhat (?:price|cost|sum|fee|salary|fine|value)\b|\b(?:price|cost|value) of\b|\bcosts?\b|\bhow many (?:pounds|dollars|euros|bucks|quid)\b/,
    answerTypes: ['money'],
  },
  { intent: 'count', pattern: /\bhow many\b|\bwhat number of\b|\bnumber of\b/, answerTypes: ['count'] },
  {
    intent: 'date',
    pattern:
      /\b(?:when|since when|how long ago|what time|(?:what|which) (?:year|yr|date|day|month|week|season|time))\b|\bwhat (?:\w+ )?(?:year|yr|date|day)\b/,
    answerTypes: ['date'],
  },
  {
    intent: 'place',
    pattern:
      /\b(?:where|wheres|where's|(?:what|which) (?:country|countries|city|cities|town|state|region|place|county|nation|area|venue|stadium|ground|island|continent|capital))\b/,
    answerTypes: ['place'],
  },
  {
    intent: 'organisation',
    pattern:
      /\b(?:which|what) (?:company|companies|firm|firms|bank|banks|group|org|organi[sz]ation|agency|paper|newspaper|outlet|news outlet|mag|magazine|team|club|network|channel|broadcaster|studio|party|label|band|bands|developer|publisher|body|department|airline|brewer|carrier|operator|regulator|union|charity|school|university)\b/,
    answerTypes: ['organisation'],
  },
  {
    intent: 'yesno',
    pattern:
      /^(?:so |wait |and |but |ok |okay )?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|isnt|wasnt|didnt|doesnt)\b(?!.*\b(?:why|when|who|whom|where|how|what|which)\b)/,
  },
  {
    // "which book won", "what film is he directing": a title or name the tagger may not type.
    intent: 'other',
    pattern:
      /\b(?:which|what) (?:book|film|movie|song|album|single|game|show|programme|program|title|award|prize|product|model|device|brand|service|station|radio station|record)\b/,
    answerTypes: ['name', 'organisation', 'person'],
  },
  {
    intent: 'reason',
    pattern:
      /\b(?:why|how come|what (?:was|is|were) the reasons?|for what reason|what (?:led|caused|prompted)|reasons? (?:for|behind)|cause of)\b/,
  },
  { intent: 'person', pattern: /\b(?:who|whom|whose|whos|who's)\b/, answerTypes: ['person', 'organisation', 'name'] },
  {
    intent: 'yesno',
    pattern:
      /^(?:so |wait |and |but |ok |okay )?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|isnt|wasnt|didnt|doesnt)\b/,
  },
  { intent: 'manner', pattern: /\bhow\b/ },
];

/** The intent and expected answer types of a question, from its wording alone. */
export function readIntent(text: string): IntentReading {
  const lower = text.toLowerCase().replace(/[\s?!.]+$/, '');
  for (const rule of RULES) {
    if (rule.pattern.test(lower)) return { intent: rule.intent, answerTypes: rule.answerTypes ?? defaultTypes(rule.intent) };
  }
  return { intent: 'other', answerTypes: [] };
}

function defaultTypes(intent: QuestionIntent): EntityType[] {
  return intent === 'person' ? ['person', 'name'] : [];
}
