/**
 * Remedy payments: each sum of money in the summary and the remedy, decision, assessment and fact
 * sections is classified (status, purpose, recipient) or left out when it is not a remedy payment;
 * then repeated mentions of one payment are merged and stated totals are dropped.
 *
 * Left out (never emitted; see README): sums the complainant asked for or claimed; guidance, bands
 * and ranges; charges, fees, costs, debts, invoices, rents, grants, benefit and care rates (unless
 * refunded, reimbursed or backdated); sums waived, written off or taken off an invoice (not paid);
 * sums in "The complaint" and in law / role-and-powers sections; totals whose items are listed.
 * @module
 */

import {
  countedInTotal,
  type Evidence,
  type Payment,
  type PaymentPurpose,
  type PaymentStatus,
} from '../../core/facts.js';
import { type Doc, type DocSection, evidenceOf } from './doc.js';
import { findAmounts, type Money } from './money.js';
import type { Sentence } from './sentences.js';

// ------------------------------------------------------------------ cues

const TITLE = String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?`;
const RECIP = String.raw`(?:${TITLE}\s+and\s+${TITLE}\s+[A-Z]\b|${TITLE}\s+[A-Z]\b(?:\s+and\s+${TITLE}\s+[A-Z]\b)?|[B-HJ-Z]\b|each\s+(?:neighbour|complainant|resident|child|parent|of them)\b|(?:her|his|their)\s+(?:son|daughter|child|children|mother|father|parents?|husband|wife|partner|family|estate|brother|sister|grandson|granddaughter|grandmother|grandfather|nephew|niece|aunt|uncle|carer)\b|the\s+(?:family|parents|estate|complainants?|neighbours|son|daughter)\b|her\b(?!\s+(?!(?:the|a|an)\s)[a-z])|him\b|them\b)(?:['’]s?\s+(?:son|daughter|child|mother|father|estate)\b)?`;
const RECIP_BEFORE = new RegExp(
  String.raw`\b(?:pay|pays|paying|paid|refund|refunds|refunding|refunded|reimburse|reimbursing|reimbursed|repay|repaid|give|gives|offer|offered|award|awarded)\s+(${RECIP})\s+(?:(?:a|an)\s+(?:further\s+|total\s+of\s+|additional\s+|extra\s+|symbolic\s+(?:payment\s+of\s+)?|payment\s+of\s+|sum\s+of\s+)*|the\s+(?:sum\s+of\s+|further\s+|arrears\s+of\s+|backdated\s+(?:\w+\s+)?of\s+|difference\s+of\s+)?)?$|\bpayments?\s+to\s+(${RECIP})\s+of\s+$`,
);
const RECIP_ANY = new RegExp(
  String.raw`\b(?:pay|pays|paying|refund|refunding|reimburse|reimbursing|repay|give|award)\s+(${RECIP})`,
  'g',
);
const RECIP_AFTER = new RegExp(
  String.raw`^\s*(?:\([^)]{0,60}\)\s*)?(?:each\s+)?to\s+(?:each\s+of\s+)?(${RECIP})`,
);
/** A new payment verb between two sums: the second does not share the first one's recipient. */
const NEW_PAY_VERB = /\b(?:pay|pays|paying|refund|reimburse|repay|give|award)\b/i;
const PRONOUN = /^(?:her|him|them)$/i;
/** A named person or couple: "Mrs J", "Mr and Mrs D". */
const PERSON = String.raw`${TITLE}\s+(?:and\s+${TITLE}\s+)?[A-Z]`;

/**
 * Not after a person as subject: "Mrs R paid", "she had paid" is money the complainant paid out (a
 * charge, a debt, a private assessment), not a remedy the body has paid. Lookbehinds, for a cue regex.
 */
const NOT_BY_PERSON = String.raw`(?<!\b${TITLE}\s+[A-Z]\s)(?<!\b(?:[Ss]he|[Hh]e|[Tt]hey)\s)`;
/**
 * Who pays that is neither the body nor a remedy: the complainant's household, family or landlord,
 * a housing association, an insurer, a charity, the NHS, the DWP, an employer.
 */
const THIRD_PARTY = String.raw`(?:(?:housing|care)\s+association|landlord|letting\s+agent|insurer|insurance\s+company|charity|relatives?|family|friends?|son|daughter|mother|father|parents?|husband|wife|partner|brother|sister|employer|NHS|ICB|CCG|DWP|Department\s+for\s+Work\s+and\s+Pensions)`;
/** A sum a person or a third party paid ("Mr B paid the agents £1,146.80"): left out unless it is refunded. */
const PAID_BY_PERSON = new RegExp(
  String.raw`(?:\b${TITLE}\s+[A-Z]|\b[Ss]he|\b[Hh]e|\b[Tt]hey|\b${THIRD_PARTY}(?:,\s+${TITLE}\s+[A-Z],)?)\s+(?:had\s+|has\s+|have\s+)?(?:already\s+|also\s+)?(?:paid|spent)\s+(?:(?!pay|refund|reimburs)[\w'’]+\s+){0,4}$`,
);
/**
 * "refund £", "reimburse Mrs J £", "repay the £": money handed back is a reimbursement whatever the
 * words after it say it was spent on ("… for the miles she drove taking him to college").
 */
const REFUND_VERB_BEFORE = new RegExp(
  String.raw`\b(?:refund(?:s|ed|ing)?|reimburs(?:e|es|ed|ing)|repa(?:y|ys|id|ying))\s+(?:(?:her|him|them|${PERSON}|the|a|an|in\s+full)\s+){0,3}$`,
);
/** After the sum: "the £2,000 Ms L asked for", "the £600 she asks for" — a sum wanted, not a remedy. */
const CLAIM_AFTER = new RegExp(
  String.raw`^\s*(?:that\s+|which\s+)?(?:${PERSON}|[Ss]he|[Hh]e|[Tt]hey)\s+(?:has\s+|had\s+|have\s+)?(?:ask(?:s|ed)?\s+for|want(?:s|ed)?|claim(?:s|ed)?|request(?:s|ed)?|sought|seeks?)\b`,
);
/** Who the body pays that is not the complainant: "paid the contractor £1,120", "£400 to its provider". */
const PAYEE_ORG = String.raw`(?:the|its|a|an)\s+(?:\w+\s+)?(?:contractors?|builders?|providers?|agency|agencies|care\s+home|suppliers?|company|firm|engineers?|surveyors?|solicitors?|agents?|landlord|school|college)`;
const PAID_TO_ORG_BEFORE = new RegExp(String.raw`\b(?:pay|pays|paid|paying)\s+${PAYEE_ORG}\s+$`, 'i');
const PAID_TO_ORG_AFTER = new RegExp(String.raw`^\s*to\s+${PAYEE_ORG}\b`, 'i');
/** "pay Mrs P £900 and Mr P £300": the second name is the second sum's recipient. */
const RECIP_AND = new RegExp(String.raw`^\s*,?\s*and\s+(${PERSON})\s+$`);
/** "I have not recommended the Council repay the £60 …", "I do not ask it to pay £…": a sum turned down. */
const NOT_RECOMMENDED_PAY =
  /\b(?:not|never|cannot|can['’]t)\s+(?:\w+\s+){0,2}?(?:recommend\w*|ask\w*|propose\w*)\s+(?:that\s+)?(?:the\s+\w+\s+|it\s+)?(?:to\s+)?(?:pays?|repays?|refunds?|reimburses?)\s+(?:[\w'’]+\s+){0,3}$/i;
/** "take £500 off the invoice", "knocked £200 off the bill": money not charged, not paid. */
const TAKE_OFF_BEFORE =
  /\b(?:take|takes|took|taking|taken|knock|knocks|knocked|knocking)\s+(?:a\s+further\s+|another\s+)?$/i;
/** After a sum pointed back to ("the £600"): "… it has already paid" says the body paid it. */
const BODY_HAS_PAID =
  /^\s*(?:that\s+|which\s+)?(?:(?:it|the\s+(?:Council|Trust|organisation|provider|school|care\s+provider|agency))\s+(?:has|had|have)\s+(?:already\s+|since\s+|now\s+)?|already\s+)(?:paid|refunded|reimbursed|given)\b/i;

interface Cue {
  status: PaymentStatus;
  re: RegExp;
}
/** Status cues; the one nearest before the sum wins. */
const STATUS_CUES: Cue[] = [
  {
    status: 'already_paid',
    re: new RegExp(
      String.raw`(?<!\b(?:would|should|could|might)\s)\b(?:has|have|had)\s+(?:already\s+|since\s+|now\s+|also\s+)?received\b|\balready\s+received\b|${NOT_BY_PERSON}\b(?:has|have|had)\s+(?:already\s+|since\s+|now\s+|also\s+)?(?:paid|refunded|reimbursed|repaid|credited|made\s+(?:a\s+|an\s+)?(?:\w+\s+)?payments?)\b|\balready\s+(?:paid|refunded|reimbursed|made|given|credited|offered\s+and\s+paid)\b|${NOT_BY_PERSON}(?<!\bbe\s)(?<!\bbeen\s)(?<!\bto\s)\b(?:paid|refunded|reimbursed|repaid)\b|\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:paid|refunded|reimbursed)\b|\balready\s+(?:taken|provided|given|made|put\s+right)\b|\b(?:has|have|had)\s+already\s+(?!(?:agreed|offered|said|accepted|decided|told|promised|proposed|asked|been\s+asked)\b)\w+ed\b`,
      'gi',
    ),
  },
  // "we recommend the Council … offer to pay Mr W £250": the bare "offer to pay" of a remedy list is
  // what the body is asked to do, not an offer it made; the lead-in or heading gives the status.
  { status: 'offered', re: /\boffer(?:ed|s|ing)\b|\boffer\b(?!\s+to\s+(?:pay|make|refund|reimburse)\b)/gi },
  {
    status: 'agreed',
    // "will" of the body, not the Ombudsman's "we will not investigate" nor a refusal ("will not refund").
    re: /\b(?:has|have|had)\s+(?:also\s+|now\s+)?agreed\b|(?<!\b(?:not|never)\s)\bagree[sd]?\b|(?<!\b(?:we|I|[Oo]mbudsm[ae]n|[Oo]mbudsmen)\s)\bwill\b(?!\s+not\b)|\bshall\b|\baccept(?:s|ed)?\s+(?:our|my|the|these|this|that)\s+(?:recommendations?|remedy|proposals?)\b|\bto\s+be\s+paid\b|\bis\s+to\s+pay\b|\bhas\s+undertaken\b/gi,
  },
  {
    status: 'recommended',
    re: /\brecommend(?:s|ed|ing|ations?)?\b|\bshould\b|\bmust\b|\bought\s+to\b|\bask(?:ed)?\s+the\s+(?:council|organisation|provider)\b|\bI\s+(?:propose|suggest)\b|\bwe\s+(?:propose|suggest)\b/gi,
  },
];
const NEGATED = /\b(?:not|never|refused\s+to|declined\s+to|no\s+longer)\s+(?:\w+\s+)?$/i;

const CLAIM =
  /\b(?:wants?|wanted|ask(?:s|ed|ing)?\s+(?:for|the\s+council\s+(?:for|to\s+pay))|claim(?:s|ed|ing)?|seek(?:s|ing)?|sought|demand(?:s|ed|ing)?|request(?:s|ed|ing)?|would\s+like|hop(?:es|ed|ing)\s+for|believes?|thinks?|says?\s+(?:she|he|they)\s+(?:is|are|was|were)\s+owed|compensation\s+of|expected)\b/i;
/** Guidance words before a sum; "Band B" (a housing register band) is not a remedy band. */
const GUIDANCE =
  /\b(?:guidance|usually|normally|typically|generally|tends?\s+to|ranges?|up\s+to|maximum|at\s+most|bands?(?!\s+[A-Z0-9]\b)|tariff|would\s+expect|in\s+similar\s+cases)\b/i;
const CHARGE_WORDS = String.raw`(?:charges?|charged|fees?|costs?|costing|cost|invoices?|invoiced|bills?|billed|debts?|owed|owes|owing|arrears|rent|liabilit(?:y|ies)|penalty(?:\s+charge(?:\s+notice)?)?|PCN|fines?|prices?|priced|valued?|worth|grants?|budget|contributions?|top[- ]ups?|salary|wages|(?:notice|holiday|sick|redundancy)\s+pay|income|savings|capital|loan|deposit|overpayments?|cheque|estimate|quotes?|quotation|balance|premium|mortgage|rates?|(?:housing|child|welfare|disability|state|means[- ]tested|income[- ]related|attendance)\s+(?:benefits?|allowances?)|carer['’]?s\s+allowance)`;
/** A charge, cost or price right before the sum: "charges of over £4,000", "a rent of £1,050", "at £32 an hour". */
const CHARGE_BEFORE = new RegExp(
  String.raw`\b${CHARGE_WORDS}\s+(?:(?:of|for|at|totall?ing|amounting\s+to|was|were|is|are|came\s+to|rose\s+to|increased\s+to|reduced\s+to|by)\s+)?(?:(?:over|about|around|nearly|more\s+than|almost|some|up\s+to|just\s+under|just\s+over)\s+)?$|\bat\s+(?:a\s+(?:\w+\s+)?(?:rate|cost|price|charge)\s+of\s+)?$|\b(?:cost|costs|costing|charged|charges|billed|invoiced)\s+(?:her|him|them|Mrs\s+[A-Z]|Mr\s+[A-Z]|Ms\s+[A-Z])?\s*$`,
  'i',
);
/** A charge or rate right after the sum: "£110 charge certificate", "£96.40 a week", "£34.67 each". */
const CHARGE_AFTER = new RegExp(
  String.raw`^\s*(?:a|an|per)\s+(?:week|hour|visit|night|day|session|year|annum)\b|^\s*each\b|^\s*weekly\b|^\s*(?:in\s+)?${CHARGE_WORDS}\b`,
  'i',
);
const REIMBURSE =
  /\b(?:refund|reimburs|repay|pay(?:ing)?\s+(?:her\s+|him\s+|them\s+)?back|underpaid|underpayment)/i;
/** Arrears the body pays ("backdate the award and pay her the arrears of £125"): a payment, not a debt. */
const ARREARS_PAID =
  /\bbackdat\w*\s+(?:the\s+|her\s+|his\s+|their\s+|its\s+)?(?:award|benefit|payments?|allowance|claim|decision|support|reduction|entitlement)\b|\b(?:pay(?:s|ing)?|paid)\s+(?:(?:her|him|them|Mrs?|Ms|Miss|Dr|and|[A-Z])\s+){0,4}(?:the\s+|any\s+)?arrears\b/i;
/** Where the words about a sum end: the next clause of a remedy list ("£150 and remind staff …"). */
const CLAUSE_END =
  /;|\band\s+(?:to\s+|will\s+|should\s+)?(?:remind|review|train|apologi[sz]e|make|provide|issue|arrange|write|consider|update|carry|complete|ensure|send|share|reconsider|reassess|cancel|waive|pay|refund|reimburse|remove|tell|offer|introduce|change|amend|backdate|repay|check|identify|audit|monitor|contact|confirm|publish|explain|establish|look)\b/i;
const WAIVE =
  /\b(?:cut|cuts|waive[sd]?|waiving|write\s+off|writes\s+off|written\s+off|wrote\s+off|cancel(?:s|led|ling)?|reduc(?:e|es|ed|ing|tion)|credit(?:ed)?\s+(?:her|his|their|the)\s+account|remove[sd]?\s+(?:the\s+)?charges?)\b/i;
const REMEDY_CUE =
  /\b(?:pay|pays|paid|paying|payments?|remed(?:y|ies|ied)|refund|reimburs|repay|offer|award|compensat|recognis|recogniz|acknowledg|symbolic|backdat|for\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:distress|time|frustration|uncertainty|upset|loss|lost|missed))/i;
/** Words right before a total ("a total of £1,950"); "made up of", "comprising" follow a total (see TOTAL_AFTER). */
const TOTAL_BEFORE =
  /\b(?:(?:a\s+)?total\s+(?:of\s+)?|totall?ing\s+|in\s+total\s+|in\s+all\s+|altogether\s+|combined\s+)$/i;
const TOTAL_AFTER =
  /^\s*(?:in\s+total|altogether|in\s+all|\(|,?\s*(?:made\s+up|comprising|consisting|broken\s+down|which\s+(?:is|comprises|includes)))/i;
/** A sentence that only breaks down a total stated just before it: "This is £2,500 for ... and £750 for ...". */
const BREAKDOWN_START =
  /^(?:this|that|the\s+(?:sum|total|payment|amount))\s+(?:is|comprises|includes|covers|represents|consists\s+of)\b/i;
const BACKREF = /\b(?:the|this|that|these)\s+$/i;

/** "turned down", "turned it / this / the offer down". */
const TURNED_DOWN = String.raw`turned\s+(?:(?:it|this|that|them|these|the\s+(?:offer|payment|sum))\s+)?down`;
const OFFER_DECLINED = new RegExp(
  String.raw`\b(?:declined|refused|rejected|${TURNED_DOWN}|did\s+not\s+accept|does\s+not\s+accept|has\s+not\s+accepted|not\s+to\s+accept)\b`,
  'i',
);
const OFFER_ADEQUATE =
  /\b(?:suitable|appropriate|adequate|sufficient|reasonable|proportionate|satisfactory|fair|enough)\b|\bremed(?:y|ies)\s+(?:the|her|his|their|any)\s+(?:\w+\s+)?injustice\b|\bin\s+line\s+with\s+(?:our|the\s+Ombudsman'?s)\s+guidance\b/i;
/** An adequacy word that is negated or outbid: "not enough", "was not suitable", "a higher payment is more appropriate". */
const OFFER_INADEQUATE =
  /\b(?:not|n['’]t|never|no|less\s+than)\s+(?:\w+\s+){0,5}?(?:suitable|appropriate|adequate|sufficient|reasonable|proportionate|satisfactory|fair|enough|in\s+line)\b|\bmore\s+(?:appropriate|suitable)\b|\b(?:too\s+(?:little|low|small)|higher|insufficient|inadequate)\b/i;
/** A sentence after an offer that speaks of it: "That offer is …", "I consider this is …", "It remedies …". */
const OFFER_BACKREF =
  /^(?:(?:that|this|the|its|their|his|her)\s+(?:\w+\s+){0,2}?(?:offer|payment|sum|amount)\b|(?:this|that|it)\s+(?:is|was|would\s+be|remedies|represents)\b|I\s+(?:do\s+not\s+|don['’]t\s+)?(?:consider|find|think)\b|I\s+am\s+(?:not\s+)?(?:satisfied|content)\b|we\s+(?:do\s+not\s+|don['’]t\s+)?(?:consider|find|think)\b|we\s+are\s+(?:not\s+)?(?:satisfied|content)\b)/i;
/** Sentences after an offer read for what the Ombudsman made of it. */
const OFFER_FOLLOWING = 2;
/** "[^.]" that lets a decimal point through ("£350.00"). */
const NOT_STOP = String.raw`(?:[^.]|\.(?=\d))`;
const DOC_OFFER_ADEQUATE = new RegExp(
  String.raw`\b(?:offers?|remed(?:y|ies))\b${NOT_STOP}{0,80}\b(?:is|was|are|were|as)\s+(?:a\s+)?(?:suitable|appropriate|adequate|sufficient|proportionate|satisfactory)\b|\b(?:suitable|appropriate|adequate|sufficient|proportionate|satisfactory)\s+remedy\b|\bin\s+line\s+with\s+what\s+we\s+would\s+(?:recommend|expect)\b|\boffers?\b${NOT_STOP}{0,80}\bin\s+line\s+with\s+(?:our|the\s+Ombudsman'?s)\s+guidance\b|\boffer\w*\b${NOT_STOP}{0,80}\bremed(?:y|ies)\s+the\s+injustice\b|\bdone\s+enough\s+to\s+remedy\b`,
  'i',
);
const DOC_OFFER_DECLINED = new RegExp(
  String.raw`\boffer\w*\b${NOT_STOP}{0,80}\b(?:declined|refused|rejected|${TURNED_DOWN}|did\s+not\s+accept)\b|\b(?:declined|refused|rejected|turned\s+down|did\s+not\s+accept)\b${NOT_STOP}{0,40}\boffer`,
  'i',
);

/** An offer, and whether the Ombudsman took it as the remedy (then it counts in the total). */
interface OfferOutcome {
  status: PaymentStatus;
  accepted: boolean;
  /** P-OFFER-DECLINED, P-OFFER-FOUND-ENOUGH, P-OFFER-PAID or P-OFFER-NO-VERDICT. */
  rule: string;
}

/**
 * What became of an offer: declined → offered; called suitable (in its own sentence, then in the
 * next sentences that speak of it, then anywhere in the decision) → still offered (the body's own
 * offer, as the Ombudsman reports it) but accepted as the remedy, or already_paid when the sentence
 * says it was paid. An offer nobody comments on stays offered, not accepted.
 */
function resolveOffer(text: string, following: readonly string[], ctx: SectionContext): OfferOutcome {
  const accepted: OfferOutcome =
    /\b(?:has|had)\s+(?:already\s+)?paid\b|\balready\s+paid\b|\bwhich\s+(?:it|the\s+Council)\s+(?:has\s+|had\s+)?(?:since\s+|then\s+|now\s+|later\s+)?paid\b/i.test(
      text,
    )
      ? { status: 'already_paid', accepted: true, rule: 'P-OFFER-PAID' }
      : { status: 'offered', accepted: true, rule: 'P-OFFER-FOUND-ENOUGH' };
  const offered: OfferOutcome = { status: 'offered', accepted: false, rule: 'P-OFFER-DECLINED' };
  if (OFFER_DECLINED.test(text)) return offered;
  if (OFFER_ADEQUATE.test(text) && !OFFER_INADEQUATE.test(text)) return accepted;
  for (const next of following) {
    const backref = OFFER_BACKREF.test(next.trim());
    if (OFFER_DECLINED.test(next) || (backref && OFFER_INADEQUATE.test(next))) return offered;
    // A sentence with a new sum: any praise in it is for that sum ("I consider £300 is appropriate").
    if (findAmounts(next).some((a) => !a.range && !a.restates)) break;
    if (backref && OFFER_ADEQUATE.test(next)) return accepted;
  }
  if (ctx.offerDeclined) return offered;
  if (ctx.offerAdequate) return accepted;
  return { ...offered, rule: 'P-OFFER-NO-VERDICT' };
}
/** "refused to accept", "did not accept", "has not agreed": a recommendation turned down stays recommended. */
const NOT_BEFORE = String.raw`(?<!\b(?:not|never|refused\s+to|declined\s+to|failed\s+to|unwilling\s+to)\s)`;
const DOC_AGREEMENT = new RegExp(
  String.raw`\b(?<!not\s)(?:has|have|had)\s+(?:now\s+|also\s+)?agreed\b|${NOT_BEFORE}\baccept(?:s|ed)?\s+(?:our|my|the|these|this)\s+recommendations?\b|${NOT_BEFORE}\bagreed\s+to\s+(?:our|my|the|these)\s+recommendations?\b`,
  'i',
);

interface PurposeCue {
  purpose: PaymentPurpose;
  re: RegExp;
}
/** Purpose words; in the words after a sum the earliest wins, before it the nearest. "symbolic" only when nothing else is said. */
const PURPOSES: PurposeCue[] = [
  { purpose: 'time_and_trouble', re: /\btime,?\s+(?:and\s+)?trouble\b/gi },
  { purpose: 'backdated', re: /\bbackdat\w*|\barrears\b|\bunderpaid\b|\bunderpayments?\b/gi },
  {
    purpose: 'reimbursement',
    re: /\brefund\w*|\breimburs\w*|\brepa(?:y|id)\w*|\bpay(?:ing)?\s+(?:her\s+|him\s+|them\s+)?back\b|\bcosts?\s+(?:she|he|they|it|Mrs|Mr|Ms|Miss)\b|\bcosts\s+incurred\b|\bincurred\b|\bout[- ]of[- ]pocket\b|\bexpenses\b|\bthe\s+cost\s+of\b|\bfinancial\s+loss\b/gi,
  },
  {
    purpose: 'loss_of_education',
    re: /\beducation\w*|\btuition\b|\bschool(?:ing)?\b|\bcollege\b|\b(?:his|her|their)\s+course\b|\blearning\b|\btherapy\b|\b(?:lost|missed|loss\s+of)\s+(?:\w+\s+){0,3}?provision\b|\bprovision\s+(?:\w+\s+){0,2}(?:lost|missed|did\s+not\s+receive|went\s+without)\b|\bSEN\s+provision\b/gi,
  },
  {
    purpose: 'loss_of_service',
    re: /\bloss\s+of\s+(?:\w+\s+){0,3}?(?:service|care|respite|support|short\s+breaks)\b|\b(?:services?|care|support)\s+(?:that\s+|which\s+)?(?:was|were)\s+not\s+(?:provided|delivered|given)\b|\b(?:lost|missed)\s+(?:\w+\s+)?(?:care|respite|services?|support)\b|\bcare\s+(?:she|he|they)\s+(?:did\s+not|should\s+have)\b|\b(?:care|support|services?|respite)(?:\s+(?:visits?|calls?|hours?|sessions?|package))?\s+(?:that\s+|which\s+)?(?:she|he|they|[A-Z])\s+(?:missed|lost|did\s+not\s+(?:get|receive|have))\b|\bunmet\s+(?:care\s+)?needs?\b|\bwithout\s+(?:the\s+)?(?:care|support)\b/gi,
  },
  {
    purpose: 'other',
    re: /\b(?:lost|loss\s+of)\s+(?:the\s+)?(?:opportunity|chance)\b|\blost\s+opportunity\b/gi,
  },
  {
    purpose: 'distress',
    re: /\bdistress\w*|\bupset\b|\bfrustrat\w*|\buncertaint\w*|\banxi\w*|\bworr\w*|\bstress\b|\binconvenience\b|\boutrage\b|\bhardship\b|\bfor\s+(?:her|his|their|the)\s+(?:own\s+)?injustice\b|\bstrain\b|\bimpact\b|\bsuffering\b|\bharm\b/gi,
  },
];
const SYMBOLIC = /\bsymbolic\b/i;

// ------------------------------------------------------------------ mentions

interface Mention {
  amount: number;
  status: PaymentStatus;
  statusExplicit: boolean;
  purpose: PaymentPurpose;
  purposes: Set<PaymentPurpose>;
  recipient: string | null;
  evidence: Evidence;
  sectionIndex: number;
  sectionRank: number;
  sentenceKey: string;
  backRef: boolean;
  totalCue: boolean;
  openPeriod: boolean;
  unitAmount: number;
  section: DocSection;
  /** An offer the Ombudsman found enough: counted in the total though its status stays offered. */
  offerAccepted: boolean;
  /** Ids of the rules that decided this mention's status and purpose (see README, Payments). */
  rules: string[];
}

/** Sums read per decision at most; a real decision has a handful. */
const MAX_MENTIONS = 500;

const RANK: Record<string, number> = { remedy: 5, decision: 3, summary: 3, assessment: 2, facts: 1 };

function nearestCue(text: string): { status: PaymentStatus; at: number } | null {
  let best: { status: PaymentStatus; at: number } | null = null;
  for (const cue of STATUS_CUES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(text); m; m = cue.re.exec(text)) {
      const end = m.index + m[0].length;
      if (NEGATED.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      if (!best || end > best.at) best = { status: cue.status, at: end };
    }
  }
  return best;
}

/** "the School" with a capital is the body (a school as admission authority), not what the money is for. */
const SCHOOL_BODY = /\b[Tt]he\s+School\b/g;

function purposesIn(
  raw: string,
  earliest: boolean,
): { first: PaymentPurpose | null; all: Set<PaymentPurpose> } {
  const text = raw.includes('School') ? raw.replace(SCHOOL_BODY, (m) => ' '.repeat(m.length)) : raw;
  const all = new Set<PaymentPurpose>();
  let first: { p: PaymentPurpose; at: number } | null = null;
  for (const cue of PURPOSES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(text); m; m = cue.re.exec(text)) {
      all.add(cue.purpose);
      const at = m.index;
      if (!first || (earliest ? at < first.at : at > first.at)) first = { p: cue.purpose, at };
    }
  }
  return { first: first?.p ?? null, all };
}

const HARD_NAME = new RegExp(String.raw`^(?:${TITLE}\s+(?:and\s+${TITLE}\s+)?[A-Z]\b|[A-Z]$)`);
const NAMED = new RegExp(String.raw`${TITLE}\s+and\s+${TITLE}\s+[A-Z]\b|${TITLE}\s+[A-Z]\b`, 'g');

/** The recipient as printed; a pronoun ("pay her") is read as the last person named before it in `context`. */
function cleanRecipient(r: string | undefined, context = ''): string | null {
  if (!r) return null;
  const t = r.replace(/\s+/g, ' ').trim();
  if (PRONOUN.test(t)) {
    const names = context.match(NAMED);
    return names ? names[names.length - 1]!.replace(/\s+/g, ' ') : null;
  }
  return t;
}

/** "pay Mr and Mrs W £250 each", "pays her and Mrs Y £200 each": the people a sum is paid to, each. */
const PAY_EACH_BEFORE = new RegExp(
  String.raw`\b(?:pay|pays|paying|paid|give|gives|award|awards)\s+((?:(?:${TITLE}|and|[A-Z]|her|him|them|[A-Z][a-z]+|,)\s*){2,12}?)\s*$`,
);

/**
 * One recipient per person when a sum is paid to several people "each"; null when the sum is not
 * such a payment ("£34.67 each" as a price stays a charge).
 */
function payEach(local: string, after: string, named: string): (string | null)[] | null {
  if (!/^\s*each\b/i.test(after)) return null;
  const m = PAY_EACH_BEFORE.exec(local);
  if (!m) return null;
  const words = m[1]!.trim();
  const couple = new RegExp(String.raw`^(${TITLE})\s+and\s+(${TITLE})\s+([A-Z])$`).exec(words);
  if (couple) return [`${couple[1]} ${couple[3]}`, `${couple[2]} ${couple[3]}`];
  const parts = words.split(/\s*(?:,|\band\b)\s*/).filter((p) => p !== '');
  if (parts.length < 2) return null;
  // A pronoun among them is read from the words before the pay verb, not the names after it.
  const before = named.slice(0, named.length - (local.length - m.index));
  return parts.map((p) => cleanRecipient(p, before));
}

/** "We recommended … but it has refused to accept" is not an acceptance. */
const AGREED_AFTER = new RegExp(String.raw`${NOT_BEFORE}\b(?:agreed|accepted)\b`, 'i');
/**
 * A sentence describing the complaint up to the sum: "complaint that the Council …", "complained
 * about …", "will not investigate … complaint about a delay in issuing a £1.50 refund".
 */
const COMPLAINT_ABOUT =
  /\bcomplain(?:t|ts|ed|s|ing)?\s+(?:\w+\s+){0,3}?(?:about|that|of|over)\b|\b(?:complained|complains)\s+(?:the|its|it)\b/i;
/** A refusal or failure to pay right before the sum: what the complaint is about, not a remedy. */
const FAILED_TO_PAY =
  /\b(?:failed|refused|declined|did\s+not|would\s+not|will\s+not|won['’]t|has\s+not|had\s+not)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:pay|refund|reimburse|repay|return|provide\s+(?:a\s+|the\s+)?refund\s+of)\s+(?:(?:her|him|them|the|a|an)\s+)?$/i;
/** After the sum: the body's own remedy in the same sentence ("…; it has now agreed to pay it"). */
const BODY_REMEDY =
  /\b(?:has|have|had)\s+(?:now\s+|since\s+|already\s+|also\s+)?(?:agreed|offered|paid|refunded|reimbursed|apologised)\b|\b(?:will|should|must)\s+(?:now\s+)?(?:pay|refund|reimburse)\b|\bagreed\s+to\b|\bwe\s+recommend/i;

interface SectionContext {
  docAgreement: boolean;
  offerDeclined: boolean;
  offerAdequate: boolean;
}

function mentionsIn(
  section: DocSection,
  s: Sentence,
  ctx: SectionContext,
  nextIsBreakdown: boolean,
  following: () => readonly string[],
): Mention[] {
  const amounts = findAmounts(s.text);
  if (amounts.length === 0) return [];
  const out: Mention[] = [];
  const text = s.text;
  const leadIn = s.leadIn ?? '';
  let prevEnd = 0;
  let prevRecipient: string | null = null;
  for (let i = 0; i < amounts.length; i++) {
    const a: Money = amounts[i]!;
    const nextStart = i + 1 < amounts.length ? amounts[i + 1]!.start : text.length;
    const local = text.slice(Math.max(prevEnd, a.start - 90), a.start);
    const after = text.slice(a.end, Math.min(nextStart, a.end + 60));
    let afterLong = text.slice(a.end, Math.min(nextStart, a.end + 300));
    const clauseEnd = CLAUSE_END.exec(afterLong);
    if (clauseEnd) afterLong = afterLong.slice(0, clauseEnd.index);
    prevEnd = a.end;
    // recipient: "pay Mrs X £", "£N to Mrs X", shared with the previous sum of the sentence, or the lead-in's.
    // Bounded look-behind: a sentence with thousands of sums must stay linear.
    const prefix = text.slice(Math.max(0, a.start - 400), a.start);
    const rb = RECIP_BEFORE.exec(prefix.slice(-120));
    const ra = RECIP_AFTER.exec(text.slice(a.end, a.end + 80));
    const named = `${section.text.slice(Math.max(0, s.start - 300), s.start)} ${leadIn} ${prefix}`;
    const rand = i > 0 ? RECIP_AND.exec(local) : null;
    let recipient =
      cleanRecipient(rb?.[1] ?? rb?.[2], named) ??
      cleanRecipient(rand?.[1]) ??
      cleanRecipient(ra?.[1], named);
    if (!recipient && !rb && !ra && !rand && i > 0 && !NEW_PAY_VERB.test(local)) recipient = prevRecipient;
    if (!recipient && !rb && !ra && i === 0 && leadIn) {
      const all = [...leadIn.matchAll(RECIP_ANY)];
      recipient = cleanRecipient(all[all.length - 1]?.[1], leadIn);
    }
    prevRecipient = recipient;
    if (a.range || a.restates) continue;
    // An open-ended rate ("£200 a month") outside the summary, remedy and decision is a rate, not a payment.
    if (a.per && a.per.count === null && !['summary', 'remedy', 'decision'].includes(section.kind)) continue;
    if (CLAIM.test(local) && !/\bagreed\b|\bwill\s+pay\b/i.test(local)) continue;
    if (CLAIM_AFTER.test(after)) continue;
    if (PAID_TO_ORG_BEFORE.test(local) || PAID_TO_ORG_AFTER.test(after)) continue;
    if (GUIDANCE.test(local)) continue;
    const refundVerb = REFUND_VERB_BEFORE.test(local);
    if (WAIVE.test(local.slice(-60)) && !refundVerb) continue;
    if (TAKE_OFF_BEFORE.test(local) && /^\s*off\b/i.test(after)) continue;
    if (/\bcredit(?:s|ed|ing)?\s+$/i.test(local) && /^\s*to\s+[^.;]{0,50}\baccount\b/i.test(after)) continue;
    if (NOT_RECOMMENDED_PAY.test(local)) continue;
    const reimb = REIMBURSE.test(local) || REIMBURSE.test(after) || ARREARS_PAID.test(local);
    if (!reimb && PAID_BY_PERSON.test(local) && !REIMBURSE.test(afterLong)) continue;
    const each = !reimb ? payEach(local, after, named) : null;
    if (!reimb && !each && (CHARGE_BEFORE.test(local.slice(-80)) || CHARGE_AFTER.test(after))) continue;
    // The money the complaint is about ("complaint that the Council will not refund £22.95", "failed
    // to provide a refund of £65"), with no remedy of the body's later in the sentence.
    if (
      (COMPLAINT_ABOUT.test(text.slice(0, a.start)) || FAILED_TO_PAY.test(local)) &&
      !BODY_REMEDY.test(text.slice(a.end))
    )
      continue;
    const inRemedy = section.kind === 'remedy';
    if (!inRemedy && !REMEDY_CUE.test(text) && !REMEDY_CUE.test(leadIn)) continue;

    // status: nearest cue before the sum, then after it, then the lead-in, then the heading.
    const backRef = BACKREF.test(text.slice(Math.max(0, a.start - 12), a.start));
    const rules: string[] = [];
    let cue: { status: PaymentStatus; at: number } | null = null;
    if (backRef && BODY_HAS_PAID.test(afterLong)) {
      cue = { status: 'already_paid', at: 0 };
      rules.push('P-STATUS-POINTED-BACK-PAID');
    } else {
      cue = nearestCue(prefix);
      if (cue) rules.push('P-STATUS-CUE-BEFORE');
    }
    if (!cue) {
      const tail = /\b(?:will|to)\s+be\s+paid\b/i.test(afterLong)
        ? { status: 'agreed' as const, at: 0 }
        : /\b(?:was|were|has\s+been|have\s+been)\s+paid\b/i.test(afterLong)
          ? { status: 'already_paid' as const, at: 0 }
          : null;
      const lead = tail ? null : leadIn ? nearestCue(leadIn) : null;
      if (tail) rules.push('P-STATUS-CUE-AFTER');
      else if (lead) rules.push('P-STATUS-LEAD-IN');
      cue = tail ?? lead;
    }
    if (!cue) rules.push(section.remedyDefault ? 'P-STATUS-HEADING' : 'P-STATUS-NONE');
    let status: PaymentStatus = cue?.status ?? section.remedyDefault ?? 'other';
    let statusExplicit = cue !== null;
    if (
      status === 'other' &&
      ctx.docAgreement &&
      (section.kind === 'summary' || section.kind === 'decision')
    ) {
      status = 'agreed';
      rules.push('P-STATUS-DECISION-AGREED');
    }
    if (status === 'recommended' && (ctx.docAgreement || AGREED_AFTER.test(text.slice(a.end, a.end + 300)))) {
      status = 'agreed';
      rules.push('P-STATUS-RECOMMENDATION-ACCEPTED');
    }
    let offerAccepted = false;
    if (status === 'offered') {
      const offer = resolveOffer(text, following(), ctx);
      ({ status, accepted: offerAccepted } = offer);
      rules.push(offer.rule);
    }
    if (!statusExplicit && section.remedyDefault) statusExplicit = true;

    // purpose: the words after the sum (earliest), else before it back to the previous sum (nearest).
    // Words between the previous sum and this one describe the previous sum.
    const afterP = purposesIn(afterLong, true);
    const beforeP = purposesIn(i === 0 ? local : '', true);
    let purpose: PaymentPurpose = refundVerb ? 'reimbursement' : (afterP.first ?? beforeP.first ?? 'other');
    rules.push(
      refundVerb
        ? 'P-PURPOSE-REFUND-VERB'
        : afterP.first
          ? 'P-PURPOSE-AFTER'
          : beforeP.first
            ? 'P-PURPOSE-BEFORE'
            : 'P-PURPOSE-NONE',
    );
    if (purpose === 'other' && (SYMBOLIC.test(local) || SYMBOLIC.test(afterLong))) {
      purpose = 'symbolic';
      rules.push('P-PURPOSE-SYMBOLIC');
    }
    if (each) rules.push('P-EACH-PERSON');
    const purposes = new Set<PaymentPurpose>([...afterP.all]);
    if (afterP.all.size === 0) for (const p of beforeP.all) purposes.add(p);
    if (purpose === 'reimbursement') purposes.add('reimbursement');

    const totalCue =
      TOTAL_BEFORE.test(text.slice(Math.max(0, a.start - 40), a.start)) ||
      TOTAL_AFTER.test(text.slice(a.end, a.end + 40)) ||
      (i === amounts.length - 1 && nextIsBreakdown);
    for (const who of each ?? [recipient])
      out.push({
        amount: a.amount,
        status,
        statusExplicit,
        purpose,
        purposes,
        recipient: who,
        evidence: evidenceOf(section, s),
        sectionIndex: section.index,
        sectionRank: RANK[section.kind] ?? 1,
        sentenceKey: `${section.index}:${s.start}`,
        backRef,
        totalCue,
        openPeriod: a.per !== null && a.per.count === null,
        unitAmount: a.unitAmount,
        section,
        offerAccepted,
        rules,
      });
  }
  return out;
}

// ------------------------------------------------------------------ merging

/** A comparable key for a named recipient ("Mrs X", "Y"); descriptions ("her brother") compare as unknown. */
function recipientKey(r: string | null): string | null {
  if (r === null || !HARD_NAME.test(r)) return null;
  return r
    .toLowerCase()
    .replace(/['’]s?\s+.*$/, '')
    .replace(/\./g, '')
    .trim();
}

function compatible(a: Mention, b: Mention): boolean {
  const ra = recipientKey(a.recipient);
  const rb = recipientKey(b.recipient);
  if (ra !== null && rb !== null && ra !== rb) return false;
  if (a.purposes.size > 0 && b.purposes.size > 0) {
    let shared = false;
    for (const p of a.purposes) if (b.purposes.has(p)) shared = true;
    if (!shared) return false;
  }
  return true;
}

interface Group {
  mentions: Mention[];
}

/** A sum already paid and a sum the body agreed (or is asked) to pay are two payments, unless one points back ("the £100"). */
function statusesConflict(a: Mention, b: Mention): boolean {
  if (!a.statusExplicit || !b.statusExplicit || a.backRef || b.backRef) return false;
  const future = (m: Mention) =>
    m.status === 'agreed' || m.status === 'recommended' || (m.status === 'offered' && m.offerAccepted);
  return (a.status === 'already_paid' && future(b)) || (b.status === 'already_paid' && future(a));
}

function canMerge(g: Group, m: Mention): boolean {
  const first = g.mentions[0]!;
  if (Math.abs(first.amount - m.amount) > 0.005) return false;
  if (!g.mentions.every((x) => compatible(x, m) && !statusesConflict(x, m))) return false;
  if (g.mentions.some((x) => x.sentenceKey === m.sentenceKey)) return false;
  if (g.mentions.some((x) => x.sectionIndex === m.sectionIndex) && !m.backRef) return false;
  return true;
}

function choose(
  g: Group,
): Payment & { countedInTotal: boolean; totalCue: boolean; onlyOutsideRemedy: boolean } {
  const byRank = [...g.mentions].sort(
    (x, y) => y.sectionRank - x.sectionRank || x.sectionIndex - y.sectionIndex,
  );
  const best = byRank[0]!;
  const explicit = byRank.find((m) => m.statusExplicit) ?? best;
  const purpose =
    byRank.find((m) => m.purpose !== 'other' && m.purpose !== 'symbolic')?.purpose ??
    byRank.find((m) => m.purpose !== 'other')?.purpose ??
    best.purpose;
  const recipient =
    byRank.find((m) => m.recipient !== null && HARD_NAME.test(m.recipient))?.recipient ??
    byRank.find((m) => m.recipient !== null)?.recipient ??
    null;
  const status = explicit.status;
  return {
    amount: best.amount,
    status,
    purpose,
    recipient,
    evidence: best.evidence,
    countedInTotal:
      countedInTotal({ status }) || (status === 'offered' && g.mentions.some((m) => m.offerAccepted)),
    // Why: the status's rules from the mention that gave it, the purpose's from the best-placed one.
    rules: [
      ...new Set([
        ...explicit.rules.filter((r) => !r.startsWith('P-PURPOSE')),
        ...best.rules.filter((r) => r.startsWith('P-PURPOSE') || r === 'P-EACH-PERSON'),
        ...(g.mentions.length > 1 ? ['P-MERGED-MENTIONS'] : []),
      ]),
    ],
    totalCue: g.mentions.some((m) => m.totalCue),
    onlyOutsideRemedy: g.mentions.every((m) => m.section.kind !== 'remedy'),
  };
}

/** True when some 2+ of `items` sum to `target` (to the penny). */
function subsetSums(target: number, items: number[]): boolean {
  const n = Math.min(items.length, 14);
  const t = Math.round(target * 100);
  const cents = items.slice(0, n).map((x) => Math.round(x * 100));
  for (let mask = 1; mask < 1 << n; mask++) {
    if ((mask & (mask - 1)) === 0) continue; // single items are not a total
    let sum = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) sum += cents[i]!;
    if (sum === t) return true;
  }
  return false;
}

/**
 * A stated total ("a total of £1,000") that the listed sums reach only when one repeated sum is
 * counted twice says that sum was paid twice: a group merged from mentions in two or more sections
 * (other than the summary) is split into its first section's mention(s) and the rest.
 */
function splitForStatedTotals(groups: Group[]): void {
  const isTotal = (g: Group) => g.mentions.some((m) => m.totalCue);
  for (const t of groups.filter(isTotal)) {
    const total = t.mentions[0]!.amount;
    const items = () => groups.filter((g) => g !== t && !isTotal(g)).map((g) => g.mentions[0]!.amount);
    if (subsetSums(total, items())) continue;
    for (const g of groups) {
      if (g === t || isTotal(g)) continue;
      const sections = [
        ...new Set(g.mentions.filter((m) => m.section.kind !== 'summary').map((m) => m.sectionIndex)),
      ];
      if (sections.length < 2 || !subsetSums(total, [...items(), g.mentions[0]!.amount])) continue;
      const first = g.mentions[0]!.sectionIndex;
      const rest = g.mentions.filter((m) => m.sectionIndex !== first && m.section.kind !== 'summary');
      g.mentions = g.mentions.filter((m) => !rest.includes(m));
      groups.push({ mentions: rest });
      break;
    }
  }
}

const PAYMENT_INTENT =
  /\b(?:make|makes|made|making)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?payments?\b|\bpay\s+(?:her|him|them|(?:Mr|Mrs|Ms|Miss|Dr|Mx)\b|[B-HJ-Z]\b)|\b(?:financial|remedy|symbolic|acknowledgement|monetary|compensation)\s+(?:remedy|payments?)\b|\bremedy\s+payments?\b|\bfinancial\s+remedy\b/i;
const NOT_REMEDY_PAYMENT = /\bdirect\s+payments?\b|\bcare\s+payments?\b|\bhousing\s+benefit\b/i;

/** Extracts the distinct remedy payments of a decision. */
export function extractPayments(doc: Doc, warnings: Set<string>): Payment[] {
  const used = doc.sections.filter((s) => s.kind !== 'complaint' && s.kind !== 'law' && s.kind !== 'opening');
  const all = used.map((s) => s.text).join('\n');
  const hasOffer = /offer/i.test(all);
  const ctx: SectionContext = {
    docAgreement: doc.sections
      .filter((s) => s.kind === 'summary' || s.kind === 'remedy' || s.kind === 'decision')
      .some((s) => DOC_AGREEMENT.test(s.text)),
    offerAdequate: hasOffer && DOC_OFFER_ADEQUATE.test(all),
    offerDeclined: hasOffer && DOC_OFFER_DECLINED.test(all),
  };
  const found: Mention[] = [];
  for (const section of used) {
    section.sentences.forEach((s, si) => {
      if (found.length > MAX_MENTIONS) return;
      const next = section.sentences[si + 1];
      const nextIsBreakdown = next !== undefined && next.line === s.line && BREAKDOWN_START.test(next.text);
      const following = () => section.sentences.slice(si + 1, si + 1 + OFFER_FOLLOWING).map((x) => x.text);
      found.push(...mentionsIn(section, s, ctx, nextIsBreakdown, following));
    });
    if (found.length > MAX_MENTIONS) {
      warnings.add(`more than ${MAX_MENTIONS} sums of money: the rest were not read`);
      found.length = MAX_MENTIONS;
      break;
    }
  }
  // An open-ended rate restated beside a multiplied-out one ("£200 a month for nine months") is the same sum.
  const mentions = found.filter(
    (m) =>
      !m.openPeriod ||
      !found.some(
        (o) => !o.openPeriod && o !== m && o.unitAmount === m.unitAmount && o.amount !== o.unitAmount,
      ),
  );
  for (const m of mentions) {
    if (m.openPeriod)
      warnings.add(`£${m.unitAmount} per period with no stated number of periods: counted once`);
  }
  // Remedy-section mentions first: they anchor the groups.
  const ordered = [...mentions].sort(
    (x, y) => y.sectionRank - x.sectionRank || x.sectionIndex - y.sectionIndex,
  );
  const groups: Group[] = [];
  const byAmount = new Map<number, Group[]>();
  for (const m of ordered) {
    const key = Math.round(m.amount * 100);
    const same = byAmount.get(key) ?? [];
    const g = same.find((x) => canMerge(x, m));
    if (g) g.mentions.push(m);
    else {
      const fresh = { mentions: [m] };
      groups.push(fresh);
      same.push(fresh);
      byAmount.set(key, same);
    }
  }
  splitForStatedTotals(groups);
  const chosen = groups.map(choose);
  const hasRemedySection = chosen.some((c) => !c.onlyOutsideRemedy);
  const kept = chosen.filter((c, i) => {
    if (!(c.totalCue || (hasRemedySection && c.onlyOutsideRemedy))) return true;
    const others = chosen.filter((o, j) => j !== i && !o.totalCue).map((o) => o.amount);
    return !subsetSums(c.amount, others);
  });
  // Back in reading order.
  kept.sort((x, y) => orderKey(doc, x.evidence) - orderKey(doc, y.evidence));
  const payments: Payment[] = kept.map(
    ({ amount, status, purpose, recipient, evidence, countedInTotal, rules }) => ({
      amount,
      status,
      purpose,
      recipient,
      evidence,
      countedInTotal,
      rules,
    }),
  );
  if (payments.length === 0) {
    const intent = doc.sections
      .filter((s) => s.kind === 'summary' || s.kind === 'remedy' || s.kind === 'decision')
      .some((s) => s.sentences.some((x) => PAYMENT_INTENT.test(x.text) && !NOT_REMEDY_PAYMENT.test(x.text)));
    if (intent) warnings.add('payment mentioned without an amount');
  }
  return payments;
}

function orderKey(doc: Doc, e: Evidence): number {
  const i = doc.sections.findIndex((s) => s.heading === e.section);
  return (i < 0 ? 999 : i) * 1_000_000 + e.start;
}

/** The payments counted in the total (agreed, recommended, already paid, offers found enough), to the penny. */
export function remedyTotal(payments: ReadonlyArray<Payment>): number {
  let cents = 0;
  for (const p of payments) if (countedInTotal(p)) cents += Math.round(p.amount * 100);
  return cents / 100;
}
