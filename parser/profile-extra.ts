/**
 * Assumptions about the site the parser needs that are not (yet) in core/source-profile.ts.
 * Each is [U] (guessed) unless marked. They belong in the profile; listed in the parser's report so
 * the profile owner can move them there.
 * @module
 */

export const parserProfileExtra = {
  /** [U] Whole lines that mark a public report (besides a bare-reference title or the "satisfied" line). */
  reportLinePatterns: [
    /^(?:public\s+)?report$/i,
    /^(?:public\s+)?report\s+(?:by|of|from|under|on)\b.{0,120}$/i,
  ],
  /** [U] Heading elements (HTML only) that start a section when their text is short and not a sentence. */
  headingHintLevels: [2, 3, 4, 5, 6] as readonly number[],
  headingHintMaxChars: 100,
  headingHintMaxWords: 12,
  /** A heading hint whose text ends like this is a sentence, not a heading. */
  sentenceEnd: /[.?!;]$/,
  /** [U] <title> of a decision page starts "Organisation (24 019 223)"; used when the page shows a bare reference. */
  documentTitlePattern: /^(.*?)\s*\((\d{2} \d{3} \d{3}[a-z]?)\)/,
  /** [C]/[U] Organisation named in the 2016 line "Ombudsman satisfied with <organisation>'s response: <date>". */
  satisfiedOrganisationPattern: /^Ombudsman satisfied with\s+(?:the\s+)?(.+?)(?:'s|s')?\s+response\b/i,
  /** Generic bodies that are not an organisation name in the "satisfied" line. */
  genericOrganisations: /^(?:council|authority|organisation|body|care provider|provider|school|trust)$/i,
  /** [U] Extra date spellings accepted in the header besides sourceProfile.decisionPage.datePattern. */
  extraDatePatterns: [
    /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/,
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, // dd/mm/yyyy
  ],
  /**
   * [C]/[U] Joint LGSCO–PHSO statements say "the Ombudsmen"; headings and end markers are matched
   * with "Ombudsmen" read as "Ombudsman" ("Investigator's decision on behalf of the Ombudsmen").
   */
  jointWording: /\bombudsmen\b/gi,
  /** A "URL: https://…" line at the top of a text copy. */
  urlLine: /^URL\s*:\s*(\S+)\s*$/i,
  /** Header lines after the title scanned for the labelled fields; unrecognised lines tolerated in a row. */
  headerScanLines: 30,
  headerMaxUnrecognised: 3,
  /** [C S8,S9] Listing meta line kinds ("Statement Upheld Homelessness 14-Mar-2025"); "Report" is [R]. */
  listingKinds: { statement: 'statement', report: 'report' } as Record<string, 'statement' | 'report'>,
  /** Lines after a listing item's title searched for its meta line and summary. */
  listingItemWindow: 8,
} as const;
