/**
 * The words the extractor's stages share, each spelled once: titles and named people, the body
 * complained about, the Ombudsman's own voice, wanting and saying (a claim, not a finding),
 * paying and refunding, adequacy, distress, the verbs that open a remedy in a list. Pieces are
 * regex source strings (`String.raw`), to be composed by the stages; none carries flags.
 * @module
 */

/** A title before an anonymised letter: "Mr", "Mrs.", "Ms", "Miss", "Dr", "Mx". */
export const TITLE = String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?`;
/** A named person or couple: "Mrs J", "Mr and Mrs D". */
export const PERSON = String.raw`${TITLE}\s+(?:and\s+${TITLE}\s+)?[A-Z]`;
/** A named person, couple first: "Mr and Mrs D", "Mrs J" (for finding names in running text). */
export const NAMED_PERSON = String.raw`${TITLE}\s+and\s+${TITLE}\s+[A-Z]\b|${TITLE}\s+[A-Z]\b`;
/** A personal pronoun standing for the complainant. */
export const SUBJECT_PRONOUN = String.raw`(?:[Ss]he|[Hh]e|[Tt]hey)`;

/**
 * The body complained about, after "the" (read case-insensitively): "the Council", "the Trust",
 * "the care provider", "the care home", "the School", "the organisation", "the County Council".
 */
export const BODY_NOUN = String.raw`(?:council|trust|organisation|authority|provider|care\s+provider|care\s+home|school|academy|agency)`;
/** "the Council", "the care provider", "it" as the body. */
export const THE_BODY = String.raw`(?:the\s+${BODY_NOUN}|it)`;

/** The Ombudsman's own voice: "we", "I", "the Ombudsman", "the Ombudsmen" (case-insensitive). */
export const WE = String.raw`(?:we|i|the\s+ombudsm[ae]n|the\s+ombudsmen)`;

/** Wanting or asking for something: a claim, not a remedy ("wants", "asked for", "sought"). */
export const WANT = String.raw`(?:wants?|wanted|ask(?:s|ed|ing)?\s+for|seek(?:s|ing)?|sought|request(?:s|ed|ing)?|would\s+like|claim(?:s|ed|ing)?)`;
/** Reporting what someone says or believes, not what the Ombudsman found. */
export const SAY = String.raw`(?:complain\w*|says?|said|alleg\w*|believes?|feels?|felt|claims?|claimed|argues?|argued|thinks?|thought|disputes?|disagrees?)`;

/** Money handed back: "refund", "reimburse", "repay" in every form. */
export const REFUND_VERB = String.raw`(?:refund(?:s|ed|ing)?|reimburs(?:e|es|ed|ing)|repa(?:y|ys|id|ying))`;
/** Paying in the present or infinitive: "pay", "refund", "give", "award" (a new payment verb). */
export const PAY_VERB = String.raw`(?:pay|pays|paying|refund|refunding|reimburse|reimbursing|repay|give|award)`;
/** Money already handed over: "paid", "refunded", "reimbursed". */
export const PAID = String.raw`(?:paid|refunded|reimbursed)`;

/** Words that call a remedy enough. */
export const ADEQUATE_STRICT = String.raw`(?:suitable|appropriate|adequate|sufficient|proportionate|satisfactory)`;
/** …with "reasonable". */
export const ADEQUATE = String.raw`(?:suitable|appropriate|adequate|sufficient|reasonable|proportionate|satisfactory)`;
/** …with "fair" and "enough". */
export const ADEQUATE_LOOSE = String.raw`(?:suitable|appropriate|adequate|sufficient|reasonable|proportionate|satisfactory|fair|enough)`;

/** Distress words: what a payment is for, and an injustice the Ombudsman found. */
export const DISTRESS = String.raw`\bdistress\w*|\bupset\b|\bfrustrat\w*|\buncertaint\w*|\banxi\w*`;

/** A verb that opens the next remedy of a list ("£150 and remind staff …", "and to review …"). */
export const REMEDY_LIST_VERB = String.raw`(?:remind|review|train|apologi[sz]e|make|provide|issue|arrange|write|consider|update|carry|complete|ensure|send|share|reconsider|reassess|cancel|waive|pay|refund|reimburse|remove|tell|offer|introduce|change|amend|backdate|repay|check|identify|audit|monitor|contact|confirm|publish|explain|establish|look)`;
/** What the body has done, opening a clause of a list ("…, offered him £175 and agreed to review …"). */
export const DONE_VERB = String.raw`(?:agreed|offered|paid|apologised|accepted)`;
