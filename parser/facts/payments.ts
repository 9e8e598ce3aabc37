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

import { countedInTotal } from '../../core/counted.js';
import type { Evidence, Payment, PaymentPurpose, PaymentStatus } from '../../core/facts.js';
import { clauseEnd } from './clauses.js';
import { type Doc, type DocSection, evidenceOf } from './doc.js';
import { findAmounts, type Money } from './money.js';
import { firstRule, ruleTable } from './rules.js';
import type { Sentence } from './sentences.js';
import {
  ADEQUATE_LOOSE,
  ADEQUATE_STRICT,
  DISTRESS,
  NAMED_PERSON,
  PAY_VERB,
  PERSON,
  REFUND_VERB,
  SUBJECT_PRONOUN,
  THE_BODY,
  TITLE,
  WANT,
} from './vocabulary.js';

// ------------------------------------------------------------------ cues

/** Who a sum is paid to, piece by piece: a couple, a person (or two), an anonymised letter … */
const RECIP_COUPLE = String.raw`${TITLE}\s+and\s+${TITLE}\s+[A-Z]\b`;
const RECIP_PEOPLE = String.raw`${TITLE}\s+[A-Z]\b(?:\s+and\s+${TITLE}\s+[A-Z]\b)?`;
/** A bare letter ("pay B £200"); not "I" nor "A" (words). */
const RECIP_LETTER = String.raw`[B-HJ-Z]\b`;
const RECIP_EACH = String.raw`each\s+(?:neighbour|complainant|resident|child|parent|of them)\b`;
const RELATIVE = String.raw`(?:son|daughter|child|children|mother|father|parents?|husband|wife|partner|family|estate|brother|sister|grandson|granddaughter|grandmother|grandfather|nephew|niece|aunt|uncle|carer)`;
const RECIP_RELATIVE = String.raw`(?:her|his|their)\s+${RELATIVE}\b`;
const RECIP_GROUP = String.raw`the\s+(?:family|parents|estate|complainants?|neighbours|son|daughter)\b`;
/** "her" as a pronoun, not a possessive ("pay her £100", not "pay her rent"). */
const RECIP_PRONOUN = String.raw`her\b(?!\s+(?!(?:the|a|an)\s)[a-z])|him\b|them\b`;
/** "Mrs X's son", "her estate". */
const RECIP_POSSESSIVE = String.raw`(?:['’]s?\s+(?:son|daughter|child|mother|father|estate)\b)?`;
const RECIP = String.raw`(?:${RECIP_COUPLE}|${RECIP_PEOPLE}|${RECIP_LETTER}|${RECIP_EACH}|${RECIP_RELATIVE}|${RECIP_GROUP}|${RECIP_PRONOUN})${RECIP_POSSESSIVE}`;
/** Words between the recipient and the sum: "a further", "a total of", "the arrears of". */
const SUM_LEAD = String.raw`(?:(?:a|an)\s+(?:further\s+|total\s+of\s+|additional\s+|extra\s+|symbolic\s+(?:payment\s+of\s+)?|payment\s+of\s+|sum\s+of\s+)*|the\s+(?:sum\s+of\s+|further\s+|arrears\s+of\s+|backdated\s+(?:\w+\s+)?of\s+|difference\s+of\s+)?)?`;
const RECIP_BEFORE = new RegExp(
  String.raw`\b(?:pay|pays|paying|paid|refund|refunds|refunding|refunded|reimburse|reimbursing|reimbursed|repay|repaid|give|gives|offer|offered|award|awarded)\s+(${RECIP})\s+${SUM_LEAD}$|\bpayments?\s+to\s+(${RECIP})\s+of\s+$`,
);
const RECIP_ANY = new RegExp(String.raw`\b${PAY_VERB}\s+(${RECIP})`, 'g');
const RECIP_AFTER = new RegExp(
  String.raw`^\s*(?:\([^)]{0,60}\)\s*)?(?:each\s+)?to\s+(?:each\s+of\s+)?(${RECIP})`,
);
/** A new payment verb between two sums: the second does not share the first one's recipient. */
const NEW_PAY_VERB = new RegExp(String.raw`\b${PAY_VERB}\b`, 'i');
const PRONOUN = /^(?:her|him|them)$/i;

/**
 * Not after a person as subject: "Mrs R paid", "she had paid" is money the complainant paid out (a
 * charge, a debt, a private assessment), not a remedy the body has paid. Lookbehinds, for a cue regex.
 */
const NOT_BY_PERSON = String.raw`(?<!\b${TITLE}\s+[A-Z]\s)(?<!\b${SUBJECT_PRONOUN}\s)`;
/**
 * Who pays that is neither the body nor a remedy: the complainant's household, family or landlord,
 * a housing association, an insurer, a charity, the NHS, the DWP, an employer.
 */
const THIRD_PARTY = String.raw`(?:(?:housing|care)\s+association|landlord|letting\s+agent|insurer|insurance\s+company|charity|relatives?|family|friends?|son|daughter|mother|father|parents?|husband|wife|partner|brother|sister|employer|NHS|ICB|CCG|DWP|Department\s+for\s+Work\s+and\s+Pensions)`;
/** A sum a person or a third party paid ("Mr B paid the agents £1,146.80"): left out unless it is refunded. */
const PAID_BY_PERSON = new RegExp(
  String.raw`(?:\b${TITLE}\s+[A-Z]|\b${SUBJECT_PRONOUN}|\b${THIRD_PARTY}(?:,\s+${TITLE}\s+[A-Z],)?)\s+(?:had\s+|has\s+|have\s+)?(?:already\s+|also\s+)?(?:paid|spent)\s+(?:(?!pay|refund|reimburs)[\w'’]+\s+){0,4}$`,
);
/**
 * "refund £", "reimburse Mrs J £", "repay the £": money handed back is a reimbursement whatever the
 * words after it say it was spent on ("… for the miles she drove taking him to college").
 */
const REFUND_VERB_BEFORE = new RegExp(
  String.raw`\b${REFUND_VERB}\s+(?:(?:her|him|them|${PERSON}|the|a|an|in\s+full)\s+){0,3}$`,
);
/** After the sum: "the £2,000 Ms L asked for", "the £600 she asks for" — a sum wanted, not a remedy. */
const CLAIM_AFTER = new RegExp(
  String.raw`^\s*(?:that\s+|which\s+)?(?:${PERSON}|${SUBJECT_PRONOUN})\s+(?:has\s+|had\s+|have\s+)?${WANT}\b`,
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
const BODY_HAS_PAID = new RegExp(
  String.raw`^\s*(?:that\s+|which\s+)?(?:${THE_BODY}\s+(?:has|had|have)\s+(?:already\s+|since\s+|now\s+)?|already\s+)(?:paid|refunded|reimbursed|given)\b`,
  'i',
);

/** "has received", "already received" (not "would have received"). */
const CUE_RECEIVED = String.raw`(?<!\b(?:would|should|could|might)\s)\b(?:has|have|had)\s+(?:already\s+|since\s+|now\s+|also\s+)?received\b|\balready\s+received\b`;
/** "has paid", "had made a goodwill payment" — not after a person ("Mrs R had paid"). */
const CUE_HAS_PAID = String.raw`${NOT_BY_PERSON}\b(?:has|have|had)\s+(?:already\s+|since\s+|now\s+|also\s+)?(?:paid|refunded|reimbursed|repaid|credited|made\s+(?:a\s+|an\s+)?(?:\w+\s+)?payments?)\b`;
/** "already paid", "already offered and paid". */
const CUE_ALREADY_PAID = String.raw`\balready\s+(?:paid|refunded|reimbursed|made|given|credited|offered\s+and\s+paid)\b`;
/** A bare past "paid" / "refunded" (not "be paid", "been paid", "to paid", nor after a person). */
const CUE_BARE_PAID = String.raw`${NOT_BY_PERSON}(?<!\bbe\s)(?<!\bbeen\s)(?<!\bto\s)\b(?:paid|refunded|reimbursed|repaid)\b`;
/** "was paid", "have been refunded". */
const CUE_PASSIVE_PAID = String.raw`\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:paid|refunded|reimbursed)\b`;
/** Among what the body already did: "already taken", "has already addressed …". */
const CUE_ALREADY_DONE = String.raw`\balready\s+(?:taken|provided|given|made|put\s+right)\b|\b(?:has|have|had)\s+already\s+(?!(?:agreed|offered|said|accepted|decided|told|promised|proposed|asked|been\s+asked)\b)\w+ed\b`;

interface Cue {
  status: PaymentStatus;
  re: RegExp;
}
/** Status cues; the one nearest before the sum wins. */
const STATUS_CUES: Cue[] = [
  {
    status: 'already_paid',
    re: new RegExp(
      [CUE_RECEIVED, CUE_HAS_PAID, CUE_ALREADY_PAID, CUE_BARE_PAID, CUE_PASSIVE_PAID, CUE_ALREADY_DONE].join(
        '|',
      ),
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

/** Before the sum: a sum wanted, claimed or believed owed, not a remedy. */
const CLAIM = new RegExp(
  String.raw`\b(?:${WANT}|ask(?:s|ed|ing)?\s+the\s+council\s+(?:for|to\s+pay)|demand(?:s|ed|ing)?|hop(?:es|ed|ing)\s+for|believes?|thinks?|says?\s+(?:she|he|they)\s+(?:is|are|was|were)\s+owed|compensation\s+of|expected)\b`,
  'i',
);
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
const OFFER_ADEQUATE = new RegExp(
  String.raw`\b${ADEQUATE_LOOSE}\b|\bremed(?:y|ies)\s+(?:the|her|his|their|any)\s+(?:\w+\s+)?injustice\b|\bin\s+line\s+with\s+(?:our|the\s+Ombudsman'?s)\s+guidance\b`,
  'i',
);
/** An adequacy word that is negated or outbid: "not enough", "was not suitable", "a higher payment is more appropriate". */
const OFFER_INADEQUATE = new RegExp(
  String.raw`\b(?:not|n['’]t|never|no|less\s+than)\s+(?:\w+\s+){0,5}?(?:${ADEQUATE_LOOSE}|in\s+line)\b|\bmore\s+(?:appropriate|suitable)\b|\b(?:too\s+(?:little|low|small)|higher|insufficient|inadequate)\b`,
  'i',
);
/** A sentence after an offer that speaks of it: "That offer is …", "I consider this is …", "It remedies …". */
const OFFER_BACKREF =
  /^(?:(?:that|this|the|its|their|his|her)\s+(?:\w+\s+){0,2}?(?:offer|payment|sum|amount)\b|(?:this|that|it)\s+(?:is|was|would\s+be|remedies|represents)\b|I\s+(?:do\s+not\s+|don['’]t\s+)?(?:consider|find|think)\b|I\s+am\s+(?:not\s+)?(?:satisfied|content)\b|we\s+(?:do\s+not\s+|don['’]t\s+)?(?:consider|find|think)\b|we\s+are\s+(?:not\s+)?(?:satisfied|content)\b)/i;
/** Sentences after an offer read for what the Ombudsman made of it. */
const OFFER_FOLLOWING = 2;
/** "[^.]" that lets a decimal point through ("£350.00"). */
const NOT_STOP = String.raw`(?:[^.]|\.(?=\d))`;
const DOC_OFFER_ADEQUATE = new RegExp(
  String.raw`\b(?:offers?|remed(?:y|ies))\b${NOT_STOP}{0,80}\b(?:is|was|are|were|as)\s+(?:a\s+)?${ADEQUATE_STRICT}\b|\b${ADEQUATE_STRICT}\s+remedy\b|\bin\s+line\s+with\s+what\s+we\s+would\s+(?:recommend|expect)\b|\boffers?\b${NOT_STOP}{0,80}\bin\s+line\s+with\s+(?:our|the\s+Ombudsman'?s)\s+guidance\b|\boffer\w*\b${NOT_STOP}{0,80}\bremed(?:y|ies)\s+the\s+injustice\b|\bdone\s+enough\s+to\s+remedy\b`,
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
  /** The verdict: P-OFFER-DECLINED, P-OFFER-FOUND-ENOUGH, P-OFFER-PAID (none when no verdict). */
  verdict: string | null;
}

/** An offer's sentence, the next sentences of its section, and what the whole decision says of offers. */
interface OfferCtx {
  text: string;
  following: readonly string[];
  doc: SectionContext;
}

const OFFER_PAID_SAME_SENTENCE =
  /\b(?:has|had)\s+(?:already\s+)?paid\b|\balready\s+paid\b|\bwhich\s+(?:it|the\s+Council)\s+(?:has\s+|had\s+)?(?:since\s+|then\s+|now\s+|later\s+)?paid\b/i;

function offerAccepted(text: string): OfferOutcome {
  return OFFER_PAID_SAME_SENTENCE.test(text)
    ? { status: 'already_paid', accepted: true, verdict: 'P-OFFER-PAID' }
    : { status: 'offered', accepted: true, verdict: 'P-OFFER-FOUND-ENOUGH' };
}
const OFFER_TURNED_DOWN: OfferOutcome = { status: 'offered', accepted: false, verdict: 'P-OFFER-DECLINED' };

const README_OFFER =
  'Payments, Status: an offer is judged by its own sentence, then by the next two sentences';

/**
 * What became of an offer, read from the nearest words first: its own sentence, the next sentences
 * of its section that speak of it, then the whole decision. Declined → offered, not counted; called
 * suitable → still offered (the body's own offer, as the Ombudsman reports it) but accepted as the
 * remedy, or already_paid when the sentence says it was paid.
 */
const OFFER_RULES = ruleTable<OfferCtx, OfferOutcome>('payments: what became of an offer', [
  {
    id: 'P-OFFER-SENTENCE-DECLINED',
    priority: 10,
    example: 'The Council offered Mrs X £200 but she turned it down.',
    readme: README_OFFER,
    test: (c) => OFFER_DECLINED.test(c.text) && OFFER_TURNED_DOWN,
  },
  {
    id: 'P-OFFER-SENTENCE-ENOUGH',
    priority: 20,
    example: 'The Council offered Mrs X £200, which is a suitable remedy.',
    readme: README_OFFER,
    test: (c) => OFFER_ADEQUATE.test(c.text) && !OFFER_INADEQUATE.test(c.text) && offerAccepted(c.text),
  },
  {
    id: 'P-OFFER-NEXT-SENTENCES',
    priority: 30,
    example: 'The Council offered Mr W £250 for his time and trouble. That offer is suitable.',
    readme: README_OFFER,
    test: (c) => {
      for (const next of c.following) {
        const backref = OFFER_BACKREF.test(next.trim());
        if (OFFER_DECLINED.test(next) || (backref && OFFER_INADEQUATE.test(next))) return OFFER_TURNED_DOWN;
        // A sentence with a new sum: any praise in it is for that sum ("I consider £300 is appropriate").
        if (findAmounts(next).some((a) => !a.range && !a.restates)) break;
        if (backref && OFFER_ADEQUATE.test(next)) return offerAccepted(c.text);
      }
      return null;
    },
  },
  {
    id: 'P-OFFER-DECISION-DECLINED',
    priority: 40,
    example:
      'The Council offered Mrs X £150. It wrote to her in May. She replied in June. She refused the offer.',
    readme: README_OFFER,
    test: (c) => c.doc.offerDeclined && OFFER_TURNED_DOWN,
  },
  {
    id: 'P-OFFER-DECISION-ENOUGH',
    priority: 50,
    example:
      'The Council offered Mrs X £150. It wrote to her in May. She replied in June. Its offer is a suitable remedy.',
    readme: README_OFFER,
    test: (c) => c.doc.offerAdequate && offerAccepted(c.text),
  },
  {
    id: 'P-OFFER-NO-VERDICT',
    priority: 60,
    example: 'The Council offered Mrs X £150.',
    readme: 'Payments, Status: an offer nobody comments on stays offered, not in the total',
    test: () => ({ status: 'offered', accepted: false, verdict: null }) as OfferOutcome,
  },
]);

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
    re: new RegExp(
      String.raw`${DISTRESS}|\bworr\w*|\bstress\b|\binconvenience\b|\boutrage\b|\bhardship\b|\bfor\s+(?:her|his|their|the)\s+(?:own\s+)?injustice\b|\bstrain\b|\bimpact\b|\bsuffering\b|\bharm\b`,
      'gi',
    ),
  },
];
const SYMBOLIC = /\bsymbolic\b/i;

// ------------------------------------------------------------------ mentions

/** The ids of the rules that fired for one mention, by stage (see README, Payment rule ids). */
interface StageRules {
  /** Why the sum counts as a remedy (P-SUM-*). */
  kind: string;
  /** Who it is paid to (P-RECIPIENT-*, or P-EACH-PERSON). */
  recipient: string;
  status: string[];
  purpose: string[];
}

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
  /** Ids of the rules that decided this mention. */
  rules: StageRules;
}

/** A sum read and left out, with the rule that left it out (for `npm run accuracy -- --diff`). */
export interface ExcludedSum {
  amount: number;
  rule: string;
  evidence: Evidence;
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

/** The purpose words of a stretch of text: the earliest (or nearest) and all of them. */
interface PurposesRead {
  first: PaymentPurpose | null;
  all: Set<PaymentPurpose>;
}

const NO_PURPOSES: PurposesRead = { first: null, all: new Set() };

function purposesIn(raw: string, earliest: boolean): PurposesRead {
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
const NAMED = new RegExp(NAMED_PERSON, 'g');

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

/** A value computed once, on first use (a rule table's context computes only what its rules ask). */
const UNSET = Symbol('unset');
type Lazy<T> = T | typeof UNSET;

/**
 * Everything the rule tables read about one sum of one sentence. The words around the sum are cut
 * at the neighbouring sums and at the end of the sum's clause (clauses.ts, `remedy-list`); the rest
 * is computed only when a rule asks. A class, not closures: a decision has hundreds of sums.
 */
class SumCtx {
  readonly text: string;
  readonly leadIn: string;
  /** Up to 90 characters before the sum, back to the previous sum. */
  readonly local: string;
  /** Up to 60 characters after the sum, up to the next sum. */
  readonly after: string;
  /** After the sum, up to the next sum, 300 characters or the end of its clause. */
  readonly afterLong: string;
  /** Up to 400 characters before the sum. */
  readonly prefix: string;
  /** The words before the sum where a pronoun's person is named. */
  readonly named: string;
  /** Set by the stages as they decide: the status, the purpose words after and before the sum, the purpose. */
  status: PaymentStatus = 'other';
  afterP: PurposesRead = NO_PURPOSES;
  beforeP: PurposesRead = NO_PURPOSES;
  purpose: PaymentPurpose = 'other';
  private _rb: Lazy<RegExpExecArray | null> = UNSET;
  private _ra: Lazy<RegExpExecArray | null> = UNSET;
  private _rand: Lazy<RegExpExecArray | null> = UNSET;
  private _refundVerb: Lazy<boolean> = UNSET;
  private _reimb: Lazy<boolean> = UNSET;
  private _each: Lazy<(string | null)[] | null> = UNSET;

  constructor(
    readonly section: DocSection,
    readonly sentence: Sentence,
    readonly a: Money,
    /** Index of the sum in its sentence. */
    readonly i: number,
    prevEnd: number,
    nextStart: number,
    readonly prevRecipient: string | null,
    readonly doc: SectionContext,
    readonly following: () => readonly string[],
  ) {
    const text = sentence.text;
    this.text = text;
    this.leadIn = sentence.leadIn ?? '';
    this.local = text.slice(Math.max(prevEnd, a.start - 90), a.start);
    this.after = text.slice(a.end, Math.min(nextStart, a.end + 60));
    this.afterLong = text.slice(
      a.end,
      clauseEnd(sentence, 'remedy-list', a.end, Math.min(nextStart, a.end + 300)),
    );
    // Bounded look-behind: a sentence with thousands of sums must stay linear.
    this.prefix = text.slice(Math.max(0, a.start - 400), a.start);
    this.named = `${section.text.slice(Math.max(0, sentence.start - 300), sentence.start)} ${this.leadIn} ${this.prefix}`;
  }
  /** "pay Mrs X £" before the sum. */
  rb(): RegExpExecArray | null {
    if (this._rb === UNSET) this._rb = RECIP_BEFORE.exec(this.prefix.slice(-120));
    return this._rb;
  }
  /** "£N to Mrs X" after the sum. */
  ra(): RegExpExecArray | null {
    if (this._ra === UNSET) this._ra = RECIP_AFTER.exec(this.text.slice(this.a.end, this.a.end + 80));
    return this._ra;
  }
  /** "… and Mr P £300" after another sum. */
  rand(): RegExpExecArray | null {
    if (this._rand === UNSET) this._rand = this.i > 0 ? RECIP_AND.exec(this.local) : null;
    return this._rand;
  }
  /** Right after "refund", "reimburse", "repay". */
  refundVerb(): boolean {
    if (this._refundVerb === UNSET) this._refundVerb = REFUND_VERB_BEFORE.test(this.local);
    return this._refundVerb;
  }
  /** Refunded, reimbursed, underpaid, or arrears the body pays. */
  reimb(): boolean {
    if (this._reimb === UNSET)
      this._reimb = REIMBURSE.test(this.local) || REIMBURSE.test(this.after) || ARREARS_PAID.test(this.local);
    return this._reimb;
  }
  /** The people a sum is paid to "each", or null. */
  each(): (string | null)[] | null {
    if (this._each === UNSET) this._each = !this.reimb() ? payEach(this.local, this.after, this.named) : null;
    return this._each;
  }
  /** "the £600": a sum pointed back to. */
  backRef(): boolean {
    return BACKREF.test(this.text.slice(Math.max(0, this.a.start - 12), this.a.start));
  }
}

// ------------------------------------------------------------------ rule tables

const README_RECIPIENT = 'Payments, Recipient';
/** Who the sum is paid to: the first rule that names someone. */
const RECIPIENT_RULES = ruleTable<SumCtx, { who: string | null }>('payments: recipient', [
  {
    id: 'P-RECIPIENT-PAY-BEFORE',
    priority: 10,
    example: 'The Council has agreed to pay Mrs X £300.',
    readme: `${README_RECIPIENT}: "pay Mrs X £"`,
    test: (c) => {
      const rb = c.rb();
      const who = cleanRecipient(rb?.[1] ?? rb?.[2], c.named);
      return who ? { who } : null;
    },
  },
  {
    id: 'P-RECIPIENT-AND-NAME',
    priority: 20,
    example: 'The Council has agreed to pay Mrs P £900 and Mr P £300.',
    readme: `${README_RECIPIENT}: "… and Mr P £300" after another sum`,
    test: (c) => {
      const who = cleanRecipient(c.rand()?.[1]);
      return who ? { who } : null;
    },
  },
  {
    id: 'P-RECIPIENT-TO-AFTER',
    priority: 30,
    example: 'The Council has agreed to pay £300 to Mrs X.',
    readme: `${README_RECIPIENT}: "£N to Mrs X"`,
    test: (c) => {
      const who = cleanRecipient(c.ra()?.[1], c.named);
      return who ? { who } : null;
    },
  },
  {
    id: 'P-RECIPIENT-SHARED',
    priority: 40,
    example: 'The Council will pay Mrs X £300 for her distress and £100 for her time and trouble.',
    readme: `${README_RECIPIENT}: shared with the previous sum of the sentence unless a new pay verb intervenes`,
    test: (c) =>
      !c.rb() && !c.ra() && !c.rand() && c.i > 0 && !NEW_PAY_VERB.test(c.local) && c.prevRecipient
        ? { who: c.prevRecipient }
        : null,
  },
  {
    id: 'P-RECIPIENT-LEAD-IN',
    priority: 50,
    example: { heading: 'Agreed action', text: 'The Council will pay Mrs X:\n- £300 for her distress.' },
    readme: `${README_RECIPIENT}: or from the lead-in`,
    test: (c) => {
      if (c.rb() || c.ra() || c.rand() || c.i !== 0 || !c.leadIn) return null;
      const all = [...c.leadIn.matchAll(RECIP_ANY)];
      const who = cleanRecipient(all[all.length - 1]?.[1], c.leadIn);
      return who ? { who } : null;
    },
  },
  {
    id: 'P-RECIPIENT-NONE',
    priority: 60,
    example: 'The Council has agreed to pay £300.',
    readme: `${README_RECIPIENT}: unresolved → null`,
    test: () => ({ who: null }),
  },
]);

const README_LEFT_OUT = 'Payments, Not payments (left out, never emitted)';
/**
 * Is the sum a remedy payment? The first rule that fires decides: `drop` leaves the sum out (a
 * claim, a charge, guidance …), `keep` reads it as a remedy.
 */
const KIND_RULES = ruleTable<SumCtx, 'keep' | 'drop'>('payments: is the sum a remedy', [
  {
    id: 'P-NOT-RANGE',
    priority: 10,
    example: 'We would normally recommend between £100 and £300.',
    readme: `${README_LEFT_OUT}: bands and ranges ("between £100 and £300")`,
    test: (c) => (c.a.range || c.a.restates) && 'drop',
  },
  {
    id: 'P-NOT-OPEN-RATE',
    priority: 20,
    example: { heading: 'What happened', text: 'I consider £200 a month is appropriate.' },
    readme: `${README_LEFT_OUT}: open-ended rates outside the summary/remedy/decision`,
    test: (c) =>
      c.a.per !== null &&
      c.a.per.count === null &&
      !['summary', 'remedy', 'decision'].includes(c.section.kind) &&
      'drop',
  },
  {
    id: 'P-NOT-CLAIM',
    priority: 30,
    example: 'Mrs X wants £5,000 in compensation.',
    readme: `${README_LEFT_OUT}: sums the complainant wants, asked for or claims`,
    test: (c) => CLAIM.test(c.local) && !/\bagreed\b|\bwill\s+pay\b/i.test(c.local) && 'drop',
  },
  {
    id: 'P-NOT-CLAIM-AFTER',
    priority: 40,
    example: 'The Council did not agree to the £2,000 Ms L asked for.',
    readme: `${README_LEFT_OUT}: (before or after the sum: "the £2,000 Ms L asked for")`,
    test: (c) => CLAIM_AFTER.test(c.after) && 'drop',
  },
  {
    id: 'P-NOT-PAID-TO-ORG',
    priority: 50,
    example: 'The Council paid the contractor £1,120.',
    readme: `${README_LEFT_OUT}: sums the body paid a contractor, provider or other organisation`,
    test: (c) => (PAID_TO_ORG_BEFORE.test(c.local) || PAID_TO_ORG_AFTER.test(c.after)) && 'drop',
  },
  {
    id: 'P-NOT-GUIDANCE',
    priority: 60,
    example: 'Our guidance on remedies suggests £300.',
    readme: `${README_LEFT_OUT}: guidance`,
    test: (c) => GUIDANCE.test(c.local) && 'drop',
  },
  {
    id: 'P-NOT-WAIVED',
    priority: 70,
    example: 'The Council agreed to waive £400 of the charges.',
    readme: `${README_LEFT_OUT}: sums waived, cut, written off`,
    test: (c) => WAIVE.test(c.local.slice(-60)) && !c.refundVerb() && 'drop',
  },
  {
    id: 'P-NOT-TAKEN-OFF',
    priority: 80,
    example: 'The Council agreed to take £500 off the invoice.',
    readme: `${README_LEFT_OUT}: or taken off an invoice`,
    test: (c) => TAKE_OFF_BEFORE.test(c.local) && /^\s*off\b/i.test(c.after) && 'drop',
  },
  {
    id: 'P-NOT-CREDITED',
    priority: 90,
    example: 'The Council credited £50 to her council tax account.',
    readme: `${README_LEFT_OUT}: sums credited to an account`,
    test: (c) =>
      /\bcredit(?:s|ed|ing)?\s+$/i.test(c.local) &&
      /^\s*to\s+[^.;]{0,50}\baccount\b/i.test(c.after) &&
      'drop',
  },
  {
    id: 'P-NOT-TURNED-DOWN',
    priority: 100,
    example: 'I have not recommended the Council repay the £60 she paid.',
    readme: `${README_LEFT_OUT}: a repayment the Ombudsman does not recommend`,
    test: (c) => NOT_RECOMMENDED_PAY.test(c.local) && 'drop',
  },
  {
    id: 'P-NOT-PAID-BY-PERSON',
    priority: 110,
    example: 'Mr B had already paid £450 for the survey.',
    readme: `${README_LEFT_OUT}: sums a person or a third party paid`,
    test: (c) => !c.reimb() && PAID_BY_PERSON.test(c.local) && !REIMBURSE.test(c.afterLong) && 'drop',
  },
  {
    id: 'P-NOT-CHARGE',
    priority: 120,
    example: 'The care home charged fees of £4,000.',
    readme: `${README_LEFT_OUT}: charges, fees, costs, invoices, debts, rents, deposits, grants, benefit and care rates`,
    test: (c) =>
      !c.reimb() &&
      !c.each() &&
      (CHARGE_BEFORE.test(c.local.slice(-80)) || CHARGE_AFTER.test(c.after)) &&
      'drop',
  },
  {
    // The money the complaint is about ("complaint that the Council will not refund £22.95", "failed
    // to provide a refund of £65"), with no remedy of the body's later in the sentence.
    id: 'P-NOT-COMPLAINT-SUBJECT',
    priority: 130,
    example: 'Mrs X complained that the Council would not refund £40.',
    readme: `${README_LEFT_OUT}: the money a complaint is about`,
    test: (c) =>
      (COMPLAINT_ABOUT.test(c.text.slice(0, c.a.start)) || FAILED_TO_PAY.test(c.local)) &&
      !BODY_REMEDY.test(c.text.slice(c.a.end)) &&
      'drop',
  },
  {
    id: 'P-SUM-REMEDY-SECTION',
    priority: 140,
    example: { heading: 'Agreed action', text: '1. Mr T £150.' },
    readme: 'Payments: each sum of money in the remedy section is read as a remedy unless left out',
    test: (c) => c.section.kind === 'remedy' && 'keep',
  },
  {
    id: 'P-SUM-REMEDY-CUE',
    priority: 150,
    example: 'The Council has agreed to pay Mrs X £300.',
    readme:
      'Payments: elsewhere, a sum in a sentence (or lead-in) that speaks of paying, refunding or remedying',
    test: (c) => (REMEDY_CUE.test(c.text) || REMEDY_CUE.test(c.leadIn)) && 'keep',
  },
  {
    id: 'P-NOT-NO-REMEDY-CUE',
    priority: 160,
    example: 'The house was sold for £300,000.',
    readme: 'Payments: a sum outside the remedy section with no word of paying or remedying is not a payment',
    test: () => 'drop',
  },
]);

interface BaseStatus {
  status: PaymentStatus;
  explicit: boolean;
}
const README_STATUS =
  'Payments, Status: the cue nearest before the sum (then after it, then the list lead-in, then the heading)';
/** The status the words give: the first rule that finds a cue. */
const STATUS_RULES = ruleTable<SumCtx, BaseStatus>('payments: status', [
  {
    id: 'P-STATUS-POINTED-BACK-PAID',
    priority: 10,
    example: 'On top of the £600 it has already paid, the Council will pay Mrs X £200.',
    readme: 'Payments, Status: a sum pointed back to and followed by "it has already paid" is already paid',
    test: (c) => c.backRef() && BODY_HAS_PAID.test(c.afterLong) && { status: 'already_paid', explicit: true },
  },
  {
    id: 'P-STATUS-CUE-BEFORE',
    priority: 20,
    example: 'The Council has agreed to pay Mrs X £300.',
    readme: README_STATUS,
    test: (c) => {
      const cue = nearestCue(c.prefix);
      return cue && { status: cue.status, explicit: true };
    },
  },
  {
    id: 'P-STATUS-CUE-AFTER',
    priority: 30,
    example: 'A payment of £200 will be paid to Mrs X.',
    readme: README_STATUS,
    test: (c) =>
      /\b(?:will|to)\s+be\s+paid\b/i.test(c.afterLong)
        ? { status: 'agreed', explicit: true }
        : /\b(?:was|were|has\s+been|have\s+been)\s+paid\b/i.test(c.afterLong)
          ? { status: 'already_paid', explicit: true }
          : null,
  },
  {
    id: 'P-STATUS-LEAD-IN',
    priority: 40,
    example: 'The Council has agreed to:\n- pay Mrs X £300.',
    readme: README_STATUS,
    test: (c) => {
      const cue = c.leadIn ? nearestCue(c.leadIn) : null;
      return cue && { status: cue.status, explicit: true };
    },
  },
  {
    id: 'P-STATUS-HEADING',
    priority: 50,
    example: { heading: 'Agreed action', text: '1. Pay Mr T £150.' },
    readme: README_STATUS,
    test: (c) => c.section.remedyDefault && { status: c.section.remedyDefault, explicit: true },
  },
  {
    id: 'P-STATUS-NONE',
    priority: 60,
    example: 'Mrs X received a payment of £150 from the Trust.',
    readme: 'Payments, Status: no cue → other',
    test: () => ({ status: 'other', explicit: false }),
  },
]);

/** The words right before a sum that make it the body's offer: "its offer of £", "offered (Mrs X) £". */
const OFFER_BEFORE_SUM = /\boffer(?:ed|s)?\s+(?:of\s+|to\s+pay\s+|(?:\w+\s+){0,3}?)$/i;
/** Whether an earlier sentence of the sum's section offered the same amount (the first mention may sit in the complaint's own words). */
function offeredEarlier(c: SumCtx): boolean {
  const before = c.section.text.slice(0, c.sentence.start);
  return findAmounts(before).some(
    (m) => m.amount === c.a.amount && OFFER_BEFORE_SUM.test(before.slice(Math.max(0, m.start - 40), m.start)),
  );
}

interface StatusAdjust {
  status: PaymentStatus;
  offerAccepted: boolean;
  /** More ids: the offer's source and verdict. */
  more: string[];
}
/** What the rest of the decision makes of the status the words gave (each status has one rule). */
const STATUS_ADJUST_RULES = ruleTable<SumCtx, StatusAdjust>('payments: status read against the decision', [
  {
    id: 'P-STATUS-EARLIER-OFFER',
    priority: 5,
    example:
      "Mr D complains about the Council's offer of £400. There is no fault in the assessment. The payment of £400 is a suitable remedy for the delay.",
    readme:
      'Payments, Status: a sum with no cue that an earlier sentence of its section called the body’s offer',
    test: (c) => {
      if (c.status !== 'other' || !offeredEarlier(c)) return null;
      const r = firstRule(OFFER_RULES, { text: c.text, following: c.following(), doc: c.doc })!;
      const more = r.value.verdict ? [r.id, r.value.verdict] : [r.id];
      return { status: r.value.status, offerAccepted: r.value.accepted, more };
    },
  },
  {
    id: 'P-STATUS-DECISION-AGREED',
    priority: 10,
    example: 'Mrs X received a payment of £150. The Council has agreed to apologise.',
    readme: 'Payments, Status: a bare sum in the summary or decision of a decision whose body has agreed',
    test: (c) =>
      c.status === 'other' &&
      c.doc.docAgreement &&
      (c.section.kind === 'summary' || c.section.kind === 'decision') && {
        status: 'agreed',
        offerAccepted: false,
        more: [],
      },
  },
  {
    id: 'P-STATUS-RECOMMENDATION-ACCEPTED',
    priority: 20,
    example: 'We recommended the Council pay Mrs X £300 and it agreed.',
    readme: 'Payments, Status: a recommendation becomes agreed when the body accepted the recommendations',
    test: (c) =>
      c.status === 'recommended' &&
      (c.doc.docAgreement || AGREED_AFTER.test(c.text.slice(c.a.end, c.a.end + 300))) && {
        status: 'agreed',
        offerAccepted: false,
        more: [],
      },
  },
  {
    id: 'P-STATUS-OFFER',
    priority: 30,
    example: 'The Council offered Mrs X £150.',
    readme: README_OFFER,
    test: (c) => {
      if (c.status !== 'offered') return null;
      const r = firstRule(OFFER_RULES, { text: c.text, following: c.following(), doc: c.doc })!;
      const more = r.value.verdict ? [r.id, r.value.verdict] : [r.id];
      return { status: r.value.status, offerAccepted: r.value.accepted, more };
    },
  },
]);

interface PurposeRead {
  purpose: PaymentPurpose;
}
const README_PURPOSE = 'Payments, Purpose';
/** What the sum is for: the first rule that finds a purpose word. */
const PURPOSE_RULES = ruleTable<SumCtx, PurposeRead>('payments: purpose', [
  {
    id: 'P-PURPOSE-REFUND-VERB',
    priority: 10,
    example:
      'The Council has agreed to reimburse Mrs J £612.45 for the miles she drove taking him to college.',
    readme: `${README_PURPOSE}: a sum right after "refund", "reimburse" or "repay" is a reimbursement`,
    test: (c) => c.refundVerb() && { purpose: 'reimbursement' },
  },
  {
    id: 'P-PURPOSE-AFTER',
    priority: 20,
    example: 'The Council has agreed to pay Mrs X £300 for her distress.',
    readme: `${README_PURPOSE}: the first purpose word after the sum, up to the next clause of a remedy list`,
    test: (c) => c.afterP.first && { purpose: c.afterP.first },
  },
  {
    id: 'P-PURPOSE-BEFORE',
    priority: 30,
    example: 'To acknowledge her distress, the Council will pay Mrs X £300.',
    readme: `${README_PURPOSE}: before the sum, the nearest, for the first sum of a sentence only`,
    test: (c) => c.beforeP.first && { purpose: c.beforeP.first },
  },
  {
    id: 'P-PURPOSE-NONE',
    priority: 40,
    example: 'The Council has agreed to pay Mrs X £300.',
    readme: `${README_PURPOSE}: no purpose word → other`,
    test: () => ({ purpose: 'other' }),
  },
]);

/** Purpose read again when nothing specific was said. */
const PURPOSE_ADJUST_RULES = ruleTable<SumCtx, PurposeRead>(
  'payments: purpose when nothing specific is said',
  [
    {
      id: 'P-PURPOSE-SYMBOLIC',
      priority: 10,
      example: 'The Council will make a symbolic payment of £100 to Mrs X.',
      readme: `${README_PURPOSE}: symbolic only when nothing more specific is said`,
      test: (c) =>
        c.purpose === 'other' &&
        (SYMBOLIC.test(c.local) || SYMBOLIC.test(c.afterLong)) && { purpose: 'symbolic' },
    },
  ],
);

/** One sum paid to several people "each". */
const EACH_RULES = ruleTable<SumCtx, (string | null)[]>('payments: one sum to each of several people', [
  {
    id: 'P-EACH-PERSON',
    priority: 10,
    example: 'We recommend the Council pays Mr and Mrs H £150 each.',
    readme: 'Payments: "pay Mr and Mrs W £250 each" is two payments',
    test: (c) => c.each(),
  },
]);

// ------------------------------------------------------------------ the stages over one sentence

function mentionsIn(
  section: DocSection,
  s: Sentence,
  doc: SectionContext,
  nextIsBreakdown: boolean,
  following: () => readonly string[],
  excluded: ExcludedSum[] | undefined,
): Mention[] {
  const amounts = findAmounts(s.text);
  if (amounts.length === 0) return [];
  const out: Mention[] = [];
  const text = s.text;
  let prevEnd = 0;
  let prevRecipient: string | null = null;
  for (let i = 0; i < amounts.length; i++) {
    const a: Money = amounts[i]!;
    const nextStart = i + 1 < amounts.length ? amounts[i + 1]!.start : text.length;
    const c: SumCtx = new SumCtx(section, s, a, i, prevEnd, nextStart, prevRecipient, doc, following);
    prevEnd = a.end;
    // Stage 1, recipient (read for every sum: the next sum may share it).
    const recipient: { id: string; value: { who: string | null } } = firstRule(RECIPIENT_RULES, c)!;
    prevRecipient = recipient.value.who;
    // Stage 2, is it a remedy?
    const kind = firstRule(KIND_RULES, c)!;
    if (kind.value === 'drop') {
      excluded?.push({ amount: a.amount, rule: kind.id, evidence: evidenceOf(section, s) });
      continue;
    }
    // Stage 3, status, then the status read against the rest of the decision.
    const base = firstRule(STATUS_RULES, c)!;
    const statusRules = [base.id];
    let status = base.value.status;
    let offerAccepted = false;
    c.status = status;
    const adjust = firstRule(STATUS_ADJUST_RULES, c);
    if (adjust) {
      status = adjust.value.status;
      offerAccepted = adjust.value.offerAccepted;
      statusRules.push(adjust.id, ...adjust.value.more);
    }
    // Stage 4, purpose: the words after the sum (earliest), else before it back to the previous
    // sum (nearest). Words between the previous sum and this one describe the previous sum.
    const afterP = purposesIn(c.afterLong, true);
    const beforeP = purposesIn(i === 0 ? c.local : '', true);
    c.afterP = afterP;
    c.beforeP = beforeP;
    const p = firstRule(PURPOSE_RULES, c)!;
    let purpose = p.value.purpose;
    const purposeRules = [p.id];
    c.purpose = purpose;
    const pAdjust = firstRule(PURPOSE_ADJUST_RULES, c);
    if (pAdjust) {
      purpose = pAdjust.value.purpose;
      purposeRules.push(pAdjust.id);
    }
    const purposes = new Set<PaymentPurpose>([...afterP.all]);
    if (afterP.all.size === 0) for (const x of beforeP.all) purposes.add(x);
    if (purpose === 'reimbursement') purposes.add('reimbursement');
    // Stage 5, one payment per person for "£250 each".
    const each = firstRule(EACH_RULES, c);

    const totalCue =
      TOTAL_BEFORE.test(text.slice(Math.max(0, a.start - 40), a.start)) ||
      TOTAL_AFTER.test(text.slice(a.end, a.end + 40)) ||
      (i === amounts.length - 1 && nextIsBreakdown);
    for (const who of each?.value ?? [recipient.value.who])
      out.push({
        amount: a.amount,
        status,
        statusExplicit: base.value.explicit,
        purpose,
        purposes,
        recipient: who,
        evidence: evidenceOf(section, s),
        sectionIndex: section.index,
        sectionRank: RANK[section.kind] ?? 1,
        sentenceKey: `${section.index}:${s.start}`,
        // A sum that is an earlier sentence's offer points back to it, as "the £600" does.
        backRef: c.backRef() || adjust?.id === 'P-STATUS-EARLIER-OFFER',
        totalCue,
        openPeriod: a.per !== null && a.per.count === null,
        unitAmount: a.unitAmount,
        section,
        offerAccepted,
        rules: {
          kind: kind.id,
          recipient: each ? each.id : recipient.id,
          status: statusRules,
          purpose: purposeRules,
        },
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
  const byPurpose =
    byRank.find((m) => m.purpose !== 'other' && m.purpose !== 'symbolic') ??
    byRank.find((m) => m.purpose !== 'other') ??
    best;
  const byRecipient =
    byRank.find((m) => m.recipient !== null && HARD_NAME.test(m.recipient)) ??
    byRank.find((m) => m.recipient !== null);
  const status = explicit.status;
  return {
    amount: best.amount,
    status,
    purpose: byPurpose.purpose,
    recipient: byRecipient?.recipient ?? null,
    evidence: best.evidence,
    countedInTotal:
      countedInTotal({ status }) || (status === 'offered' && g.mentions.some((m) => m.offerAccepted)),
    // Why, stage by stage, each from the mention that decided it: why it is a remedy (the
    // best-placed mention), its status, purpose and recipient.
    rules: [
      ...new Set([
        best.rules.kind,
        ...explicit.rules.status,
        ...byPurpose.rules.purpose,
        (byRecipient ?? best).rules.recipient,
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

/**
 * Extracts the distinct remedy payments of a decision. `excluded`, when given, receives each sum
 * read and left out with the rule that left it out.
 */
export function extractPayments(doc: Doc, warnings: Set<string>, excluded?: ExcludedSum[]): Payment[] {
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
      found.push(...mentionsIn(section, s, ctx, nextIsBreakdown, following, excluded));
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
