/**
 * Everything we believe about the Ombudsman's website that was reported [R] or guessed [U]
 * rather than seen [C] (see ../shared/LGSCO-SOURCE.md). Crawler, parser and replica read these
 * values from here and nowhere else, so adapting to the real site means editing this one file.
 * @module
 */

export const sourceProfile = {
  /** [C] Canonical host; copies exist under lgo.org.uk and http://, normalised to this. */
  canonicalOrigin: 'https://www.lgo.org.uk',
  /** [C] Host names treated as the same site when canonicalising URLs. */
  hostAliases: ['www.lgo.org.uk', 'lgo.org.uk'],
  /** [C] Display-only query parameters stripped from every URL. */
  stripParams: ['displaypref'],

  listing: {
    /** [R S2,S3] Decision search listing path. */
    path: '/Decisions/SearchResults',
    /** [R S2,S3] Query parameter names. */
    params: {
      from: 'fd',
      to: 'td',
      page: 'page',
      organisation: 'aname',
      decisionCodes: 'dc',
      sortOrder: 'sortOrder',
    },
    /** [R S3] "From the start" date used by third-party crawlers. */
    openFromDate: '0001-01-01',
    /** [C] sortOrder value seen on the site. */
    sortOrder: 'descending',
    /** [R] Decision codes: c = Closed after initial enquiries, nu = Not upheld, u = Upheld; each followed by "+". */
    decisionCodes: { 'Closed after initial enquiries': 'c', 'Not upheld': 'nu', Upheld: 'u' } as Record<
      string,
      string
    >,
    /** [R S2] Results per listing page. */
    pageSize: 10,
    /** [U] Deepest page the listing will serve; a window with more results is split. */
    maxPages: 100,
    /** [R S2] Text carrying the total, e.g. "Your search has 105 results". */
    totalPattern: /Your search has\s+([\d,]+)\s+results?/i,
    /** [C S8] Archive-listing variant of the count line. */
    archiveTotalPattern: /Archive has\s+([\d,]+)\s+results?/i,
    /** [R S3] Page fetched first to prime a browser-like session. */
    primePath: '/decisions',
    /**
     * [U] No listing parameter for category is known (the Archive listing's `c` takes ids we do not
     * have). A category filter is applied by the crawler to the category slug of each item's URL
     * (/decisions/<cat>/<subcat>/<ref>), so the whole listing is still walked.
     */
    categoryParam: null,
    /**
     * [U] Incremental crawls start this many days before the newest archived decision date: most
     * decisions are published about 3 months after they are made [R S18], so late arrivals land
     * in months already walked.
     */
    incrementalOverlapDays: 42,
    /** [C] Date format in listing meta lines: 02-Sep-2025. */
    metaDatePattern: /\b(\d{1,2})-([A-Za-z]{3})-(\d{4})\b/,
    /**
     * [C S8,S9] First word of a result item's meta line ("Statement Upheld Homelessness
     * 14-Mar-2025"); "Report" is [R S3], seen only in a third-party test fixture. Why: the kind is
     * read from this word, and the outcome only after it is taken off.
     */
    itemKinds: { statement: 'statement', report: 'report' } as Record<string, 'statement' | 'report'>,
    /**
     * [U] Lines after a result item's title searched for its meta line and summary. Why: the item's
     * markup is not known, so its parts are found by text within a few lines of the title.
     */
    itemWindow: 8,
  },

  decisionPage: {
    /** [C] /decisions/<cat-slug>/<subcat-slug>/<YY-NNN-NNN>[a-z]? */
    pathPattern: /^\/decisions\/([a-z0-9-]+)\/([a-z0-9-]+)\/(\d{2}-\d{3}-\d{3}[a-z]?)\/?$/i,
    /** [R S2] Container of the statement; falls back to <main>, then <body>. */
    containerSelectors: ['article#article', 'article', 'main', 'body'],
    /** [C] Title line "Organisation (24 005 444)"; 2016 reports show the bare reference. */
    titlePattern: /^(.*?)\s*\((\d{2} \d{3} \d{3}[a-z]?)\)\s*$/,
    bareRefPattern: /^(\d{2} \d{3} \d{3}[a-z]?)$/,
    /** [C] Header labels as rendered text (note the space before each colon). */
    labels: {
      category: ['Category'],
      outcome: ['Decision', 'Outcome'],
      decisionDate: ['Decision date', 'Date of decision'],
    },
    /** [C] Category and subcategory separator in "Housing > Homelessness". */
    categorySeparator: '>',
    /** [C] Date format on decision pages: 14 Mar 2025. */
    datePattern: /^(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})$/,
    /** [C] Lines that are page furniture, not decision text. */
    furnitureLines: [/^Back to top$/i, /^Print this page$/i],
    /** [C] Marks the end of a modern statement. */
    endMarkers: [/^Investigator'?s decision on behalf of the Ombudsman$/i, /^Print this page$/i],
    /** [C] Opening heading of a modern statement. */
    openingHeading: /^The Ombudsman'?s final decision:?$/i,
    /** [C] "Summary:" label that opens the summary paragraph. */
    summaryLabel: /^Summary\s*:\s*/i,
    /** [C]/[U] Headings known from statements, manuals and 2016 reports. Matched case-insensitively. */
    knownHeadings: [
      "The Ombudsman's final decision",
      'Summary',
      'The complaint',
      'What I have investigated',
      'What I have and have not investigated',
      'What I have not investigated',
      "The Ombudsman's role and powers",
      'How I considered this complaint',
      'What I found',
      'Law, guidance and policies',
      'Relevant law and guidance',
      'Background',
      'What happened',
      'My assessment',
      'Analysis',
      'Conclusions',
      'Agreed action',
      'Recommended action',
      'Action',
      'Actions',
      'Final decision',
      'Decision',
      'Finding',
      'Findings',
      'Recommendations',
      // [U] Remedy and decision headings named in manuals and in blind cases; not yet seen on a page.
      'Remedy',
      'Remedies',
      'Agreed remedy',
      'Recommended remedy',
      'Putting things right',
      'What I have recommended',
      "Investigator's final decision",
      'Investigator’s decision on behalf of the Ombudsman',
    ],
    /**
     * [C]/[U] What a section holds, read from its heading (lower-cased, straight apostrophes, no
     * trailing colon) by the facts extractor: the remedy section's payments default to "agreed",
     * or "recommended" when its heading says so (recommendedRemedy). Why: only some headings were
     * seen [C]; live remedy headings are [U] (LGSCO-SOURCE.md §2), so likely variants are included.
     * A heading matching none of these is read as facts.
     */
    sectionKindHeadings: {
      opening: /^the ombudsm[ae]n'?s? final decision$/,
      remedy:
        /^(?:agreed actions?|actions?|recommended actions?|recommendations?|remedy|remedies|what should happen|putting things right|agreed remedy|recommended remedy|what i have recommended)$/,
      recommendedRemedy: /recommend/,
      decision:
        /^(?:final decision|decision|conclusions?|the ombudsman's decision|ombudsman's decision|investigator's final decision)$/,
      assessment: /^(?:my assessment|assessment|analysis|findings?|my findings|my analysis|consideration)$/,
      complaint: /^(?:the complaint|complaint|the complaints)$/,
      law: /(?:role and powers|law|guidance|polic(?:y|ies)|legislation|how i considered|how we considered|jurisdiction|what i have (?:and have not )?investigated|what i have not investigated|what i investigated)/,
    },
    /** [C] 2016-era reports end with this line and a date. */
    satisfiedPattern: /^Ombudsman satisfied with .*response:\s*(.+)$/i,
    /**
     * [C]/[U] Organisation named in the 2016 line "Ombudsman satisfied with <organisation>'s
     * response: <date>". Why: a bare-reference report page may name its organisation nowhere else.
     */
    satisfiedOrganisationPattern: /^Ombudsman satisfied with\s+(?:the\s+)?(.+?)(?:'s|s')?\s+response\b/i,
    /** [U] Generic words in that line that are not an organisation's name ("satisfied with the council's response"). */
    genericOrganisations: /^(?:council|authority|organisation|body|care provider|provider|school|trust)$/i,
    /**
     * [U] <title> of a decision page, "Organisation (24 019 223)". Why: used for the organisation
     * when the page itself shows only a bare reference.
     */
    documentTitlePattern: /^(.*?)\s*\((\d{2} \d{3} \d{3}[a-z]?)\)/,
    /**
     * [U] Whole lines that mark a public report, besides a bare-reference title and the
     * "satisfied" line. Why: current reports' layout is unknown (LGSCO-SOURCE.md §2).
     */
    reportLinePatterns: [
      /^(?:public\s+)?report$/i,
      /^(?:public\s+)?report\s+(?:by|of|from|under|on)\b.{0,120}$/i,
    ],
    /**
     * [U] Other date spellings accepted in the header besides datePattern: "8th December 2025",
     * "08-Dec-2025", "08/12/2025" (dd/mm/yyyy). Why: only "14 Mar 2025" was seen; older or
     * changed templates may differ.
     */
    extraDatePatterns: [
      /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/,
      /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    ],
    /**
     * [U] Header lines after the title scanned for the labelled fields, and unrecognised lines
     * tolerated in a row. Why: what else the header may hold (share links, breadcrumbs) is not known.
     */
    headerScanLines: 30,
    headerMaxUnrecognised: 3,
    /**
     * [C]/[U] Joint LGSCO–PHSO statements say "the Ombudsmen"; headings and end markers are matched
     * with "Ombudsmen" read as "Ombudsman" ("Investigator's decision on behalf of the Ombudsmen").
     * Why: joint cases use a variant template [C S13] whose exact headings are unknown.
     */
    jointWording: /\bombudsmen\b/gi,
    /**
     * [U] HTML heading elements that start a section when their text is short and not a sentence
     * (does not end with sentenceEnd), besides the knownHeadings. Why: the live list of headings is
     * not complete (remedy headings in particular are [U]) and the markup was reported, not seen.
     */
    headingHint: {
      levels: [2, 3, 4, 5, 6] as readonly number[],
      maxChars: 100,
      maxWords: 12,
      sentenceEnd: /[.?!;]$/,
    },
  },

  /** [C] Outcome values seen 2016–2026. Others are kept as printed, with a parse warning. */
  knownOutcomes: ['Upheld', 'Not upheld', 'Closed after initial enquiries'],
} as const;

export type SourceProfile = typeof sourceProfile;

/** [C] Slug rule: lower-case, each run of other characters becomes "-". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * [C]/[U] The name a category slug stands for, when a page has no "Category :" line: hyphens are
 * spaces, a lone "s" after a word is a possessive ("children-s-care-services" → "Children's care
 * services"), the first letter is a capital. Names whose spelling the slug loses (acronyms) are
 * listed; the rest follow the rule [C: every category slug of the real development set reads back
 * to its Category line this way].
 */
const SLUG_NAMES: Record<string, string> = { 'covid-19': 'COVID-19', send: 'SEND' };

export function unslug(slug: string): string {
  const known = SLUG_NAMES[slug.toLowerCase()];
  if (known) return known;
  const words = slug
    .toLowerCase()
    .split('-')
    .filter((w) => w !== '');
  const out: string[] = [];
  for (const w of words) {
    if (w === 's' && out.length > 0) out[out.length - 1] += "'s";
    else out.push(w);
  }
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
