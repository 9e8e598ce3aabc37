/**
 * Sentence banks for the replica's decision text, written for this project. Each slot has several
 * phrasings so that parsers and extractors meet variety. Placeholders as in topics.ts, plus
 * {amt} (money as written), {len} (a delay as written), {R} (payee), {imp} (an improvement),
 * {list} (a remedy list), {reason} (a reason clause), {appeal}, {outside}, {d1}/{d2} (months).
 * @module
 */
import type { MissedScenario } from './missed.js';
import type { DelayAbout, NotInvestigatedReason, PaymentPurpose } from './truth-schema.js';

export const COMPLAINT_OPEN = [
  '{C} complain{s} about {subject}.',
  '{C} complain{s} that {body} {fault}.',
  'The complainant, whom I refer to as {C}, complain{s} about {subject}.',
  '{C} say{s} {body} {fault}.',
];

export const COMPLAINT_IMPACT = [
  '{Sub} say{s} this caused {obj} {impact}.',
  '{C} say{s} the matter has caused {impact}.',
  'As a result, {C} say{s} {sub} {has} suffered {impact}.',
];

export const CLAIMED_SUM = [
  '{C} want{s} {body} to pay {obj} {amt} in compensation.',
  '{C} say{s} {sub} {has} lost {amt} because of what happened.',
  '{C} asked {body} for {amt} to make up for what happened.',
  '{C} would like {body} to pay {obj} {amt}.',
  '{C} believe{s} {sub} {is} owed {amt}.',
];

export const WANTS_APOLOGY = [
  '{C} want{s} {body} to apologise and put things right.',
  '{C} would like an apology.',
];

export const ROLE_GENERAL = [
  "We investigate complaints about 'maladministration' and 'service failure'. In this statement I use the word 'fault' for both. We also consider whether any fault caused the complainant an injustice and, if it did, we may suggest a remedy. (Local Government Act 1974, sections 26(1) and 26A(1), as amended)",
  'We look at complaints about maladministration and service failure, which this statement calls fault. We also consider whether the fault caused the person an injustice. (Local Government Act 1974, sections 26(1) and 26A(1), as amended)',
  'The Ombudsman looks at whether an organisation acted with fault and, if so, whether that fault caused an injustice to the person complaining. Where it did, we may recommend a remedy. (Local Government Act 1974, sections 26(1) and 26A(1), as amended)',
];

export const ROLE_MERITS = [
  'We cannot question a decision simply because someone disagrees with it, if the organisation made it without fault. (Local Government Act 1974, section 34(3), as amended)',
  'Our role is to consider how a decision was made. If it was made without fault, we cannot question its merits. (Local Government Act 1974, section 34(3), as amended)',
];

export const ROLE_SATISFIED = [
  'When we are satisfied with the action an organisation has taken or agreed to take, we can end our investigation and issue a decision statement. (Local Government Act 1974, section 30(1B) and 34H(i), as amended)',
  'If we are content with what an organisation has done or has promised to do, we can complete our investigation and publish a decision statement. (Local Government Act 1974, section 30(1B) and 34H(i), as amended)',
];

export const ROLE_ASSESSMENT = [
  'We provide a free service but must use public money carefully. We may decide not to start or continue an investigation if we think the injustice is not significant enough, further work would not lead to a different outcome, or the organisation has already offered a suitable remedy. (Local Government Act 1974, section 24A(6), as amended)',
  'Our service is free, so we must spend public money wisely. We do not start or continue an investigation where, for example, there is not enough injustice to justify it or we could not add to what the organisation has already done. (Local Government Act 1974, section 24A(6), as amended)',
];

export const ROLE_REASON: Partial<Record<NotInvestigatedReason, readonly string[]>> = {
  tribunal: [
    'The law says we cannot usually investigate a complaint where the person has a right of appeal to a tribunal or a court, unless we think it would be unreasonable to expect them to use it. (Local Government Act 1974, section 26(6), as amended)',
    'We normally expect people to use a right of appeal to a tribunal or court where one exists. We can make an exception if it would not be reasonable to expect them to appeal. (Local Government Act 1974, section 26(6), as amended)',
  ],
  late: [
    'We cannot investigate a complaint brought more than 12 months after the person knew about the matter, unless there are good reasons. (Local Government Act 1974, sections 26B and 34D, as amended)',
    'Complaints should reach us within 12 months of the person becoming aware of the problem. We can look at older matters only where there are good reasons. (Local Government Act 1974, sections 26B and 34D, as amended)',
  ],
  out_of_jurisdiction: [
    'The law sets out some matters we are not allowed to investigate. (Local Government Act 1974, Schedule 5, as amended)',
    'There are some things the law does not let us investigate. (Local Government Act 1974, section 26 and Schedule 5, as amended)',
  ],
  premature: [
    'The law says the organisation must have the chance to deal with a complaint before we look at it. (Local Government Act 1974, section 26(5), as amended)',
    'We expect organisations to have the opportunity to answer a complaint through their own procedure before we become involved. (Local Government Act 1974, section 26(5), as amended)',
  ],
};

export const ROLE_SHARE: Record<string, string> = {
  ofsted:
    'We have an agreement with Ofsted to share decisions of this kind, and we will send it this statement.',
  cqc: 'We will send a copy of this statement to the Care Quality Commission under our information sharing agreement.',
  joint:
    'The Local Government and Social Care Ombudsman and the Parliamentary and Health Service Ombudsman can look at a complaint together where it involves both health and social care.',
};

export const HOW_CONSIDERED = [
  'I read the complaint and the documents {C} sent, and I spoke to {obj} about it.',
  'I considered the information {body} sent in reply to my enquiries.',
  'I took account of the law and guidance set out in this statement.',
  "I considered the information {C} provided and {body}'s responses to the complaint.",
];

export const HOW_DRAFT = [
  '{C} and {body} had the chance to comment on a draft of this decision. I considered their comments before making a final decision.',
  'I shared a draft of this decision with both parties and took account of their comments.',
];

export const HOW_CODE = [
  'I also considered our Assessment Code.',
  'I took account of the Ombudsman’s Assessment Code.',
];

export const HAPPENED_OPEN = [
  '{C} first raised {pos} concerns with {body} in {d1}.',
  'In {d1}, {C} contacted {body}.',
  'The events complained about began in {d1}.',
];

export const HAPPENED_FAULT = [
  'The records show {body} {fault}.',
  '{Body} {fault}.',
  'It is clear from the records that {body} {fault}.',
];
export const HAPPENED_NOFAULT = [
  'The records show {body} {noFault}.',
  'The evidence shows {body} {noFault}.',
];

export const HAPPENED_COMPLAINT = [
  '{C} complained in {d2}. {Body} did not uphold the complaint.',
  '{C} made a formal complaint in {d2}. In its reply, {body} accepted there had been some delay but said it had acted properly.',
  '{C} complained to {body} in {d2} and, unhappy with the response, came to us.',
];

/** An offer the complainant turned down; {tail} says what it was for. */
export const OFFERED = [
  'In its final complaint response, {body} offered {C} {amt} {tail}, which {sub} did not accept.',
  '{Body} offered {C} {amt} {tail} at the end of its complaints procedure. {C} turned this down.',
  '{C} declined an offer of {amt} {tail} that {body} made in its reply to the complaint.',
];

/** An offer the Ombudsman finds is enough; the body then pays it (status agreed). */
export const OFFER_ADEQUATE = [
  'In its response to the complaint, {body} offered {C} {amt} {tail}. I consider this is a suitable remedy for that part of the injustice, and {body} has agreed to pay it if it has not done so already.',
  '{Body} has offered to pay {C} {amt} {tail}. That offer is in line with our guidance on remedies and I do not recommend more.',
];

/** Our guidance quoted as a range ({lo}, {hi}): not a payment. */
export const GUIDANCE_RANGE = [
  'Our guidance on remedies suggests a payment of between {lo} and {hi} for distress of this kind.',
  'In similar cases we usually recommend between {lo} and {hi} to acknowledge avoidable distress.',
];

/** A charge the body cancels (an action, not a payment); {charge} is the topic's waivable charge. */
export const WAIVE = ['cancel {charge}', 'waive {charge}', 'write off {charge}'];

/** A sum now and a further sum each month while the situation lasts. */
export const LUMP_MONTHLY = [
  'pay {R} {amt} now to acknowledge {pos} distress, and a further {rate} a month, for the distress of the continuing situation, for as long as {while} after the date of this decision',
  'pay {R} {amt} for the distress caused so far and {rate} for each month, to acknowledge the continuing distress, from the date of this decision until {while} no longer',
];

export const ALREADY_PAID = [
  '{Body} has already paid {C} {amt} for {pos} time and trouble, and I do not recommend more for this.',
  '{C} has already received {amt} from {body} for the time and trouble involved, which I consider appropriate.',
  'During its complaints procedure {body} paid {C} {amt} for {pos} time and trouble. That was enough for this part of the complaint.',
];

export const DELAY: Record<DelayAbout, readonly string[]> = {
  ehc_plan: [
    '{Body} issued the final EHC Plan {len} after the statutory deadline.',
    "It took {body} {len} longer than the law allows to issue {K}'s final Plan.",
    'The final Plan was issued {len} late.',
  ],
  annual_review: [
    'The annual review process took {len} longer than it should have.',
    'There was a delay of {len} in finalising the amended Plan after the annual review.',
    '{Body} did not complete the annual review process until {len} after the legal deadline.',
  ],
  assessment: [
    '{Body} took {len} longer than it should have to complete the assessment.',
    'There was a delay of {len} in carrying out the assessment.',
    'The assessment was finished {len} later than it should have been.',
  ],
  complaint_response: [
    '{Body} responded to the complaint {len} later than its policy allows.',
    'There was a delay of {len} in responding to {pos} complaint.',
    'It took {body} {len} longer than its own timescale to reply to the complaint.',
  ],
  education_provision: [
    '{K} went without the provision in {kpos} Plan for {len} because of delay by {body}.',
    '{Body} delayed putting the provision in place by {len}.',
    'There was a delay of {len} before {body} arranged suitable education for {K}.',
  ],
  other: [
    'There was an unexplained delay of {len} in {act}.',
    '{Body} let the matter drift for {len} before {act}.',
    'There was a further delay of {len} before {act}.',
  ],
};

/** EHC plan delays as the total time from the request; {len} is the total (limit + delay). */
export const DELAY_EHC_TOTAL = [
  "{Body} issued {K}'s final EHC Plan {len} after {C} asked for an assessment, although the law allows 20 weeks.",
  'The final Plan was issued {len} after the request for an assessment, well beyond the statutory 20-week timescale.',
];

/** Joint decisions: {org} this body, {partner} the other and {pref} its reference. */
export const JOINT_PARTNER = [
  'This complaint was also about {partner}. We considered the two bodies together; our decision on {partner} is published under reference {pref}.',
  'The complaint involved {org} and {partner}, and we looked at their actions together. This statement deals with {org}; the decision about {partner} has the reference {pref}.',
];

/** What an `other` delay held up (a gerund phrase, so the subject is named in the sentence). */
export const DELAY_ACTS = [
  'arranging a meeting with {obj}',
  'passing the case to the right team',
  'updating {obj} on progress',
  'making a decision on the case',
  'replying to {pos} letters',
];

export const ASSESS_FAULT = [
  'I find {body} at fault because it {fault}.',
  '{Body} {fault}. That was fault.',
  'The evidence shows {body} {fault}, which was fault.',
];

export const ASSESS_INJUSTICE = [
  'This caused {C} {impact}.',
  'The fault caused {C} {impact}, which is an injustice.',
  '{C} was caused {impact} as a result.',
];

export const ASSESS_NO_INJUSTICE = [
  'However, I do not consider it caused {C} a significant injustice, because the outcome would have been the same without it.',
  'But the fault was put right quickly and did not cause {C} an injustice that needs a remedy.',
  'The fault did not affect the decision, so it did not cause {C} a significant injustice.',
];

export const ASSESS_NO_FAULT = [
  '{Body} {noFault}. I have found no fault.',
  'I understand {C} is unhappy, but the evidence shows {body} {noFault}. There is no fault for me to criticise.',
  'I am satisfied {body} {noFault}. Without fault, I cannot question the outcome.',
];

export const APOLOGY = [
  'apologise to {C}',
  'apologise to {C} for the {impact} caused',
  'write to {C} to apologise for the faults identified in this statement',
  'apologise in writing to {C}',
];

export const APOLOGY_GUIDANCE = [
  'Our guidance on remedies explains what makes an apology meaningful, and {body} should follow it.',
  'When apologising, {body} should take account of our published guidance on remedies.',
];

export const PAYMENT: Record<PaymentPurpose, readonly string[]> = {
  distress: [
    'pay {R} {amt} to acknowledge the distress caused',
    'pay {R} {amt} for the avoidable distress and uncertainty {sub} experienced',
    'make a payment of {amt} to {R} in recognition of {pos} distress',
  ],
  time_and_trouble: [
    'pay {R} {amt} for {pos} time and trouble in bringing the complaint',
    'pay {R} {amt} to recognise the time and trouble {sub} {has} been put to',
    'pay {amt} to {R} for the time and trouble of pursuing the complaint',
  ],
  loss_of_education: [
    'pay {R} {amt} to recognise the education {K} missed',
    "pay {R} {amt}, to be used for {K}'s educational benefit, for the provision {kpro} lost",
  ],
  loss_of_service: [
    'pay {R} {amt} to reflect the service that was not provided',
    'pay {R} {amt} for the loss of service',
  ],
  reimbursement: ['refund {amt} to {R}', 'reimburse {R} {amt}', 'repay {R} the {amt} wrongly charged'],
  symbolic: ['make a symbolic payment of {amt} to {R}', 'pay {R} {amt} as a symbolic remedy'],
  backdated: [
    'backdate the award and pay {R} the arrears of {amt}',
    'pay {R} {amt}, the amount {sub} would have received had {body} backdated the decision',
  ],
  other: [
    'pay {R} {amt} to recognise the lost opportunity',
    'pay {R} {amt} for the lost opportunity {sub} suffered',
  ],
};

/** Lost education as rate × months: with the total ({amt}) or only the rate and the count. */
export const PAYMENT_MONTHLY = [
  'pay {R} {amt} for the provision {K} missed (calculated at {rate} a month for {months} months)',
  'pay {R} {rate} a month for the {months} months {K} was without suitable education',
  'pay {R} {rate} for each of the {months} months {K} missed education, to be used for {kpos} benefit',
];
/** Lost education as rate × terms. */
export const PAYMENT_TERMLY = [
  'pay {R} {rate} for each of the {months} terms of education {K} lost',
  'pay {R} {amt} to recognise the education {K} lost ({rate} a term for {months} terms)',
];
export const PAYMENT_NO_AMOUNT = [
  'make a symbolic payment to {R} to acknowledge {pos} distress',
  'make a symbolic payment to {R}',
];

/** Tails after "paid {C} {amt}" / "offered {C} {amt}" in already-remedied closures. */
export const PAYMENT_TAIL: Record<PaymentPurpose, string> = {
  distress: 'to acknowledge {pos} distress',
  time_and_trouble: 'for {pos} time and trouble',
  loss_of_education: 'for the education {K} missed',
  loss_of_service: 'for the service that was not provided',
  reimbursement: 'as a refund',
  symbolic: 'as a symbolic payment',
  backdated: 'in backdated payments',
  other: 'for the lost opportunity',
};

/** A template with the deadline (days) it states: "within one month" 30, "within four weeks" 28. */
export type Timed = readonly [string, number];

export const ACTION_LEAD_AGREED: readonly Timed[] = [
  ['Within one month of the final decision, {body} has agreed to:', 30],
  ['Within four weeks of my final decision, {body} will:', 28],
  ['To remedy the injustice caused, {body} will, within one month of this decision:', 30],
];
export const ACTION_LEAD_RECOMMENDED: readonly Timed[] = [
  ['Within one month of the final decision, {body} should:', 30],
  ['To remedy the injustice, {body} should, within four weeks of this decision:', 28],
];
export const ACTION_SINGLE: readonly Timed[] = [
  ['{Body} {will} {clause} within one month of the final decision.', 30],
  ['Within one month, {body} {will} {clause}.', 30],
];
export const ACTION_IMPROVE: readonly Timed[] = [
  ['Within three months of the final decision, {body} {will} {imp}.', 90],
  ['{Body} {will} also {imp} within three months.', 90],
];
export const ACTION_EVIDENCE = [
  '{Body} should send us evidence that it has carried out these actions.',
  '{Body} should give us evidence it has done what it agreed.',
];

export const SUMMARY_FINDING_FAULT = [
  'We found fault by {body}.',
  '{Body} was at fault, and this caused {C} {impact}.',
  'There was fault which caused {C} {impact}.',
  'We uphold the complaint.',
  'We have found fault causing injustice.',
];
export const SUMMARY_REMEDY_AGREED = [
  '{Body} has agreed to {list}.',
  'To remedy the injustice, {body} will {list}.',
  '{Body} accepted our recommendations to {list}.',
];
export const SUMMARY_REMEDY_RECOMMENDED = ['{Body} should {list}.', 'We recommended {body} {list}.'];
export const SUMMARY_NO_INJUSTICE = [
  'There was fault, but it did not cause {C} significant injustice.',
  'We found fault by {body}, but this did not cause {C} an injustice that needs a remedy.',
];
export const SUMMARY_NO_FAULT = [
  'We found no fault in how {body} acted.',
  'We have not found fault by {body}.',
  'We do not uphold the complaint because there was no fault.',
  '{Body} {noFault}, so there was no fault.',
];
export const SUMMARY_NOT_INVESTIGATED = [
  "We will not investigate {C}'s complaint about {subject}. This is because {reason}.",
  'We will not investigate this complaint about {subject} because {reason}.',
  '{C} complain{s} about {subject}. We will not investigate because {reason}.',
  "We have decided not to investigate {C}'s complaint about {subject}, as {reason}.",
];
export const SUMMARY_DISCONTINUED = [
  "We have discontinued our investigation into {C}'s complaint about {subject} because {reason}.",
  'We ended our investigation of this complaint about {subject}, as {reason}.',
];

export const REASON: Record<NotInvestigatedReason, readonly string[]> = {
  tribunal: [
    'it was reasonable for {C} to appeal to {appeal}',
    '{C} could use {pos} right of appeal to {appeal}',
    'the matter could be put to {appeal}, and it is reasonable to expect {C} to use that route',
  ],
  late: [
    'the complaint is late and there is no good reason for the delay in bringing it to us',
    '{C} brought the complaint to us too late',
    'the events complained about happened more than a year before {C} came to us, and there is no good reason to look at them now',
  ],
  out_of_jurisdiction: [
    'it concerns {outside}, which is outside our jurisdiction',
    'the law does not allow us to investigate {outside}',
  ],
  insufficient_injustice: [
    'there is not enough evidence of significant injustice to justify an investigation',
    'any injustice caused to {C} is not significant enough to warrant our involvement',
    'the injustice claimed is too limited to justify the cost of an investigation',
  ],
  already_remedied: [
    '{body} has already {actions}, which is a suitable remedy',
    '{body} has {actions}, and this is in line with what we would recommend',
    'by having {actions}, {body} has done enough to remedy the injustice',
  ],
  premature: [
    "{C} has not yet completed {body}'s complaints procedure",
    'it is premature: {body} has not had the chance to respond to the complaint',
  ],
  other: [
    'an investigation would be unlikely to achieve anything more for {C}',
    'we could not add to the investigation {body} has already carried out',
    'another body is better placed to consider it',
  ],
};

export const FINAL_FAULT_AGREED = [
  'I have completed my investigation. {Body} was at fault and this caused injustice to {C}. The action {body} has agreed to take remedies that injustice.',
  'I find fault causing injustice. {Body} has agreed to the actions above, so I have completed my investigation.',
  'There was fault by {body} which caused injustice to {C}. I have completed my investigation on the basis that {body} will carry out the agreed action.',
];
export const FINAL_FAULT_RECOMMENDED = [
  'I have found fault causing injustice and have recommended action to remedy it.',
  'I have completed my investigation. There was fault causing injustice, and {body} should take the action recommended above.',
];
export const FINAL_FAULT_ONLY = [
  'I have completed my investigation. There was fault by {body}, but it did not cause {C} significant injustice.',
  'I find fault without significant injustice and have completed my investigation.',
];
export const FINAL_NO_FAULT = [
  'I have completed my investigation and found no fault by {body}.',
  "I have ended my investigation as there was no fault in {body}'s actions.",
  'I have completed my investigation. There was no fault by {body}.',
];
export const FINAL_CLOSED = [
  'We will not investigate this complaint. This is because {reason}.',
  "We will not investigate {C}'s complaint because {reason}.",
];
export const FINAL_DISCONTINUED = ['I have discontinued my investigation because {reason}.'];

export const REPORT_FINDING = [
  'Fault causing injustice; remedy recommended.',
  'Fault found, causing injustice. Recommendations made.',
  'Upheld: fault and injustice found, and {body} asked to put things right.',
];

/**
 * Missed education ({len} a length as written, {from}/{to} dates as written), by scenario
 * (replica/missed.ts). Dates only: the "What happened" narrative. A template starting with {Body}
 * blames the body and is not used in decisions that find no fault.
 */
export const MISSED_DATES: Record<MissedScenario, readonly string[]> = {
  section_f: [
    "The provision in section F of {K}'s Plan was not delivered between {from} and {to}.",
    '{K} did not receive the occupational therapy in section F of {kpos} Plan from {from} to {to}.',
    "{Body} did not secure the special educational provision in {K}'s Plan from {from} until {to}.",
  ],
  no_place: [
    '{K} had no school place between {from} and {to}.',
    '{K} was without a school place from {from} until {to}.',
  ],
  transport: [
    '{Body} did not arrange transport for {K}, so {kpro} could not attend school between {from} and {to}.',
    'With no transport in place, {K} was unable to attend school from {from} to {to}.',
  ],
  section19: [
    '{K} did not receive any education between {from} and {to}.',
    '{K} was out of school from {from} to {to}, and no alternative provision was arranged in that time.',
    '{Body} did not provide {K} with suitable full-time education from {from} to {to}.',
  ],
  exclusion: [
    'After {kpos} permanent exclusion, {K} received no education between {from} and {to}.',
    '{Body} did not arrange alternative provision for {K} after {kpos} exclusion, from {from} until {to}.',
  ],
  part_time: [
    '{K} received only limited education between {from} and {to}, as no more than a few hours of tuition a week were arranged.',
    'Between {from} and {to}, {K} was on a part-time timetable and missed most of {kpos} education.',
  ],
};

/** Missed education, the length only: the assessment. */
export const MISSED_LENGTH_ANY = [
  '{K} missed {len} of education as a result.',
  '{K} was without suitable full-time education for {len}.',
  'In total, {K} lost {len} of {kpos} education.',
  'This meant {K} missed {len} of school.',
  '{K} had no education for {len}.',
  '{K} was out of education for {len}.',
  '{K} received no education for a period of {len}.',
];
export const MISSED_LENGTH: Record<MissedScenario, readonly string[]> = {
  section_f: [
    '{K} went without the provision in section F of {kpos} Plan for {len}.',
    "The provision in section F of {K}'s Plan was missing for {len}.",
  ],
  no_place: ['{K} spent {len} without a school place.'],
  transport: ['{K} missed {len} of school because no transport was arranged.'],
  section19: ['{K} did not receive any education for {len}.'],
  exclusion: ['{K} had no education for {len} after {kpos} exclusion.'],
  part_time: ['{K} was on a part-time timetable for {len} and missed much of {kpos} education.'],
};

/** Missed education, length and dates in one sentence. */
export const MISSED_BOTH = [
  '{K} missed {len} of education, from {from} to {to}.',
  '{K} received no education for {len}, between {from} and {to}.',
  'Overall, {K} was without suitable education for {len}, from {from} until {to}.',
  'Between {from} and {to}, a period of {len}, {K} did not receive any education.',
];

/** A period still going on at the decision ({from} only). */
export const MISSED_ONGOING = [
  '{K} has been without a school place since {from}.',
  '{K} has had no suitable education since {from} and is still waiting for a place.',
];

/** Summary sentences: length, dates, or both. */
export const MISSED_SUMMARY_LENGTH = [
  'As a result, {K} missed {len} of education.',
  '{K} went without education for {len}.',
];
export const MISSED_SUMMARY_DATES = [
  '{K} was without suitable education from {from} to {to}.',
  '{K} did not receive the education {kpro} needed between {from} and {to}.',
];
export const MISSED_SUMMARY_BOTH = ['{K} missed {len} of school between {from} and {to}.'];

/** Already-remedied closures: what the body accepts ({what} is a length and/or dates clause). */
export const MISSED_ACCEPTED = ['{Body} accepts that {K} missed {what}.', '{Body} accepted {K} lost {what}.'];

/** The complainant's own account (complaint section; a claim, not in the truth). */
export const MISSED_CLAIM = [
  '{C} say{s} {K} missed {len} of school because of {body}.',
  '{C} say{s} {K} has been out of education for {len}.',
];

/** Out of school but taught full time: not missed education (not in the truth). */
export const TAUGHT_WHILE_OUT = [
  'While {K} was out of school between {from} and {to}, {body} provided full-time tuition at home.',
  '{K} was out of school from {from} to {to}, and in that time {kpro} received full-time education from the local tuition service.',
];
