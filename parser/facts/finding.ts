/**
 * The finding (fault and injustice, or not investigated and why), read from the summary first, then
 * the decision sections ("Final decision", "Conclusions"), then the assessment sections ("My
 * assessment", "Findings", "Finding"), then the remedy sections. Joint decisions ("the Ombudsmen")
 * and draft wording ("I intend to find") read the same.
 * @module
 */

import type { Evidence, Finding, NotInvestigatedReason } from '../../core/facts.js';
import { type Doc, type DocSection, evidenceOf } from './doc.js';

const WE = String.raw`(?:we|i|the\s+ombudsm[ae]n|the\s+ombudsmen)`;
/** "will not investigate", "cannot investigate", "have discontinued", "decided to end our investigation". */
const NOT_INVESTIGATE = new RegExp(
  String.raw`\b${WE}\s+(?:have\s+decided\s+(?:that\s+)?(?:we\s+|i\s+)?|therefore\s+|also\s+|so\s+)?(?:will|shall|can|could|would|do|did|should|may)\s*(?:not|n['’]t)\s+(?:\w+\s+)?(?:investigate|investigating|consider|look\s+(?:at|into)|exercise\s+(?:our\s+|my\s+|the\s+)?discretion\s+to\s+investigate)\b|\b${WE}\s+(?:therefore\s+|also\s+)?(?:cannot|can\s+not|are\s+unable\s+to|am\s+unable\s+to|have\s+no\s+power\s+to)\s+(?:\w+\s+)?(?:investigate|consider)\b|\bdiscontinu(?:ed|e|ing)\s+(?:our|my|the)\s+investigation|\b(?:decided|decide)\s+(?:not\s+to\s+investigate|to\s+end\s+(?:our|my|the)\s+investigation)|\bended\s+(?:our|my)\s+investigation|\b${WE}\s+have\s+not\s+investigated\s+(?:this|the)\s+complaint|\bis\s+outside\s+(?:our|the\s+ombudsm[ae]n['’]?s?)\s+jurisdiction|\bnot\s+(?:an?\s+)?(?:matters?|complaints?)\s+(?:we|the\s+ombudsman)\s+can\s+investigate`,
  'i',
);
const NO_FAULT =
  /\bno\s+(?:evidence\s+of\s+)?fault\b|\bnot\s+(?:found|identified|seen)\s+(?:any\s+)?(?:evidence\s+of\s+)?fault\b|\bnot\s+(?:at\s+)?fault\b|\bnot\s+find\s+(?:\w+\s+){0,4}?fault\b|\bfind\s+no\s+fault|\bfound\s+no\s+fault|\bwithout\s+fault\b|\bdid\s+not\s+act\s+with\s+fault\b|\bno\s+maladministration\b|\bnot\s+(?:find|found)\s+(?:the\s+\w+\s+)?(?:to\s+be\s+)?at\s+fault\b|\bwas\s+not\s+fault\b|\bnot\s+uphold\b|\bdo\s+not\s+uphold\b/gi;
const FAULT =
  /\bfault\b|\bmaladministration\b|\bservice\s+failure\b|\b(?:we|i|the\s+ombudsm[ae]n)\s+(?:have\s+)?(?:uphold|upheld|upholds)\b|\bcomplaint\s+is\s+upheld\b|\bupheld\s+(?:this|the|these|her|his|their|ms|mrs|mr|miss)\b/i;
/** An Ombudsman finding fault (not the body's own admission): outranks a partial "will not investigate". */
const OMBUDSMAN_FAULT = new RegExp(
  String.raw`\b${WE}\s+(?:have\s+|has\s+)?(?:also\s+)?(?:find|found|finds|intend\s+to\s+find|consider\s+there\s+(?:was|is))\s+(?:\w+\s+){0,6}?fault\b|\b(?:there\s+(?:was|is|were)|this\s+(?:was|is))\s+(?:some\s+)?fault\b|\b${WE}\s+(?:have\s+)?(?:uphold|upheld|upholds)\b|\bfault\s+(?:by|on\s+the\s+part\s+of)\s+the\b|\bwas\s+at\s+fault\b`,
  'i',
);
const NO_INJUSTICE =
  /\b(?:did|does|has|have|had|would|could)\s*(?:not|n['’]t)\s+(?:\w+\s+){0,2}?(?:cause|caused|result\s+in|lead\s+to|led\s+to)\s+(?:\w+\s+){0,6}?(?:injustice|harm|difference)\b|\bno\s+(?:significant\s+|real\s+|further\s+|personal\s+)?injustice\b|\bwithout\s+(?:causing\s+)?(?:any\s+)?(?:significant\s+)?injustice\b|\bnot\s+cause(?:d)?\s+(?:\w+\s+){0,3}?injustice\b/i;
const INJUSTICE =
  /\binjustice\b|\bdistress\w*|\bfrustrat\w*|\buncertaint\w*|\bupset\b|\banxi\w*|\btime\s+and\s+trouble\b|\binconvenience\b|\bmissed\s+(?:out|education|provision)\b|\blost\s+(?:out|education|provision)\b|\bloss\s+of\b|\bcaused\b|\bimpact\w*\b/i;
const REMEDY_AGREED =
  /\b(?:agreed|agrees|will|should|must)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:apologi[sz]e|pay|make\s+(?:a\s+)?(?:\w+\s+)?payment|remedy|refund|reimburse)\b|\baccept(?:s|ed)?\s+(?:our|my|the)\s+recommendations?\b|\b(?:agreed|agrees)\s+to\s+(?:our|my|the)\s+recommendations?\b|\brecommend\w*\s+the\s+(?:council|organisation|provider|trust)\b/i;

interface Reason {
  reason: NotInvestigatedReason;
  re: RegExp;
}
/** Why not investigated; the reason stated first in the text wins. */
const REASONS: Reason[] = [
  {
    reason: 'tribunal',
    re: /\btribunal\b|\bright\s+of\s+appeal\b|\b(?:can|could)\s+(?:have\s+)?appeal(?:ed)?\b|\bappeal(?:ed)?\s+to\b|\bappeal\s+rights?\b|\bto\s+go\s+to\s+court\b|\bthe\s+courts?\s+(?:is|are|would\s+be)\b|\bcourt\s+action\b|\blegal\s+remedy\b|\bcounty\s+court\b|\b(?:put|taken?|took|go|gone)\s+to\s+(?:a\s+|the\s+)?(?:\w+\s+)?court\b|\bplanning\s+inspectorate\b/i,
  },
  {
    reason: 'late',
    // "late" as the complaint's lateness ("it is late", "this late complaint"), not as what the
    // complaint is about ("missed and late visits", "late payment of …": late before another noun).
    re: /(?<!\b(?:her|his|their|the|my|our|your)\s)(?<!\b(?:missed|cancelled|short)\s+(?:and|or)\s)\blate\b(?!\s+(?:husband|wife|mother|father|son|daughter|partner))(?!\s+(?:and|or)\s+(?:missed|cancelled|short)\b)(?!\s+(?!complaints?\b|(?:and|or|but|because|as|so|in|to|for|with|by|which|when|after|than|since|about|there|it|we|the)\b)[a-z]+\b)|\btoo\s+late\b|\bmore\s+than\s+(?:a|one)\s+year\s+(?:before|after|ago)\b|\bmore\s+than\s+(?:12|twelve)\s+months\b|\b(?:12|twelve)[- ]month\b|\btoo\s+long\s+ago\b|\bcomplained\s+to\s+us\s+(?:much\s+)?sooner\b|\bcome\s+to\s+us\s+(?:much\s+)?sooner\b|\btime\s+limit\s+for\s+complaints\b|\bout\s+of\s+time\b/i,
  },
  {
    reason: 'premature',
    re: /\bpremature\w*|\bnot\s+(?:yet\s+)?(?:completed|finished|been\s+through|gone\s+through|exhausted)\s+(?:[\w'’]+\s+){0,3}?complaints?\s+(?:procedure|process)\b|\b(?:complain|complained)\s+to\s+the\s+(?:council|organisation|provider|trust)\s+first\b|\bfirst\s+complain\b|\bshould\s+first\s+complain\b|\bchance\s+to\s+(?:respond|consider|deal\s+with)\b|\bopportunity\s+to\s+(?:respond|consider|deal\s+with|investigate)\b|\bnot\s+(?:yet\s+)?complained\s+to\s+the\b|\bcomplaints?\s+procedure\s+first\b|\bbefore\s+(?:we|the\s+ombudsman)\s+can\s+(?:consider|look)\b/i,
  },
  {
    reason: 'already_remedied',
    re: /\balready\s+(?:\w+\s+)?(?:apologi[sz]ed|agreed|offered|paid|remedied|provided|upheld|accepted|refunded|put\s+right|taken)\b|\b(?:has|have)\s+(?:\w+\s+)?(?:remedied|put\s+(?:things|this|matters)\s+right)\b|\bresolve\s+the\s+complaint\s+early\b|\b(?:suitable|proportionate|appropriate|satisfactory|reasonable|adequate|sufficient)\s+remedy\b|\bremedy\s+(?:it\s+)?(?:has\s+)?(?:offered|provided|agreed)\b|\b(?:accepted|admitted)\s+(?:it\s+was\s+at\s+)?fault\s+and\b|\b(?:council|organisation|provider)\s+(?:has\s+)?upheld\b|\bagreed\s+to\s+remedy\b|\bdone\s+enough\s+to\s+(?:remedy|put)\b|\bin\s+line\s+with\s+what\s+(?:we|the\s+ombudsman)\s+would\s+(?:recommend|expect|ask)\b/i,
  },
  {
    reason: 'out_of_jurisdiction',
    re: /\boutside\s+(?:our|the\s+ombudsm[ae]n['’]?s?|my)\s+(?:jurisdiction|remit|powers)\b|\bno\s+jurisdiction\b|\bnot\s+within\s+(?:our|the)\s+jurisdiction\b|\bhappens?\s+(?:with)?in(?:side)?\s+(?:a\s+|the\s+)?schools?\b|\binternal\s+(?:school\s+)?matters?\b|\bpersonnel\b|\bcommercial\b|\bcontractual\b|\bhousing\s+ombudsman\b|\binformation\s+commissioner\b|\bthe\s+law\s+(?:says|prevents)\b|\b(?:law|legislation)\s+does\s+not\s+(?:allow|let|permit)\s+(?:us|the\s+ombudsman)\b|\bnot\s+(?:allowed|permitted)\s+to\s+investigate\b|\bparliament\b|\bcourt\s+proceedings\b|\blegal\s+proceedings\b|\bpolice\b|\bnot\s+(?:a\s+)?(?:matter|body|organisation)s?\s+(?:we|the\s+ombudsman)\s+can\b/i,
  },
  {
    reason: 'insufficient_injustice',
    re: /\b(?:not|insufficient|no)\s+(?:\w+\s+){0,4}?(?:significant|sufficient|enough)\s+(?:\w+\s+)?injustice\b|\binjustice\s+(?:is|was)\s+not\s+(?:significant|sufficient|serious)\b|\bnot\s+caused\s+(?:\w+\s+){0,2}?(?:significant\s+)?injustice\b|\bdid\s+not\s+cause\s+(?:\w+\s+){0,2}?(?:significant\s+)?injustice\b|\bno\s+(?:significant\s+)?injustice\b|\bnot\s+(?:significantly|seriously)\s+affected\b|\binjustice\b[^.]{0,40}\bnot\s+(?:significant|serious|enough|sufficient)|\bnot\s+significant\s+enough\b|\btoo\s+(?:limited|minor|small|slight|trivial)\s+to\s+(?:justify|warrant)\b|\bnot\s+enough\s+to\s+justify\b|\binsufficient\s+(?:evidence\s+of\s+)?(?:fault\s+)?causing\b/i,
  },
];

export interface FindingResult {
  finding: Finding;
  reason: NotInvestigatedReason | null;
  evidence?: Evidence;
}

interface Signals {
  ni?: { section: DocSection; i: number };
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
    if (OMBUDSMAN_FAULT.test(masked)) sig.ombFault ??= { section, i };
    if (FAULT.test(masked)) {
      sig.fault ??= { section, i };
      if (NO_INJUSTICE.test(t)) sig.noInjustice ??= { section, i };
      else if (INJUSTICE.test(masked)) sig.injustice = true;
    } else if (NO_INJUSTICE.test(t)) {
      sig.noInjustice ??= { section, i };
    } else if (/\binjustice\b/i.test(t) && !/\bno\s+injustice\b/i.test(t) && !/\bif\b/i.test(t)) {
      sig.injustice = true;
    }
    if (REMEDY_AGREED.test(t)) sig.remedy ??= { section, i };
  });
  return sig;
}

function reasonFrom(section: DocSection, from: number): NotInvestigatedReason {
  const text = section.sentences
    .slice(from)
    .map((s) => s.text)
    .join(' ');
  let best: { reason: NotInvestigatedReason; at: number } | null = null;
  for (const r of REASONS) {
    const m = r.re.exec(text);
    if (m && (!best || m.index < best.at)) best = { reason: r.reason, at: m.index };
  }
  return best?.reason ?? 'other';
}

function at(p: { section: DocSection; i: number } | undefined): Evidence | undefined {
  if (!p) return undefined;
  const s = p.section.sentences[p.i];
  return s ? evidenceOf(p.section, s) : undefined;
}

function decide(section: DocSection, doc: Doc): FindingResult | null {
  const sig = signalsOf(section);
  if (sig.ni && !sig.ombFault) {
    let reason = reasonFrom(section, sig.ni.i);
    // The summary gives no reason the rules know: the decision, then the assessment, may.
    for (const kind of ['decision', 'assessment'] as const) {
      if (reason !== 'other') break;
      for (const s of doc.sections) {
        if (s.kind !== kind || s === section || reason !== 'other') continue;
        const ni = s.sentences.findIndex((x) => NOT_INVESTIGATE.test(x.text));
        reason = reasonFrom(s, Math.max(0, ni));
      }
    }
    return { finding: 'not_investigated', reason, evidence: at(sig.ni) };
  }
  if (sig.fault) {
    if (sig.noInjustice && !sig.injustice && !sig.remedy) {
      return { finding: 'fault_no_injustice', reason: null, evidence: at(sig.noInjustice) };
    }
    if (sig.injustice || sig.remedy || sig.ombFault) {
      return { finding: 'fault_injustice', reason: null, evidence: at(sig.ombFault ?? sig.fault) };
    }
  }
  if (sig.noFault) return { finding: 'no_fault', reason: null, evidence: at(sig.noFault) };
  if (sig.remedy) return { finding: 'fault_injustice', reason: null, evidence: at(sig.remedy) };
  if (sig.fault) return { finding: 'fault_injustice', reason: null, evidence: at(sig.fault) };
  return null;
}

const ORDER: DocSection['kind'][] = ['summary', 'decision', 'assessment', 'remedy'];

/** Reads the finding; "unknown" when no section states one. */
export function extractFinding(doc: Doc): FindingResult {
  for (const kind of ORDER) {
    for (const section of doc.sections) {
      if (section.kind !== kind) continue;
      const r = decide(section, doc);
      if (r) return r;
    }
  }
  return { finding: 'unknown', reason: null };
}
