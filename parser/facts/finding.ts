/**
 * The finding (fault and injustice, or not investigated and why), read from the summary first, then
 * the decision sections ("Final decision", "Conclusions"), then the assessment sections ("My
 * assessment", "Findings", "Finding"), then the remedy sections. Joint decisions ("the Ombudsmen")
 * and draft wording ("I intend to find") read the same.
 * @module
 */

import type {
  Evidence,
  Finding,
  FindingConflict,
  NotInvestigatedReason,
  OutcomeReading,
} from '../../core/facts.js';
import { type Doc, type DocSection, evidenceOf } from './doc.js';
import { firingRules, firstRule, ruleTable } from './rules.js';
import { ADEQUATE, BODY_NOUN, DISTRESS, SAY, WE } from './vocabulary.js';

/** "will not investigate", "cannot investigate", "have discontinued", "decided to end our investigation". */
/** The refusal frames, piece by piece. "We will not investigate", "I do not consider …". */
const WE_WILL_NOT = String.raw`\b${WE}\s+(?:have\s+decided\s+(?:that\s+)?(?:we\s+|i\s+)?|therefore\s+|also\s+|so\s+)?(?:will|shall|can|could|would|do|did|should|may)\s*(?:not|n['’]t)\s+(?:\w+\s+)?(?:investigate|investigating|consider|look\s+(?:at|into)|exercise\s+(?:our\s+|my\s+|the\s+)?discretion\s+to\s+investigate)\b`;
/** "We cannot / are unable to / have no power to investigate". */
const WE_CANNOT = String.raw`\b${WE}\s+(?:therefore\s+|also\s+)?(?:cannot|can\s+not|are\s+unable\s+to|am\s+unable\s+to|have\s+no\s+power\s+to)\s+(?:\w+\s+)?(?:investigate|consider)\b`;
/** "discontinued our investigation", "decided not to investigate", "ended the investigation". */
const ENDED = String.raw`\bdiscontinu(?:ed|e|ing)\s+(?:(?:our|my|the|this|its|an?)\s+)?investigation|\b(?:decided|decide)\s+(?:not\s+to\s+investigate|to\s+end\s+(?:our|my|the|this)\s+investigation)|\b(?:ended|end|ending|closed|close)\s+(?:our|my|the|this)\s+investigation`;
/** "We have not investigated this complaint". */
const NOT_INVESTIGATED = String.raw`\b${WE}\s+have\s+not\s+investigated\s+(?:this|the)\s+complaint`;
/** "is outside our jurisdiction", "not matters we can investigate". */
const OUTSIDE = String.raw`\bis\s+outside\s+(?:our|the\s+ombudsm[ae]n['’]?s?)\s+jurisdiction|\bnot\s+(?:an?\s+)?(?:matters?|complaints?)\s+(?:we|the\s+ombudsman)\s+can\s+investigate`;
const NOT_INVESTIGATE = new RegExp([WE_WILL_NOT, WE_CANNOT, ENDED, NOT_INVESTIGATED, OUTSIDE].join('|'), 'i');
/** No-fault phrases, piece by piece (masked before looking for "fault"; order kept: the first alternative wins at a position). */
const ACTED_PROPERLY = String.raw`\bacted\s+(?:appropriately|properly|reasonably|correctly|lawfully)\b|\b(?:reached|made|took)\s+(?:its|these|this|the|their|that|his|her)\s+(?:\w+\s+)?decisions?\s+(?:properly|correctly|reasonably|appropriately)\b|\bdid\s+nothing\s+wrong\b|\bno\s+(?:such\s+)?failings?\b`;
/** "insufficient evidence of fault" is such a phrase, never a finding. */
const NO_EVIDENCE_OF_FAULT = String.raw`\b(?:insufficient|not\s+enough|too\s+little|little|no)\s+(?:evidence|signs?|indication)\s+(?:of|that\s+there\s+(?:was|is))\s+(?:any\s+)?fault\b|\bno\s+(?:evidence\s+of\s+)?fault\b|\bnot\s+(?:found|identified|seen)\s+(?:any\s+)?(?:evidence\s+of\s+)?fault\b`;
const NOT_FAULT = String.raw`\bnot\s+(?:at\s+)?fault\b|\bnot\s+find\s+(?:\w+\s+){0,4}?fault\b|\bfind\s+no\s+fault|\bfound\s+no\s+fault|\bwithout\s+fault\b|\bdid\s+not\s+act\s+with\s+fault\b|\bno\s+maladministration\b|\bnot\s+(?:find|found)\s+(?:the\s+\w+\s+)?(?:to\s+be\s+)?at\s+fault\b|\bwas\s+not\s+fault\b`;
const NOT_UPHOLD = String.raw`\bnot\s+uphold\b|\bdo\s+not\s+uphold\b`;
const NO_FAULT = new RegExp([ACTED_PROPERLY, NO_EVIDENCE_OF_FAULT, NOT_FAULT, NOT_UPHOLD].join('|'), 'gi');
const FAULT =
  /\bfault\b|\bmaladministration\b|\bservice\s+failure\b|\b(?:we|i|the\s+ombudsm[ae]n)\s+(?:have\s+)?(?:uphold|upheld|upholds)\b|\bcomplaint\s+is\s+upheld\b|\bupheld\s+(?:this|the|these|her|his|their|ms|mrs|mr|miss)\b/i;
/** An Ombudsman finding fault (not the body's own admission): outranks a partial "will not investigate". */
const OMBUDSMAN_FAULT = new RegExp(
  String.raw`\b${WE}\s+(?:have\s+|has\s+)?(?:also\s+)?(?:find|found|finds|intend\s+to\s+find|consider\s+there\s+(?:was|is))\s+(?:\w+\s+){0,6}?fault\b|\b(?:there\s+(?:was|is|were)|this\s+(?:was|is))\s+(?:some\s+)?fault\b|\b${WE}\s+(?:have\s+)?(?:uphold|upheld|upholds)\b|\bfault\s+(?:by|on\s+the\s+part\s+of)\s+the\b|\bwas\s+at\s+fault\b`,
  'i',
);
const NO_INJUSTICE =
  /\b(?:did|does|has|have|had|would|could)\s*(?:not|n['’]t)\s+(?:\w+\s+){0,2}?(?:cause|caused|result\s+in|lead\s+to|led\s+to)\s+(?:\w+\s+){0,6}?(?:injustice|harm|difference)\b|\bno\s+(?:significant\s+|real\s+|further\s+|personal\s+)?injustice\b|\bwithout\s+(?:causing\s+)?(?:any\s+)?(?:significant\s+)?injustice\b|\bnot\s+cause(?:d)?\s+(?:\w+\s+){0,3}?injustice\b/i;
const INJUSTICE = new RegExp(
  String.raw`\binjustice\b|${DISTRESS}|\btime\s+and\s+trouble\b|\binconvenience\b|\bmissed\s+(?:out|education|provision)\b|\blost\s+(?:out|education|provision)\b|\bloss\s+of\b|\bcaused\b|\bimpact\w*\b`,
  'i',
);
const REMEDY_AGREED = new RegExp(
  String.raw`\b(?:agreed|agrees|will|should|offered|offers)\s+to\s+(?:remove|waive|cancel|withdraw|write\s+off|reconsider|backdate)\b|\b(?:apology|apologies|payment)\b[^.]{0,160}?\b(?:is|are|was|were|provides?|provided)\s+(?:a\s+)?${ADEQUATE}\s+remedy\b|\b(?:agreed|agrees|will|should|must)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:apologi[sz]e|pay|make\s+(?:a\s+)?(?:\w+\s+)?payment|remedy|refund|reimburse)\b|\baccept(?:s|ed)?\s+(?:our|my|the)\s+recommendations?\b|\b(?:agreed|agrees)\s+to\s+(?:our|my|the)\s+recommendations?\b|\brecommend\w*\s+the\s+${BODY_NOUN}\b`,
  'i',
);

/**
 * A finding of fault told without the word: "we find it failed to …", "we found the Council did not
 * …", "I consider the Council should have …" (the Ombudsman as the subject of the finding verb).
 */
const FAILING_FOUND = new RegExp(
  String.raw`\b${WE}\s+(?:have\s+|has\s+)?(?:also\s+|however\s+|did\s+)?(?:find|found|finds|consider|considers|considered|am\s+satisfied|are\s+satisfied|is\s+satisfied)\s+(?:that\s+)?(?:the\s+\w+(?:\s+\w+)?|it|they|he|she)\s+(?:(?:also|then|had|has|have|wrongly|unreasonably)\s+)?(?:failed|fail|did\s+not|didn['’]t|should\s+have|was\s+wrong|acted\s+wrongly|delayed|was\s+slow|took\s+too\s+long|wrongly)\b`,
  'i',
);
/**
 * A failing stated as fact in the narrator's voice ("There was avoidable delay", "poor
 * communication by the Council", "The Council failed to …") rather than reported from the
 * complainant: read only in sentences without claim words (CLAIM_WORDS).
 */
const FAILING_STATED = new RegExp(
  String.raw`\b(?:there\s+(?:was|were|has\s+been|have\s+been)|we\s+(?:found|find)|this\s+(?:was|is))\s+(?:some\s+|also\s+|an?\s+)?(?:avoidable|unreasonable|unnecessary|excessive|significant|unacceptable)\s+delays?\b|\bthere\s+(?:was|were|has\s+been|have\s+been)\s+(?:some\s+|also\s+|an?\s+|further\s+)?delays?\s+(?:by|in|on\s+the\s+part\s+of|when|before|after|from)\b|\b(?:poor|unclear|inadequate|confusing)\s+(?:communication|record[- ]keeping|complaint[- ]handling|handling|liaison)\b|\b(?:the\s+(?:${BODY_NOUN}|\w+\s+council)|it)\s+(?:also\s+|then\s+)?(?:failed\s+to|did\s+not\s+(?:properly\s+|adequately\s+)?(?:follow|consider|carry|tell|explain|respond|reply|act|keep|check|assess|review|provide|make|take|deal)|took\s+too\s+long|should\s+have\s+(?:\w+ed|made|taken|told|given|sent|done|kept|paid|met|found|sought|written|put|set|got)\b(?!\s+(?:if|whether|unless)\b)|wrongly\s+\w+ed|unreasonably\s+delayed|delayed\s+(?:in\s+)?\w+ing)\b`,
  'i',
);
/** A sentence that reports what someone says or wants, not what the Ombudsman found. */
const CLAIM_WORDS = new RegExp(
  String.raw`\b(?:${SAY}|wants?|wanted|asks?|asked|considers?|unhappy|concern\w*)\b`,
  'i',
);
/** An explicit finding of fault by the Ombudsman ("we found fault", "the Ombudsmen found fault with"). */
const EXPLICIT_FINDING = new RegExp(
  String.raw`\b${WE}\s+(?:have\s+|has\s+)?(?:also\s+)?(?:found|find|finds|upheld|uphold)\s+(?:that\s+)?(?:\w+\s+){0,6}?(?:fault|complaints?)\b`,
  'i',
);

/** A remedy refused or not needed ("we do not recommend the Council pay", "no need to apologise"). */
const REMEDY_NEGATED =
  /\b(?:not|n['’]t|no\s+need\s+to|no\s+reason\s+to)\s+(?:\w+\s+){0,2}?(?:recommend|apologi[sz]e|pay|remedy)\b/i;

/** Why not investigated: each reason's words. */
const REASON_TRIBUNAL =
  /\btribunal\b|\bright\s+of\s+appeal\b|\b(?:can|could)\s+(?:have\s+)?appeal(?:ed)?\b|\bappeal(?:ed)?\s+to\b|\bappeal\s+rights?\b|\bto\s+go\s+to\s+court\b|\bthe\s+courts?\s+(?:is|are|would\s+be)\b|\bcourt\s+action\b|\blegal\s+remedy\b|\bcounty\s+court\b|\b(?:put|taken?|took|go|gone)\s+to\s+(?:a\s+|the\s+)?(?:\w+\s+)?court\b|\bplanning\s+inspectorate\b/i;
/**
 * "late" as the complaint's lateness ("it is late", "this late complaint"), not as what the
 * complaint is about ("missed and late visits", "late payment of …": late before another noun).
 */
const REASON_LATE =
  /(?<!\b(?:her|his|their|the|my|our|your)\s)(?<!\b(?:missed|cancelled|short)\s+(?:and|or)\s)\blate\b(?!\s+(?:husband|wife|mother|father|son|daughter|partner))(?!\s+(?:and|or)\s+(?:missed|cancelled|short)\b)(?!\s+(?!complaints?\b|(?:and|or|but|because|as|so|in|to|for|with|by|which|when|after|than|since|about|there|it|we|the)\b)[a-z]+\b)|\btoo\s+late\b|\bmore\s+than\s+(?:a|one)\s+year\s+(?:before|after|ago)\b|\bmore\s+than\s+(?:12|twelve)\s+months\b|\b(?:12|twelve)[- ]month\b|\btoo\s+long\s+ago\b|\bcomplained\s+to\s+us\s+(?:much\s+)?sooner\b|\bcome\s+to\s+us\s+(?:much\s+)?sooner\b|\btime\s+limit\s+for\s+complaints\b|\bout\s+of\s+time\b/i;
const REASON_PREMATURE =
  /\bpremature\w*|\bnot\s+(?:yet\s+)?(?:completed|finished|been\s+through|gone\s+through|exhausted)\s+(?:[\w'’]+\s+){0,3}?complaints?\s+(?:procedure|process)\b|\b(?:complain|complained)\s+to\s+the\s+(?:council|organisation|provider|trust)\s+first\b|\bfirst\s+complain\b|\bshould\s+first\s+complain\b|\bchance\s+to\s+(?:respond|consider|deal\s+with)\b|\bopportunity\s+to\s+(?:respond|consider|deal\s+with|investigate)\b|\bnot\s+(?:yet\s+)?complained\s+to\s+the\b|\bcomplaints?\s+procedure\s+first\b|\bbefore\s+(?:we|the\s+ombudsman)\s+can\s+(?:consider|look)\b/i;
const REASON_ALREADY_REMEDIED = new RegExp(
  String.raw`\balready\s+(?:\w+\s+)?(?:apologi[sz]ed|agreed|offered|paid|remedied|provided|upheld|accepted|refunded|put\s+right|taken)\b|\b(?:has|have)\s+(?:\w+\s+)?(?:remedied|put\s+(?:things|this|matters)\s+right)\b|\bresolve\s+the\s+complaint\s+early\b|\b${ADEQUATE}\s+remedy\b|\bremedy\s+(?:it\s+)?(?:has\s+)?(?:offered|provided|agreed)\b|\b(?:accepted|admitted)\s+(?:it\s+was\s+at\s+)?fault\s+and\b|\b(?:council|organisation|provider)\s+(?:has\s+)?upheld\b|\bagreed\s+to\s+remedy\b|\bdone\s+enough\s+to\s+(?:remedy|put)\b|\bin\s+line\s+with\s+what\s+(?:we|the\s+ombudsman)\s+would\s+(?:recommend|expect|ask)\b`,
  'i',
);
const REASON_OUT_OF_JURISDICTION =
  /\boutside\s+(?:our|the\s+ombudsm[ae]n['’]?s?|my)\s+(?:jurisdiction|remit|powers)\b|\bno\s+jurisdiction\b|\bnot\s+within\s+(?:our|the)\s+jurisdiction\b|\bhappens?\s+(?:with)?in(?:side)?\s+(?:a\s+|the\s+)?schools?\b|\binternal\s+(?:school\s+)?matters?\b|\bpersonnel\b|\bcommercial\b|\bcontractual\b|\bhousing\s+ombudsman\b|\binformation\s+commissioner\b|\bthe\s+law\s+(?:says|prevents)\b|\b(?:law|legislation)\s+does\s+not\s+(?:allow|let|permit)\s+(?:us|the\s+ombudsman)\b|\bnot\s+(?:allowed|permitted)\s+to\s+investigate\b|\bparliament\b|\bcourt\s+proceedings\b|\blegal\s+proceedings\b|\bpolice\b|\bnot\s+(?:a\s+)?(?:matter|body|organisation)s?\s+(?:we|the\s+ombudsman)\s+can\b/i;
const REASON_INSUFFICIENT_INJUSTICE =
  /\b(?:not|insufficient|no)\s+(?:\w+\s+){0,4}?(?:significant|sufficient|enough)\s+(?:\w+\s+)?injustice\b|\binjustice\s+(?:is|was)\s+not\s+(?:significant|sufficient|serious)\b|\bnot\s+caused\s+(?:\w+\s+){0,2}?(?:significant\s+)?injustice\b|\bdid\s+not\s+cause\s+(?:\w+\s+){0,2}?(?:significant\s+)?injustice\b|\bno\s+(?:significant\s+)?injustice\b|\bnot\s+(?:significantly|seriously)\s+affected\b|\binjustice\b[^.]{0,40}\bnot\s+(?:significant|serious|enough|sufficient)|\bnot\s+significant\s+enough\b|\btoo\s+(?:limited|minor|small|slight|trivial)\s+to\s+(?:justify|warrant)\b|\bnot\s+enough\s+to\s+justify\b|\binsufficient\s+(?:evidence\s+of\s+)?(?:fault\s+)?causing\b/i;

interface ReasonAt {
  reason: NotInvestigatedReason;
  at: number;
}
function reasonAt(text: string, re: RegExp, reason: NotInvestigatedReason): ReasonAt | null {
  const m = re.exec(text);
  return m ? { reason, at: m.index } : null;
}

/** Why not investigated: every rule is read, and the reason stated first in the text wins (the table's order on a tie). */
const REASON_RULES = ruleTable<string, ReasonAt>('finding: why not investigated', [
  {
    id: 'F-REASON-TRIBUNAL',
    priority: 10,
    example: 'We will not investigate this complaint because Mrs X could appeal to a tribunal.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: tribunal (appeal rights, courts)',
    test: (text) => reasonAt(text, REASON_TRIBUNAL, 'tribunal'),
  },
  {
    id: 'F-REASON-LATE',
    priority: 20,
    example: 'We will not investigate this complaint because it is late.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: late (the lateness of the complaint)',
    test: (text) => reasonAt(text, REASON_LATE, 'late'),
  },
  {
    id: 'F-REASON-PREMATURE',
    priority: 30,
    example: 'We will not investigate this complaint because it is premature.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: premature',
    test: (text) => reasonAt(text, REASON_PREMATURE, 'premature'),
  },
  {
    id: 'F-REASON-ALREADY-REMEDIED',
    priority: 40,
    example: 'We will not investigate this complaint because the Council has already apologised.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: already remedied',
    test: (text) => reasonAt(text, REASON_ALREADY_REMEDIED, 'already_remedied'),
  },
  {
    id: 'F-REASON-OUT-OF-JURISDICTION',
    priority: 50,
    example: 'We will not investigate this complaint because it is about a personnel matter.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: out of jurisdiction',
    test: (text) => reasonAt(text, REASON_OUT_OF_JURISDICTION, 'out_of_jurisdiction'),
  },
  {
    id: 'F-REASON-INSUFFICIENT-INJUSTICE',
    priority: 60,
    example: 'We will not investigate this complaint because there is no significant injustice to Mrs X.',
    readme:
      'Finding: the not-investigated reason is the one stated first from the refusing sentence on: insufficient injustice',
    test: (text) => reasonAt(text, REASON_INSUFFICIENT_INJUSTICE, 'insufficient_injustice'),
  },
]);

/** The reason stated first in `text`, with its rule id; other (F-REASON-OTHER) when none. */
function reasonIn(text: string): { reason: NotInvestigatedReason; rule: string } {
  let best: { id: string; value: ReasonAt } | null = null;
  for (const r of firingRules(REASON_RULES, text)) if (!best || r.value.at < best.value.at) best = r;
  return best ? { reason: best.value.reason, rule: best.id } : { reason: 'other', rule: 'F-REASON-OTHER' };
}

export interface FindingResult {
  finding: Finding;
  reason: NotInvestigatedReason | null;
  evidence?: Evidence;
  /** Ids of the rules that decided, text reading first (see RULES). */
  rules: string[];
  conflict: FindingConflict | null;
}

interface Signals {
  ni?: { section: DocSection; i: number };
  /** The Ombudsman said "we found fault" (or found a failing) in so many words. */
  explicit?: { section: DocSection; i: number };
  ombFault?: { section: DocSection; i: number };
  fault?: { section: DocSection; i: number };
  noInjustice?: { section: DocSection; i: number };
  injustice: boolean;
  remedy?: { section: DocSection; i: number };
  noFault?: { section: DocSection; i: number };
}

function mask(text: string, re: RegExp): string {
  re.lastIndex = 0;
  return text.replace(re, (m) => ' '.repeat(m.length));
}

function signalsOf(section: DocSection): Signals {
  const sig: Signals = { injustice: false };
  section.sentences.forEach((s, i) => {
    const t = s.text;
    NO_FAULT.lastIndex = 0;
    if (NO_FAULT.test(t)) sig.noFault ??= { section, i };
    const masked = mask(t, NO_FAULT);
    if (NOT_INVESTIGATE.test(t)) sig.ni ??= { section, i };
    const failing = FAILING_FOUND.test(masked);
    if (failing || EXPLICIT_FINDING.test(masked)) sig.explicit ??= { section, i };
    if (OMBUDSMAN_FAULT.test(masked) || failing) sig.ombFault ??= { section, i };
    const stated = !failing && FAILING_STATED.test(masked) && !CLAIM_WORDS.test(t);
    if (FAULT.test(masked) || failing || stated) {
      sig.fault ??= { section, i };
      if (NO_INJUSTICE.test(t)) sig.noInjustice ??= { section, i };
      else if (INJUSTICE.test(masked)) sig.injustice = true;
    } else if (NO_INJUSTICE.test(t)) {
      sig.noInjustice ??= { section, i };
    } else if (/\binjustice\b/i.test(t) && !/\bno\s+injustice\b/i.test(t) && !/\bif\b/i.test(t)) {
      sig.injustice = true;
    }
    if (REMEDY_AGREED.test(t) && !REMEDY_NEGATED.test(t)) sig.remedy ??= { section, i };
  });
  return sig;
}

function reasonFrom(section: DocSection, from: number): { reason: NotInvestigatedReason; rule: string } {
  return reasonIn(
    section.sentences
      .slice(from)
      .map((s) => s.text)
      .join(' '),
  );
}

function at(p: { section: DocSection; i: number } | undefined): Evidence | undefined {
  if (!p) return undefined;
  const s = p.section.sentences[p.i];
  return s ? evidenceOf(p.section, s) : undefined;
}

type Where = { section: DocSection; i: number } | undefined;
/** What a section's signals say: the finding and the sentence it rests on. */
interface TextReading {
  finding: Finding;
  where: Where;
}

const README_TEXT = "Finding: the text's reading";
/**
 * The finding one section states, from its signals (first rule that fires). A remedy for the
 * complainant is given only for a fault, so it outweighs a no-fault point elsewhere ("We do not
 * find fault in X. The Council should apologise and pay …").
 */
const TEXT_RULES = ruleTable<Signals, TextReading>("finding: the text's reading of a section", [
  {
    id: 'F-TEXT-NOT-INVESTIGATED',
    priority: 10,
    example: 'We will not investigate this complaint because it is late.',
    readme: `${README_TEXT}: "will not / cannot investigate", "discontinued", "ended our investigation" → not_investigated, unless the Ombudsman also finds fault`,
    test: (sig) => sig.ni && !sig.ombFault && { finding: 'not_investigated', where: sig.ni },
  },
  {
    id: 'F-TEXT-FAULT-NO-INJUSTICE',
    priority: 20,
    example: 'There was fault by the Council but this did not cause Mr Y any injustice.',
    readme: `${README_TEXT}: fault with "did not cause (significant) injustice" and no injustice or remedy → fault_no_injustice`,
    test: (sig) =>
      sig.fault &&
      sig.noInjustice &&
      !sig.injustice &&
      !sig.remedy && { finding: 'fault_no_injustice', where: sig.noInjustice },
  },
  {
    // The Ombudsman says so in so many words, which a "Not upheld" line (given for the
    // organisation named in the title) does not outweigh.
    id: 'F-TEXT-FOUND-FAULT',
    priority: 30,
    example: 'We found fault by the Council which caused Mrs X distress.',
    readme: `${README_TEXT}: "we found fault" in so many words`,
    test: (sig) =>
      sig.fault &&
      (sig.injustice || sig.remedy || sig.ombFault) &&
      sig.explicit && { finding: 'fault_injustice', where: sig.explicit },
  },
  {
    id: 'F-TEXT-FAULT',
    priority: 40,
    example: 'There was fault by the Council which caused Mrs X distress.',
    readme: `${README_TEXT}: fault with an injustice, a remedy, or the Ombudsman's own finding`,
    test: (sig) =>
      sig.fault &&
      (sig.injustice || sig.remedy || sig.ombFault) && {
        finding: 'fault_injustice',
        where: sig.ombFault ?? sig.fault,
      },
  },
  {
    id: 'F-TEXT-NO-FAULT',
    priority: 50,
    example: 'We found no fault in how the Council dealt with the application.',
    readme: `${README_TEXT}: No fault also: "acted appropriately", "made its decision properly"`,
    test: (sig) => sig.noFault && !sig.remedy && { finding: 'no_fault', where: sig.noFault },
  },
  {
    id: 'F-TEXT-REMEDY-IMPLIES-FAULT',
    priority: 60,
    example: 'The Council has agreed to apologise to Mrs X.',
    readme: `${README_TEXT}: a remedy for the complainant — a remedy outweighs a no-fault point in the same summary`,
    test: (sig) => sig.remedy && { finding: 'fault_injustice', where: sig.remedy },
  },
  {
    id: 'F-TEXT-FAULT-WORD',
    priority: 70,
    example: "The complaint concerns fault in the Council's handling.",
    readme: `${README_TEXT}: the word fault, with nothing else said`,
    test: (sig) => sig.fault && { finding: 'fault_injustice', where: sig.fault },
  },
]);

function decide(section: DocSection, doc: Doc): FindingResult | null {
  const r = firstRule(TEXT_RULES, signalsOf(section));
  if (!r) return null;
  const { finding, where } = r.value;
  const out: FindingResult = { finding, reason: null, evidence: at(where), rules: [r.id], conflict: null };
  if (finding !== 'not_investigated') return out;
  let reason = reasonFrom(section, where!.i);
  // The summary gives no reason the rules know: the decision, then the assessment, may.
  for (const kind of ['decision', 'assessment'] as const) {
    if (reason.reason !== 'other') break;
    for (const s of doc.sections) {
      if (s.kind !== kind || s === section || reason.reason !== 'other') continue;
      const ni = s.sentences.findIndex((x) => NOT_INVESTIGATE.test(x.text));
      reason = reasonFrom(s, Math.max(0, ni));
    }
  }
  return { ...out, reason: reason.reason, rules: [r.id, reason.rule] };
}

const ORDER: DocSection['kind'][] = ['summary', 'decision', 'assessment', 'remedy'];

/** The finding the text alone states; "unknown" when no section states one. */
function textFinding(doc: Doc): FindingResult {
  for (const kind of ORDER) {
    for (const section of doc.sections) {
      if (section.kind !== kind) continue;
      const r = decide(section, doc);
      if (r) return r;
    }
  }
  return { finding: 'unknown', reason: null, rules: ['F-TEXT-NONE'], conflict: null };
}

/**
 * The Decision line by the Ombudsman's definitions: "Upheld" = fault found (with or without
 * injustice; also given when the body had already remedied and we did not investigate), "Not
 * upheld" = no fault, or an investigation discontinued, "Closed after initial enquiries" = not
 * investigated.
 */
export function readOutcome(outcome: string | null | undefined): OutcomeReading {
  const o = (outcome ?? '').trim().toLowerCase();
  if (o === 'upheld' || o.startsWith('upheld:') || o.startsWith('upheld ')) return 'fault';
  if (o === 'not upheld' || o.startsWith('not upheld')) return 'no_fault_or_discontinued';
  if (o.startsWith('closed after initial enquiries') || o === 'closed') return 'not_investigated';
  return 'unknown';
}

const isFault = (f: Finding) => f === 'fault_injustice' || f === 'fault_no_injustice';

/** The text's reading and what the Decision line says. */
interface OutcomeCtx {
  text: FindingResult;
  reading: OutcomeReading;
}
/** The finding kept, and whether the line and the text disagree (kept as `findingConflict`). */
interface Kept {
  finding: Finding;
  conflict: boolean;
}

const README_OUTCOME = "Finding: The text's reading first, then the page's Decision line weighed against it";
/**
 * The text's reading weighed against the Decision line (first rule that fires). Neither overrides
 * the other blindly: the line decides only where the text states nothing or states what the line
 * rules out, and every disagreement is kept as a conflict with both readings.
 */
const OUTCOME_RULES = ruleTable<OutcomeCtx, Kept>('finding: the text weighed against the Decision line', [
  {
    id: 'F-OUTCOME-AGREES',
    priority: 10,
    example: { text: 'We found fault by the Council which caused Mrs X distress.', outcome: 'Upheld' },
    readme: `${README_OUTCOME}: the line allows the text's reading`,
    test: ({ text: { finding: t }, reading }) =>
      ((reading === 'fault' && isFault(t)) ||
        (reading === 'no_fault_or_discontinued' && t === 'no_fault') ||
        (reading === 'not_investigated' && t === 'not_investigated')) && { finding: t, conflict: false },
  },
  {
    // Upheld is also given when the body had put things right: a conflict unless that is the reason.
    id: 'F-UPHELD-NOT-INVESTIGATED',
    priority: 20,
    example: { text: 'We will not investigate this complaint because it is late.', outcome: 'Upheld' },
    readme: `${README_OUTCOME}: "will not investigate" outweighs "Upheld"`,
    test: ({ text, reading }) =>
      reading === 'fault' &&
      text.finding === 'not_investigated' && {
        finding: 'not_investigated',
        conflict: text.reason !== 'already_remedied',
      },
  },
  {
    id: 'F-UPHELD-FAULT',
    priority: 30,
    example: { text: 'Mrs X complained about the Council.', outcome: 'Upheld' },
    readme: `${README_OUTCOME}: The line decides where the text states nothing`,
    test: ({ text, reading }) =>
      reading === 'fault' && { finding: 'fault_injustice', conflict: text.finding === 'no_fault' },
  },
  {
    // A discontinued investigation is "Not upheld".
    id: 'F-NOT-UPHELD-DISCONTINUED',
    priority: 40,
    example: {
      text: 'We have discontinued our investigation because Mrs X has moved away.',
      outcome: 'Not upheld',
    },
    readme: `${README_OUTCOME}: "Not upheld" no fault, a discontinued investigation or fault without injustice`,
    test: ({ text, reading }) =>
      reading === 'no_fault_or_discontinued' &&
      text.finding === 'not_investigated' && { finding: 'not_investigated', conflict: false },
  },
  {
    // "There was fault, but it caused no injustice, so we have not upheld the complaint".
    id: 'F-NOT-UPHELD-NO-INJUSTICE',
    priority: 50,
    example: {
      text: 'There was fault by the Council but this did not cause Mr Y any injustice.',
      outcome: 'Not upheld',
    },
    readme: `${README_OUTCOME}: "Not upheld" no fault, a discontinued investigation or fault without injustice`,
    test: ({ text, reading }) =>
      reading === 'no_fault_or_discontinued' &&
      text.finding === 'fault_no_injustice' && { finding: 'fault_no_injustice', conflict: false },
  },
  {
    // "The Ombudsmen found fault with the Council and the CCG … no fault by the Trust" under the
    // Trust's "Not upheld": fault on any point is fault; the disagreement is kept.
    id: 'F-FOUND-FAULT-OVER-NOT-UPHELD',
    priority: 60,
    example: {
      text: 'We found fault with the Council and the CCG, which caused Mrs X distress.',
      outcome: 'Not upheld',
    },
    readme: `${README_OUTCOME}: "we found fault" in so many words outweighs "Not upheld"`,
    test: ({ text, reading }) =>
      reading === 'no_fault_or_discontinued' &&
      text.rules.includes('F-TEXT-FOUND-FAULT') && { finding: text.finding, conflict: true },
  },
  {
    id: 'F-NOT-UPHELD-NO-FAULT',
    priority: 70,
    example: { text: 'Mrs X complained about the Council.', outcome: 'Not upheld' },
    readme: `${README_OUTCOME}: fault words under "Not upheld"`,
    test: ({ text, reading }) =>
      reading === 'no_fault_or_discontinued' && { finding: 'no_fault', conflict: isFault(text.finding) },
  },
  {
    id: 'F-OUTCOME-ONLY',
    priority: 80,
    example: { text: 'Mrs X complained about the Council.', outcome: 'Closed after initial enquiries' },
    readme: `${README_OUTCOME}: The line decides where the text states nothing`,
    test: ({ text, reading }) =>
      reading === 'not_investigated' &&
      text.finding === 'unknown' && { finding: 'not_investigated', conflict: false },
  },
  {
    id: 'F-CLOSED-NOT-INVESTIGATED',
    priority: 90,
    example: {
      text: 'There was fault by the Council which caused Mrs X distress.',
      outcome: 'Closed after initial enquiries',
    },
    readme: `${README_OUTCOME}: fault words under "Closed after initial enquiries"`,
    test: ({ reading }) => reading === 'not_investigated' && { finding: 'not_investigated', conflict: true },
  },
]);

/**
 * Reads the finding from the text, then weighs it against the Decision line (OUTCOME_RULES).
 * `findingRules` lists the text's rule, the reason's rule when not investigated, then the line's rule.
 */
export function extractFinding(doc: Doc, outcome?: string | null): FindingResult {
  const text = textFinding(doc);
  const reading = readOutcome(outcome);
  if (reading === 'unknown' || outcome == null) return text;
  const r = firstRule(OUTCOME_RULES, { text, reading });
  if (!r) return text;
  const { finding, conflict } = r.value;
  // Not investigated by the line alone: the reason the summary gives.
  const summary = doc.sections.find((s) => s.kind === 'summary');
  const lineReason =
    finding === 'not_investigated' && finding !== text.finding
      ? summary
        ? reasonFrom(summary, 0)
        : { reason: 'other' as const, rule: 'F-REASON-OTHER' }
      : null;
  return {
    finding,
    reason: finding === 'not_investigated' ? (lineReason?.reason ?? text.reason) : null,
    ...(text.evidence && finding === text.finding ? { evidence: text.evidence } : {}),
    rules: [...text.rules, ...(lineReason ? [lineReason.rule] : []), r.id],
    conflict: conflict
      ? {
          outcome,
          outcomeReading: reading,
          textFinding: text.finding,
          textEvidence: text.evidence ?? null,
          kept: finding,
          rule: r.id,
        }
      : null,
  };
}
