/**
 * Subject-matter phrase banks, one per subcategory. Written for the replica (not copied from any
 * decision). Placeholders are filled by compose.ts: {C} complainant ("Mrs X"), {sub}/{obj}/{pos}
 * their pronouns, {s}/{has}/{was} verb agreement, {body}/{Body} ("the Council"), {K} the child's
 * letter, {kid} ("her son"), {kpro}/{kobj}/{kpos} the child's pronouns.
 * @module
 */
import type { DelayAbout, NotInvestigatedReason, PaymentPurpose } from './truth-schema.js';

export interface Topic {
  /** Noun phrases: "the way {body} handled …". */
  subject: readonly string[];
  /** Past-tense verb phrases describing fault: "{body} did not …". */
  faults: readonly string[];
  /** Past-tense verb phrases for a body that acted properly. */
  noFault: readonly string[];
  /** "Law, guidance and policies" paragraphs. */
  law: readonly string[];
  /** Harm words used for injustice. */
  impact: readonly string[];
  /** Service improvements, as they appear in the remedy text after "will" / "should". */
  improvements: readonly string[];
  delays: readonly DelayAbout[];
  reasons: readonly (readonly [NotInvestigatedReason, number])[];
  /** Appeal route for `tribunal` closures. */
  appeal?: string;
  /** What falls outside jurisdiction here. */
  outside: string;
  child: boolean;
  purposes: readonly PaymentPurpose[];
  /** A sum in dispute that is not a remedy ({amt} is filled in). */
  disputed?: string;
  /** A situation that can last, for "a further £N for each month {while}" remedies. */
  monthlyWhile?: string;
  /** A charge the body can cancel ({amt} filled in): "the {amt} invoice for …"; not a payment. */
  waivable?: string;
}

const GENERIC_REASONS: readonly (readonly [NotInvestigatedReason, number])[] = [
  ['late', 2],
  ['out_of_jurisdiction', 1],
  ['insufficient_injustice', 3],
  ['already_remedied', 2],
  ['premature', 2],
  ['other', 2],
];

const SEN_LAW = [
  'A council must decide whether to carry out an Education, Health and Care (EHC) needs assessment within six weeks of a request, and the whole process, up to the issue of a final EHC Plan, should normally take no more than 20 weeks.',
  'Once a Plan is in place, the council must review it at least once every 12 months and must send its decision on whether to amend the Plan within four weeks of the review meeting.',
  'The council has a legal duty to secure the special educational provision in section F of the Plan. This duty cannot be delegated to the school or to the parents.',
];

export const TOPICS: Record<string, Topic> = {
  'special-educational-needs': {
    subject: [
      "the way {body} handled {kid}'s Education, Health and Care Plan",
      "{body}'s delay in assessing {kid}'s special educational needs",
      "the support {body} arranged for {kid}'s special educational needs",
    ],
    faults: [
      "did not issue {K}'s final EHC Plan within the statutory timescale",
      "took too long to complete the annual review of {K}'s EHC Plan",
      'did not secure the provision set out in section F of the Plan',
      "failed to arrange the speech and language therapy in {K}'s Plan",
    ],
    noFault: [
      'made its decision not to carry out an assessment properly, after considering the evidence from the school',
      'completed the annual review and amended the Plan within the timescales set out in law',
      'took reasonable steps to secure the provision in the Plan',
    ],
    law: SEN_LAW,
    impact: [
      'avoidable distress and frustration',
      'uncertainty about the support {K} would receive',
      'a delay to {pos} right of appeal',
    ],
    improvements: [
      'remind officers in its SEN team of the statutory timescales for issuing EHC Plans',
      'review how it monitors annual reviews so it can act before the legal deadlines pass',
      'report to its scrutiny committee on how many EHC Plans it issues within 20 weeks',
      'train its caseworkers on its duty to secure the provision in section F',
    ],
    delays: ['ehc_plan', 'annual_review', 'assessment', 'education_provision'],
    reasons: [
      ['tribunal', 6],
      ['late', 1],
      ['premature', 2],
      ['already_remedied', 2],
      ['insufficient_injustice', 1],
      ['other', 1],
    ],
    appeal: 'the SEND Tribunal',
    outside: 'the content of the EHC Plan, which only the SEND Tribunal can change',
    child: true,
    purposes: ['distress', 'loss_of_education', 'time_and_trouble', 'symbolic'],
  },
  'alternative-provision': {
    subject: ["{body}'s failure to provide {kid} with a suitable education while {kpro} was out of school"],
    faults: [
      'did not arrange suitable full-time education for {K} once it knew {kpro} was not attending school',
      'left {K} without any education for a long period',
      'offered only a few hours of tuition a week without considering whether this was suitable',
    ],
    noFault: [
      'arranged suitable alternative provision once it became aware {K} was out of school',
      'kept the education it offered {K} under review',
    ],
    law: [
      'Councils must arrange suitable education for children of compulsory school age who, because of illness, exclusion or otherwise, would not receive it unless the council made arrangements (Education Act 1996, section 19).',
      'Statutory guidance says this education should be full time unless that would not be in the child’s best interests because of their health.',
    ],
    impact: ['lost education', 'distress to {obj} and {K}', 'time and trouble'],
    improvements: [
      'review its procedures so it considers its section 19 duty as soon as it knows a child is missing education',
      'remind staff that tuition offered under section 19 should be full time unless there is a recorded reason',
    ],
    delays: ['education_provision', 'assessment'],
    reasons: [['tribunal', 1], ...GENERIC_REASONS],
    appeal: 'the SEND Tribunal',
    outside: 'matters about the running of the school, which are outside our remit',
    child: true,
    purposes: ['loss_of_education', 'distress', 'time_and_trouble'],
  },
  'school-admissions': {
    subject: [
      'the handling of {pos} appeal for a place for {kid} at {pref}',
      'the refusal of a school place for {kid}',
    ],
    faults: [
      'did not apply its published oversubscription criteria correctly',
      'allowed the appeal panel to hear the case without properly considering {pos} evidence',
      'did not explain the panel’s reasons in the decision letter',
    ],
    noFault: [
      'applied its oversubscription criteria correctly',
      'held the appeal hearing in line with the School Admission Appeals Code',
    ],
    law: [
      'The School Admission Appeals Code sets out how appeal panels must work. The panel must first decide whether the admission arrangements were correctly applied and then balance the parents’ case against the prejudice to the school.',
      'We cannot question a panel’s decision if it was made properly; our role is to look at how the panel reached it.',
    ],
    impact: ['uncertainty about whether the outcome would have been different', 'frustration'],
    improvements: [
      'train its appeal panel members and clerks on the requirements of the School Admission Appeals Code',
      'make sure decision letters give the panel’s reasons in enough detail',
    ],
    delays: ['other', 'complaint_response'],
    reasons: [
      ['late', 2],
      ['out_of_jurisdiction', 2],
      ['insufficient_injustice', 2],
      ['other', 2],
      ['premature', 1],
    ],
    outside: 'the internal management of the school',
    child: true,
    purposes: ['time_and_trouble', 'distress', 'symbolic'],
  },
  'assessment-and-care-plan': {
    subject: [
      "the assessment of {pos} mother's care needs",
      "{body}'s assessment of {kin}'s care and support needs",
    ],
    faults: [
      "did not complete an assessment of {kin}'s needs for several months",
      'drew up a care and support plan that did not reflect the assessed needs',
      "did not carry out a carer's assessment for {obj}",
    ],
    noFault: [
      "assessed {kin}'s needs properly and in line with the Care Act 2014",
      'considered all the relevant information before deciding the care package',
    ],
    law: [
      'The Care Act 2014 requires a council to assess any adult who appears to need care and support. The assessment should be completed in a reasonable time and the person and their carer must be involved.',
      'Where a council decides a person has eligible needs, it must produce a care and support plan setting out how those needs will be met.',
    ],
    impact: ['distress and uncertainty', 'the burden of providing extra care {self}', 'time and trouble'],
    improvements: [
      'review its procedures to make sure assessments are completed within a reasonable time',
      "remind social workers to offer a carer's assessment whenever a carer appears to need support",
    ],
    delays: ['assessment', 'complaint_response', 'other'],
    reasons: GENERIC_REASONS,
    outside: 'clinical decisions by health professionals',
    child: false,
    purposes: ['distress', 'time_and_trouble', 'loss_of_service'],
  },
  charging: {
    subject: [
      "the charges {body} made for {kin}'s care",
      "the way {body} assessed {kin}'s contribution towards the cost of care",
    ],
    faults: [
      'did not tell {obj} that {kin} would have to pay towards the cost of care',
      'included the value of the home in the financial assessment when it should have been disregarded',
      'took months to complete the financial assessment and then sent a large backdated invoice',
    ],
    noFault: [
      'carried out the financial assessment in line with the Care and Support Statutory Guidance',
      'gave {obj} clear information about charges before the care started',
    ],
    law: [
      'Councils may charge for the care and support they arrange, but they must carry out a financial assessment and must not charge more than it costs them to provide the care.',
      'The statutory guidance says people should receive clear information about what they will pay before their care begins.',
    ],
    impact: ['an unexpected debt', 'distress and worry', 'time and trouble'],
    improvements: [
      'remind staff to give written information about charges before care starts',
      'review how long its financial assessments take and set a target for completing them',
    ],
    delays: ['assessment', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'the fees set by a privately arranged care home',
    child: false,
    purposes: ['reimbursement', 'distress', 'time_and_trouble'],
    disputed:
      '{C} say{s} {kin} was sent invoices totalling {amt} for care {sub} had not been told would be charged for',
    waivable: 'the {amt} invoice for care {kin} did not receive',
  },
  'direct-payments': {
    subject: [
      "{body}'s decision to reduce {kin}'s direct payments",
      'the way {body} managed the direct payment account',
    ],
    faults: [
      'reduced the direct payment without reassessing need',
      'asked for repayment of unspent funds without warning',
      'did not review the direct payment for over a year',
    ],
    noFault: [
      'reviewed the direct payment properly and explained its decision',
      'recovered the surplus in line with its policy',
    ],
    law: [
      'A council must make sure a direct payment is enough to meet the person’s eligible needs and must review how it is used within six months and then at least every year.',
    ],
    impact: ['distress', 'uncertainty about the care {kin} would receive', 'time and trouble'],
    improvements: [
      'review its direct payments policy against the statutory guidance',
      'write to all direct payment recipients explaining how it recovers unspent funds',
    ],
    delays: ['assessment', 'other'],
    reasons: GENERIC_REASONS,
    outside: 'decisions made by the care provider as an employer',
    child: false,
    purposes: ['reimbursement', 'distress', 'loss_of_service'],
  },
  'disabled-facilities-grants': {
    subject: [
      "{body}'s handling of {pos} application for a disabled facilities grant",
      'delays in adapting {pos} home',
    ],
    faults: [
      'took too long to process the grant application',
      'did not chase the contractor when work stalled',
      'lost paperwork and asked {obj} to start again',
    ],
    noFault: [
      'processed the application within the statutory time limit',
      'correctly decided the proposed work was not necessary and appropriate',
    ],
    law: [
      'A council must decide a valid application for a disabled facilities grant as soon as reasonably practicable and no later than six months after receiving it (Housing Grants, Construction and Regeneration Act 1996).',
    ],
    impact: ['months without a usable bathroom', 'distress', 'time and trouble'],
    improvements: [
      'review its grant procedures to remove avoidable delays',
      'set up a system to monitor the progress of every open grant application',
    ],
    delays: ['assessment', 'other'],
    reasons: GENERIC_REASONS,
    outside: "the quality of the builder's work, which is a private contractual matter",
    child: false,
    purposes: ['distress', 'time_and_trouble', 'loss_of_service'],
    monthlyWhile: 'the adaptations remain unfinished',
  },
  'domiciliary-care': {
    subject: ['the home care provided to {kin}', 'missed and late home care visits'],
    faults: [
      'missed several care visits without telling the family',
      'sent carers who had not been trained to use the hoist',
      'did not record medication properly',
    ],
    noFault: [
      'provided care in line with the care plan',
      'investigated the concerns and took appropriate action',
    ],
    law: [
      'The Fundamental Standards in the Health and Social Care Act 2008 (Regulated Activities) Regulations 2014 set the standards of care people should receive.',
    ],
    impact: ['distress', 'worry about {kin}’s safety', 'having to step in and provide care {self}'],
    improvements: [
      'remind care staff to record every visit accurately',
      'review its procedures for telling families about missed visits',
    ],
    delays: ['complaint_response', 'other'],
    reasons: GENERIC_REASONS,
    outside: 'the employment of individual care workers',
    child: false,
    purposes: ['distress', 'reimbursement', 'time_and_trouble'],
    disputed: '{C} say{s} {kin} was charged {amt} for visits that did not take place',
    waivable: 'the {amt} charge for visits that were missed',
  },
  'residential-care': {
    subject: ['the care {kin} received in a care home', "{body}'s handling of {kin}'s move to a care home"],
    faults: [
      'did not act on signs that {kin} was losing weight',
      'moved {kin} to another home without consulting the family',
      'did not follow its own falls policy',
    ],
    noFault: ['provided care in line with {kin}’s care plan', 'consulted the family before the move'],
    law: [
      'The Care Quality Commission sets the standards care homes must meet, including standards on nutrition, safeguarding and person-centred care.',
    ],
    impact: ['distress', 'uncertainty about whether {kin} received the right care', 'time and trouble'],
    improvements: ['train staff on its falls policy', 'review how it records food and fluid intake'],
    delays: ['complaint_response', 'assessment', 'other'],
    reasons: GENERIC_REASONS,
    outside: 'the actions of the Coroner',
    child: false,
    purposes: ['distress', 'time_and_trouble', 'reimbursement'],
    disputed: '{C} dispute{s} care home fees of {amt}',
    waivable: 'the {amt} top-up charged after the move',
  },
  safeguarding: {
    subject: [
      'the way {body} responded to safeguarding concerns about {kin}',
      "{body}'s safeguarding enquiry",
    ],
    faults: [
      'did not complete the safeguarding enquiry for many months',
      'did not tell {obj} the outcome of the enquiry',
      'closed the enquiry without speaking to {kin}',
    ],
    noFault: [
      'acted promptly on the concerns and made proper enquiries',
      'reached a decision it was entitled to reach on the evidence',
    ],
    law: [
      'Section 42 of the Care Act 2014 requires a council to make enquiries, or ask others to make them, when it has reason to think an adult with care needs is at risk of abuse or neglect.',
    ],
    impact: ['distress', 'uncertainty', 'a lost opportunity to protect {kin}'],
    improvements: [
      'remind staff to tell the person and their family the outcome of safeguarding enquiries',
      'review its timescales for completing section 42 enquiries',
    ],
    delays: ['assessment', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'matters that are being considered by the police',
    child: false,
    purposes: ['distress', 'time_and_trouble'],
  },
  'council-tax': {
    subject: ['{body}’s recovery of council tax arrears', 'the council tax {body} charged on {pos} property'],
    faults: [
      'sent the account to enforcement agents without first sending a reminder',
      'did not apply the single person discount it had agreed',
      'did not respond to {pos} letters about the bill',
    ],
    noFault: ['followed the proper recovery process', 'billed {obj} correctly'],
    law: [
      'Councils must send a reminder notice before taking recovery action and may then apply to the magistrates’ court for a liability order.',
    ],
    impact: ['enforcement fees', 'distress', 'time and trouble'],
    improvements: [
      'review its recovery procedures',
      'remind staff to check discount applications before passing accounts to enforcement agents',
    ],
    delays: ['complaint_response', 'other'],
    reasons: [['tribunal', 3], ...GENERIC_REASONS],
    appeal: 'the Valuation Tribunal',
    outside: 'the band of the property, which is a matter for the Valuation Office Agency',
    child: false,
    purposes: ['reimbursement', 'time_and_trouble', 'distress'],
    disputed: '{C} say{s} {sub} {was} wrongly billed {amt}',
    waivable: 'the {amt} of council tax arrears added in error',
  },
  'covid-19': {
    subject: [
      "{body}'s refusal of a business support grant during the COVID-19 pandemic",
      'a COVID-19 test and trace support payment',
    ],
    faults: [
      'applied the grant criteria inconsistently',
      'did not give {obj} a way to ask for the decision to be reviewed',
      'lost the grant application',
    ],
    noFault: ['applied the government’s grant criteria correctly', 'explained its decision clearly'],
    law: [
      'The government set the eligibility rules for the business grant schemes, and councils had discretion in running the discretionary schemes.',
    ],
    impact: ['uncertainty', 'frustration', 'time and trouble'],
    improvements: ['check other refused applications for the same error'],
    delays: ['other', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'the government’s national grant rules',
    child: false,
    purposes: ['time_and_trouble', 'symbolic', 'other'],
  },
  'housing-benefit-and-council-tax-benefit': {
    subject: ['{body}’s handling of {pos} housing benefit claim', 'an overpayment of housing benefit'],
    faults: [
      'took months to process the change of circumstances',
      'did not send a decision letter with appeal rights',
      'recovered an overpayment before deciding the dispute',
    ],
    noFault: ['calculated the entitlement correctly', 'properly decided the overpayment was recoverable'],
    law: [
      'Decisions on housing benefit carry a right of appeal to an independent tribunal. We do not normally investigate where someone has used, or could use, that right.',
    ],
    impact: ['rent arrears', 'distress', 'time and trouble'],
    improvements: ['review its processing times for changes of circumstances'],
    delays: ['other', 'complaint_response', 'assessment'],
    reasons: [['tribunal', 5], ...GENERIC_REASONS],
    appeal: 'the First-tier Tribunal (Social Security and Child Support)',
    outside: 'decisions on Universal Credit, which are for the Department for Work and Pensions',
    child: false,
    purposes: ['backdated', 'reimbursement', 'time_and_trouble'],
    disputed: '{Body} is recovering an overpayment of {amt} from {C}',
  },
  'friends-and-family-carers': {
    subject: [
      'the support {body} gave {obj} as a family carer for {pos} grandchild',
      'the allowance paid to {obj} as a kinship carer',
    ],
    faults: [
      'paid a lower allowance than its own policy allowed',
      'did not assess {obj} as a connected person before placing the child',
      'did not tell {obj} about the support available',
    ],
    noFault: ['paid the allowance set out in its policy', 'assessed the placement properly'],
    law: [
      'Statutory guidance says councils should treat family and friends carers fairly and should have a published policy setting out the support available.',
    ],
    impact: ['financial hardship', 'distress', 'uncertainty'],
    improvements: [
      'review its family and friends care policy against the statutory guidance',
      'check whether other kinship carers were underpaid',
    ],
    delays: ['assessment', 'complaint_response'],
    reasons: [['out_of_jurisdiction', 1], ...GENERIC_REASONS],
    outside: 'matters decided in care proceedings in the family court',
    child: false,
    purposes: ['backdated', 'distress', 'time_and_trouble'],
  },
  noise: {
    subject: [
      "{body}'s response to {pos} reports of noise from a neighbouring property",
      'noise from a nearby business',
    ],
    faults: [
      'closed the case without visiting to assess the noise',
      'did not reply to {pos} reports for several weeks',
      'did not decide whether the noise was a statutory nuisance',
    ],
    noFault: [
      'investigated the reports properly and was entitled to decide there was no statutory nuisance',
      'kept {obj} informed',
    ],
    law: [
      'Councils must take reasonable steps to investigate complaints of a statutory nuisance and, if satisfied one exists, must serve an abatement notice (Environmental Protection Act 1990).',
    ],
    impact: ['continued disturbance', 'frustration', 'uncertainty'],
    improvements: [
      'remind officers to record their reasons when deciding whether noise amounts to a statutory nuisance',
    ],
    delays: ['other', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'private disputes between neighbours',
    child: false,
    purposes: ['time_and_trouble', 'distress'],
  },
  'refuse-and-recycling': {
    subject: ['repeated missed bin collections', '{body}’s assisted collection service'],
    faults: [
      'missed {pos} collections repeatedly despite promising to put things right',
      'removed {pos} assisted collection without telling {obj}',
    ],
    noFault: ['collected the bins as scheduled', 'explained the rules for side waste'],
    law: [
      'Councils must arrange for household waste to be collected and may set conditions about the containers used.',
    ],
    impact: ['frustration', 'time and trouble'],
    improvements: ['review how it monitors the assisted collection list'],
    delays: ['complaint_response', 'other'],
    reasons: GENERIC_REASONS,
    outside: 'the national rules on recycling',
    child: false,
    purposes: ['time_and_trouble', 'symbolic'],
  },
  'parking-and-other-penalties': {
    subject: [
      'a penalty charge notice issued to {obj}',
      '{body}’s handling of {pos} challenge to a parking fine',
    ],
    faults: [
      'did not consider {pos} formal representations',
      'issued a charge certificate while the challenge was still open',
    ],
    noFault: ['considered the representations and responded properly'],
    law: [
      'Motorists who dispute a penalty charge can make representations to the council and then appeal to an independent adjudicator.',
    ],
    impact: ['an increased charge', 'time and trouble'],
    improvements: ['remind staff to put enforcement on hold while representations are considered'],
    delays: ['complaint_response', 'other'],
    reasons: [
      ['tribunal', 8],
      ['late', 1],
      ['insufficient_injustice', 2],
      ['other', 1],
    ],
    appeal: 'the Traffic Penalty Tribunal',
    outside: 'the decision of the adjudicator',
    child: false,
    purposes: ['reimbursement', 'time_and_trouble'],
    disputed: '{C} {was} asked to pay a penalty charge of {amt}',
    waivable: 'the {amt} penalty charge',
  },
  allocations: {
    subject: ['the priority {body} gave {pos} housing application', '{body}’s decision on {pos} banding'],
    faults: [
      'did not consider the medical evidence {sub} sent',
      'took months to review {pos} banding',
      'placed {obj} in the wrong band',
    ],
    noFault: [
      'assessed the application in line with its allocations scheme',
      'considered the medical evidence properly',
    ],
    law: [
      'Every council must have an allocations scheme that gives reasonable preference to certain groups, and must follow it (Housing Act 1996, Part 6).',
    ],
    impact: ['a lost chance to bid for suitable homes', 'distress', 'uncertainty'],
    improvements: [
      'review how it deals with medical priority requests',
      'remind officers to tell applicants of their right to a review',
    ],
    delays: ['assessment', 'complaint_response', 'other'],
    reasons: [['tribunal', 1], ...GENERIC_REASONS],
    appeal: 'the county court',
    outside: 'the allocation policies of housing associations',
    child: false,
    purposes: ['backdated', 'distress', 'time_and_trouble'],
    monthlyWhile: '{sub} remain{s} in {pos} overcrowded home without the correct priority',
  },
  homelessness: {
    subject: [
      'the help {body} gave {obj} when {sub} became homeless',
      'the suitability of the temporary accommodation {body} provided',
    ],
    faults: [
      'did not provide interim accommodation when it had reason to believe {sub} {was} homeless',
      'did not issue a personal housing plan',
      'left {obj} in unsuitable bed and breakfast accommodation for longer than the law allows',
    ],
    noFault: [
      'made proper enquiries and reached a decision it was entitled to make',
      'offered suitable accommodation',
    ],
    law: [
      'If a council has reason to believe an applicant may be homeless, eligible and in priority need, it must provide interim accommodation (Housing Act 1996, section 188).',
      'Families with children should not be placed in bed and breakfast accommodation for more than six weeks.',
    ],
    impact: ['time in unsuitable accommodation', 'distress', 'uncertainty'],
    improvements: [
      'remind officers to issue personal housing plans',
      'review its procedures for checking the suitability of temporary accommodation',
    ],
    delays: ['assessment', 'other', 'complaint_response'],
    reasons: [['tribunal', 5], ...GENERIC_REASONS],
    appeal: 'the county court, after a statutory review',
    outside: 'the actions of a private landlord',
    child: false,
    purposes: ['distress', 'other', 'time_and_trouble'],
    monthlyWhile: '{sub} remain{s} in the unsuitable accommodation',
  },
  'planning-applications': {
    subject: [
      'the way {body} dealt with a planning application for development next to {pos} home',
      '{body}’s decision to approve {pos} neighbour’s extension',
    ],
    faults: [
      'did not consider the impact of the development on {pos} privacy',
      'did not notify {obj} of the application',
      'gave the planning committee an inaccurate report',
    ],
    noFault: [
      'considered the objections and made a decision it was entitled to make',
      'publicised the application properly',
    ],
    law: [
      'Councils must decide applications in line with the development plan unless material considerations indicate otherwise. We cannot question the merits of a decision properly made.',
    ],
    impact: [
      'loss of privacy',
      'uncertainty about whether the decision would have been different',
      'time and trouble',
    ],
    improvements: [
      'remind planning officers to record their assessment of impact on neighbouring homes',
      'review its notification procedures',
    ],
    delays: ['other', 'complaint_response'],
    reasons: [['tribunal', 2], ...GENERIC_REASONS],
    appeal: 'the Planning Inspectorate',
    outside: 'decisions made by a planning inspector',
    child: false,
    purposes: ['time_and_trouble', 'distress', 'symbolic'],
  },
  enforcement: {
    subject: [
      '{body}’s failure to take enforcement action against a breach of planning control',
      'a building put up without planning permission',
    ],
    faults: [
      'did not investigate the breach for over a year',
      'did not record why it decided enforcement action was not expedient',
    ],
    noFault: ['investigated properly and was entitled to decide enforcement action was not expedient'],
    law: [
      'Planning enforcement is discretionary. Councils should act proportionately and need not take action against every breach.',
    ],
    impact: ['uncertainty', 'frustration', 'time and trouble'],
    improvements: ['review its enforcement plan and response times'],
    delays: ['other', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'private boundary disputes',
    child: false,
    purposes: ['time_and_trouble', 'symbolic'],
  },
  other: {
    subject: [
      'the care {kin} received when {kpro} was discharged from hospital',
      'the joint discharge arrangements for {kin}',
    ],
    faults: [
      'discharged {kin} without a safe care package in place',
      'did not share the discharge plan with the family',
    ],
    noFault: ['planned the discharge properly with the family'],
    law: [
      'Health and social care bodies must work together to plan a safe discharge from hospital. The Ombudsmen can look at complaints involving both.',
    ],
    impact: ['distress', 'uncertainty', 'time and trouble'],
    improvements: ['review its discharge procedures with its partner organisations'],
    delays: ['assessment', 'complaint_response'],
    reasons: GENERIC_REASONS,
    outside: 'clinical judgements properly made',
    child: false,
    purposes: ['distress', 'time_and_trouble'],
  },
  'councillor-conduct-and-standards': {
    subject: [
      'how {body} dealt with {pos} complaint about a councillor',
      'the conduct of a parish councillor',
    ],
    faults: [
      'did not follow its own procedure for considering code of conduct complaints',
      'took far too long to assess the complaint',
    ],
    noFault: ['followed its procedure and took account of the independent person’s views'],
    law: [
      'Councils must have arrangements for dealing with complaints that councillors have broken their code of conduct. We look at whether those arrangements were followed.',
    ],
    impact: ['frustration', 'uncertainty'],
    improvements: ['review its arrangements for assessing code of conduct complaints'],
    delays: ['complaint_response', 'other'],
    reasons: [
      ['out_of_jurisdiction', 3],
      ['insufficient_injustice', 4],
      ['late', 1],
      ['other', 2],
    ],
    outside: 'the conduct of councillors in a private capacity',
    child: false,
    purposes: ['time_and_trouble', 'symbolic'],
  },
};
