import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';

const pay = (summary: string, sections: { heading: string; text: string }[] = []) =>
  extractFacts({ summary, sections }).payments.map(({ amount, status, purpose, recipient }) => ({
    amount,
    status,
    purpose,
    recipient,
  }));

/** One sentence of the facts section ("What I found"). */
const facts = (text: string) => pay('', [{ heading: 'What I found', text }]);

describe('payment status', () => {
  it('agreed: the body has agreed or will pay', () => {
    expect(pay('The Council has agreed to pay Mrs X £300 for her distress.')[0]?.status).toBe('agreed');
    expect(pay('The Council will pay Mrs X £300.')[0]?.status).toBe('agreed');
  });
  it('recommended: we recommend or the body should pay, with no agreement stated', () => {
    expect(pay('We recommend the Council pays Mrs X £300 for her distress.')[0]?.status).toBe('recommended');
    expect(pay('The Council should pay Mrs X £300 for her distress.')[0]?.status).toBe('recommended');
  });
  it('recommended becomes agreed once the body accepts the recommendations', () => {
    expect(
      pay('We recommend the Council pays Mrs X £300. The Council has accepted our recommendations.')[0]
        ?.status,
    ).toBe('agreed');
  });
  it('already_paid: paid or refunded before the decision', () => {
    expect(pay('The Council has already refunded the £360 overcharged.')[0]).toMatchObject({
      status: 'already_paid',
      purpose: 'reimbursement',
    });
    expect(pay('The Council had paid Mrs X £200 before she came to us.')[0]?.status).toBe('already_paid');
  });
  it('offered: an offer that was declined stays an offer', () => {
    expect(pay('The Council offered Mr W £150, which he declined.')[0]?.status).toBe('offered');
  });
  it('an offer the Ombudsman finds suitable stays offered and is counted in the total (1.11.0; was agreed)', () => {
    const f = extractFacts({
      summary: 'The Council offered Mr W £250 for his time and trouble. That is a suitable remedy.',
      sections: [],
    });
    expect(f.payments.map((p) => [p.amount, p.status, p.countedInTotal])).toEqual([[250, 'offered', true]]);
    expect(f.remedyTotal).toBe(250);
  });
  it('an offer is judged by the next sentence that speaks of it', () => {
    expect(
      facts(
        'The Council offered Mrs P £120 for her time and trouble. That offer is in line with our guidance on remedies and I do not recommend more.',
      )[0]?.status,
    ).toBe('offered');
    expect(facts('The Council offered Mrs P £120 for her trouble. She turned it down.')[0]?.status).toBe(
      'offered',
    );
    expect(
      facts('The Council offered Mrs P £120 for her trouble. I consider this is not enough.')[0]?.status,
    ).toBe('offered');
    for (const judged of [
      'I do not consider this is a suitable remedy.',
      'I am not satisfied that the offer is enough.',
      'That was not enough, and the Council has agreed to pay her £300 instead.',
    ])
      expect(
        pay('', [
          { heading: 'What I found', text: `The Council offered Mrs P £120 for her trouble. ${judged}` },
        ])[0]?.status,
        judged,
      ).toBe('offered');
  });
  it('a declined offer stays offered when another offer in the decision is called suitable', () => {
    const p = facts(
      'At stage one the Council offered Mr R £60.50 for his distress. Mr R turned this down. Later it offered Mr R £200 for his distress. I consider that is a suitable remedy.',
    );
    expect(p.map((x) => [x.amount, x.status])).toEqual([
      [60.5, 'offered'],
      [200, 'offered'],
    ]);
    const f = extractFacts({
      summary: '',
      sections: [
        {
          heading: 'What I found',
          text: 'At stage one the Council offered Mr R £60.50 for his distress. Mr R turned this down. Later it offered Mr R £200 for his distress. I consider that is a suitable remedy.',
        },
      ],
    });
    // Only the offer found suitable is in the total.
    expect(f.payments.map((x) => x.countedInTotal)).toEqual([false, true]);
    expect(f.remedyTotal).toBe(200);
  });
  it('"suitable" said of something other than an offer does not accept the offer', () => {
    expect(
      facts(
        'The Council offered only part-time tuition without asking whether this was suitable. It offered Mrs S £90 for her time and trouble.',
      )[0]?.status,
    ).toBe('offered');
  });
  it('a closure because the body has done enough to remedy the injustice accepts its offer', () => {
    expect(
      pay(
        'We will not investigate because, having apologised and offered Mrs T £180, the Council has done enough to remedy the injustice.',
      )[0]?.status,
    ).toBe('offered');
  });
  it('the nearest cue before the sum wins', () => {
    expect(
      pay('The Council has already paid Mrs G £200 and has agreed to pay a further £300.'),
    ).toMatchObject([
      { amount: 200, status: 'already_paid' },
      { amount: 300, status: 'agreed' },
    ]);
  });
  it('the heading sets the default: Agreed action and Recommended action', () => {
    expect(pay('', [{ heading: 'Agreed action', text: '1. Pay Mrs X £100.' }])[0]?.status).toBe('agreed');
    expect(pay('', [{ heading: 'Recommended action', text: '1. Pay Mrs X £100.' }])[0]?.status).toBe(
      'recommended',
    );
  });
  it("a bare sum an earlier sentence called the body's offer is that offer, judged where it is judged", () => {
    expect(
      pay(
        "Mrs L complains about the care home fees and the Council's offer of £750 for her distress. We did not find fault with the fees. The payment of £750 is a proportionate remedy for her distress.",
      ),
    ).toEqual([{ amount: 750, status: 'offered', purpose: 'distress', recipient: null }]);
    const f = extractFacts({
      summary:
        'The Council offered Mr H £120 for his time and trouble. We found fault in its complaint handling. The payment of £120 is in line with our guidance.',
      sections: [],
    });
    // One payment, not the offer and its echo; the Ombudsman found it enough, so it counts.
    expect(f.payments.map((p) => [p.amount, p.status, p.countedInTotal])).toEqual([[120, 'offered', true]]);
    expect(f.remedyTotal).toBe(120);
    // A sum nobody offered before stays a bare sum read against the decision.
    expect(
      pay(
        'We found fault. The Council has agreed to apologise. The payment of £90 is a proportionate remedy.',
      )[0]?.status,
    ).toBe('agreed');
  });
});

describe('payment purpose', () => {
  it('"the School" names the body, not an education purpose, so the summary and the action merge', () => {
    const p = pay(
      'To remedy the injustice, the School will apologise, pay Mrs U £175 and check its records.',
      [{ heading: 'Agreed action', text: '1. The School will pay Mrs U £175 for her distress.' }],
    );
    expect(p).toEqual([{ amount: 175, status: 'agreed', purpose: 'distress', recipient: 'Mrs U' }]);
  });
  it('a housing register band is not a guidance band', () => {
    expect(
      pay('The Council moved Mrs V to Band B and has agreed to pay her £210 for her distress.')[0]?.amount,
    ).toBe(210);
    expect(pay('Our guidance bands suggest £210 for distress.')).toEqual([]);
  });
  it('reads the words after the sum', () => {
    expect(
      pay(
        'The Council has agreed to pay £7500 for lost education, £500 for distress and £100 for time and trouble.',
      ).map((p) => p.purpose),
    ).toEqual(['loss_of_education', 'distress', 'time_and_trouble']);
  });
  it('symbolic only when nothing more specific is said', () => {
    expect(pay('The Council will make a symbolic payment of £500.')[0]?.purpose).toBe('symbolic');
    expect(pay('The Council will make a symbolic payment of £500 for her frustration.')[0]?.purpose).toBe(
      'distress',
    );
  });
  it('backdated and reimbursement', () => {
    expect(pay('The Council will pay the £509.81 underpaid allowance.')[0]?.purpose).toBe('backdated');
    expect(pay('The Council will reimburse £240 Mr R paid a private company.')[0]?.purpose).toBe(
      'reimbursement',
    );
  });
});

describe('what is not a payment', () => {
  it('sums the complainant wants or claims', () => {
    expect(
      pay('Mr F wants £5,000 in compensation. The Council will pay him £300.').map((p) => p.amount),
    ).toEqual([300]);
  });
  it('guidance ranges', () => {
    expect(pay('Our guidance suggests between £100 and £300 for distress.')).toEqual([]);
  });
  it('charges, rents, fees, invoices and weekly rates', () => {
    expect(
      pay(
        'This led to backdated charges of over £4,000. Her contribution was £96.40 a week. She pays a rent of £1,050 a month. The Council will pay her £200.',
      ).map((p) => p.amount),
    ).toEqual([200]);
  });
  it('sums taken off an invoice', () => {
    expect(pay('The Council has agreed to reduce the outstanding invoice by £1,120.')).toEqual([]);
  });
});

describe('money the complainant paid out (blind cases 70 and 72, parser 1.10.0)', () => {
  it('"Mr B paid the agents £…" is not a payment; its refund is', () => {
    const facts = [
      {
        heading: 'What I found',
        text: '3. Mr B paid the agents £1,146.80 in January 2025, which cleared the debt and their fees. 4. The Council later refunded £1,146.80 to Mr B.',
      },
    ];
    expect(pay('', facts)).toEqual([
      { amount: 1146.8, status: 'already_paid', purpose: 'reimbursement', recipient: 'Mr B' },
    ]);
  });
  it('"the £… Mrs R paid" does not make the next sum already paid', () => {
    expect(
      pay(
        'The Council has agreed to refund the £1,486.20 Mrs R paid, write off the £312 still owing and pay Mr R £200 for his time and trouble.',
      ),
    ).toEqual([
      { amount: 1486.2, status: 'agreed', purpose: 'reimbursement', recipient: null },
      { amount: 200, status: 'agreed', purpose: 'time_and_trouble', recipient: 'Mr R' },
    ]);
  });
  it('a sum a person paid that the body will refund is kept', () => {
    expect(
      pay('Mrs X paid £300 for a private assessment, which the Council has agreed to refund.').map((p) => [
        p.amount,
        p.purpose,
      ]),
    ).toEqual([[300, 'reimbursement']]);
  });
});

describe('status and purpose read from the words around a sum (blind cases 68 and 73, parser 1.10.0)', () => {
  it('"on top of the £600 it has already paid" is already paid, beside the further sum agreed', () => {
    expect(
      pay('', [
        {
          heading: 'Agreed action',
          text: '1. Within one month the Council will pay Mr and Mrs D a further £1,800 for the education L lost, on top of the £600 it has already paid.',
        },
      ]).map((p) => [p.amount, p.status]),
    ).toEqual([
      [1800, 'agreed'],
      [600, 'already_paid'],
    ]);
  });
  it('money reimbursed is a reimbursement whatever it was spent on; "the college he missed" is education', () => {
    expect(
      pay(
        'The Council has agreed to reimburse Mrs J £612.45 for the miles she drove taking Mr Y to college and pay Mr Y £300 for the college he missed.',
      ).map((p) => [p.amount, p.purpose]),
    ).toEqual([
      [612.45, 'reimbursement'],
      [300, 'loss_of_education'],
    ]);
  });
});

describe('blind cases 77–80 and 86 (parser 1.10.0)', () => {
  it('a refund after a reduction is still a refund: "backdate her council tax reduction and refund £386.15 to her"', () => {
    expect(
      pay('The Council has agreed to backdate her council tax reduction and refund £386.15 to Ms N.'),
    ).toEqual([{ amount: 386.15, status: 'agreed', purpose: 'reimbursement', recipient: 'Ms N' }]);
  });
  it('"pay her the arrears of £…" names the person the pronoun stands for', () => {
    expect(
      pay("The Council should backdate Mrs K's allowance and pay her the arrears of £3,412.60.")[0],
    ).toMatchObject({ amount: 3412.6, purpose: 'backdated', recipient: 'Mrs K' });
  });
  it('"offered to take £500 off the invoice" is money not charged, not a payment', () => {
    expect(
      facts(
        '5. When Mrs Y complained, the care provider offered to take £500 off the invoice as a goodwill gesture.',
      ),
    ).toEqual([]);
  });
  it("a sum a housing association paid is not the body's payment", () => {
    expect(
      facts(
        "4. Mr W's housing association paid £450 for a shower stool and extra grab rails while he waited.",
      ),
    ).toEqual([]);
  });
  it('an offer "which it paid on 16 May 2025" was paid', () => {
    expect(
      pay('', [
        {
          heading: 'What I found',
          text: '4. In its reply the Council apologised and offered Mrs B £300 for her distress, which it paid on 16 May 2025.',
        },
        {
          heading: 'Analysis',
          text: '1. The £300 the Council paid her is in line with what we would recommend, so I do not recommend a further payment.',
        },
      ]),
    ).toEqual([{ amount: 300, status: 'already_paid', purpose: 'distress', recipient: 'Mrs B' }]);
  });
});

describe('blind cases 87–96 (parser 1.10.0)', () => {
  it('"the £2,000 Ms L asked for" after the sum is a sum wanted, even when a recommendation is accepted', () => {
    expect(
      pay(
        'I do not recommend the Council pays the £2,000 Ms L asked for. The Council has accepted our recommendations.',
      ),
    ).toEqual([]);
    expect(pay('I cannot recommend the Council repays the £600 she asks for.')).toEqual([]);
  });
  it('"pay Mrs P £900 and Mr P £300": the second sum is Mr P\'s', () => {
    expect(
      pay('The Council has agreed to pay Mrs P £900 and Mr P £300 for their distress.').map(
        (p) => p.recipient,
      ),
    ).toEqual(['Mrs P', 'Mr P']);
  });
  it('arrears the body has already paid are a payment, not a debt', () => {
    expect(pay('The Council has already paid them the arrears of £1,330.00.')[0]).toMatchObject({
      amount: 1330,
      status: 'already_paid',
      purpose: 'backdated',
    });
  });
  it('money the body paid its contractor is not a remedy', () => {
    expect(
      facts(
        '4. An engineer cleared the drain in March, and the Council paid the contractor £1,120 for that visit.',
      ),
    ).toEqual([]);
    expect(facts('4. The Council paid £1,120 to its drainage contractor.')).toEqual([]);
  });
  it('"the care visits she did not receive" is a loss of service', () => {
    expect(
      pay('The Council will pay Mrs E £550 to recognise the care visits she did not receive.')[0]?.purpose,
    ).toBe('loss_of_service');
  });
});

describe('blind cases 97–106 (parser 1.10.0)', () => {
  it('money a named relative, a son or a private firm was paid is not a remedy', () => {
    expect(facts('3. Her brother, Mr A, paid £600 of that from his own savings.')).toEqual([]);
    expect(facts("4. In June Mrs J's son paid a private waste carrier £60 to take the bags away.")).toEqual(
      [],
    );
  });
  it('a sum credited to an account, wages and a repayment not recommended are not payments', () => {
    expect(pay("The Council has agreed to credit £1,284.60 to Mr F's deferred payment account.")).toEqual([]);
    expect(facts('2. When his employment ended, the Council paid Mr Y £1,450 in notice pay.')).toEqual([]);
    expect(
      pay('', [
        {
          heading: 'Recommended action',
          text: '4. I have not recommended the Council repay the £60 her son spent, because it offered an extra collection.',
        },
      ]),
    ).toEqual([]);
  });
  it('"the loss of the short breaks service" is a loss of service', () => {
    expect(
      pay('The Council will pay Mr and Mrs E £1,050 to recognise the loss of the short breaks service.')[0]
        ?.purpose,
    ).toBe('loss_of_service');
  });
});

describe('merging mentions', () => {
  it('the summary and the remedy section repeating a payment give one payment, with the remedy evidence', () => {
    const f = extractFacts({
      summary: 'The Council has agreed to pay Mrs J £1,350.',
      sections: [
        {
          heading: 'Agreed action',
          text: '1. The Council will:\n- pay Mrs J £1,350 for the provision Z lost.',
        },
      ],
    });
    expect(f.payments).toHaveLength(1);
    expect(f.payments[0]).toMatchObject({ amount: 1350, purpose: 'loss_of_education', recipient: 'Mrs J' });
    expect(f.payments[0]?.evidence.section).toBe('Agreed action');
  });
  it('the same sum to two different people is two payments', () => {
    expect(pay('The Council will pay £500 to Mr A and £500 to Miss B.')).toHaveLength(2);
  });
  it('the same sum for two different purposes is two payments', () => {
    const f = extractFacts({
      summary: 'The Council will pay Mr I £100 for his distress and £100 for his time and trouble.',
      sections: [
        {
          heading: 'Agreed action',
          text: '- pay Mr I £100 for his distress;\n- pay Mr I £100 for his time and trouble.',
        },
      ],
    });
    expect(f.payments.map((p) => p.purpose)).toEqual(['distress', 'time_and_trouble']);
  });
  it('a stated total is not counted beside its items', () => {
    const f = extractFacts({
      summary: 'The Council has agreed to pay Ms D a total of £1,950.',
      sections: [
        {
          heading: 'Agreed action',
          text: '1. The Council will pay Ms D:\n- £1,500 for the education K missed; and\n- £450 for her distress.',
        },
      ],
    });
    expect(f.payments.map((p) => p.amount)).toEqual([1500, 450]);
    expect(f.remedyTotal).toBe(1950);
  });
  it('one sum in two sections is one payment, unless a stated total needs it twice', () => {
    const sections = [
      {
        heading: 'My assessment',
        text: '1. The Council offered Mrs Y £400 for her distress. I consider that offer is a suitable remedy for that part of the injustice.',
      },
      { heading: 'Agreed action', text: '1. The Council will make a symbolic payment of £400 to Mrs Y.' },
    ];
    const once = extractFacts({ summary: 'The Council has agreed to pay Mrs Y.', sections });
    expect(once.payments.map((p) => p.amount)).toEqual([400]);
    const twice = extractFacts({ summary: 'The Council has agreed to pay Mrs Y a total of £800.', sections });
    // The remedy's payment, and the offer the assessment found suitable (offered, counted).
    expect(twice.payments.map((p) => [p.amount, p.status, p.countedInTotal])).toEqual([
      [400, 'offered', true],
      [400, 'agreed', true],
    ]);
    expect(twice.remedyTotal).toBe(800);
  });
  it('remedyTotal leaves out offers', () => {
    const f = extractFacts({
      summary: 'The Council offered £150, which Mr W declined. It has now agreed to pay him £400.',
      sections: [],
    });
    expect(f.remedyTotal).toBe(400);
  });
  it('warns when a payment is mentioned without an amount', () => {
    expect(
      extractFacts({ summary: 'The Council will apologise and make a symbolic payment.', sections: [] })
        .parseWarnings,
    ).toContain('payment mentioned without an amount');
  });
});

describe('payments: 1.11.0 wordings from published decisions', () => {
  it('a sum paid to several people "each" is one payment per person', () => {
    expect(
      pay('We recommend the Council offer to pay Mr and Mrs H £150 each for their frustration.'),
    ).toEqual([
      { amount: 150, status: 'recommended', purpose: 'distress', recipient: 'Mr H' },
      { amount: 150, status: 'recommended', purpose: 'distress', recipient: 'Mrs H' },
    ]);
    const two = pay(
      'The provider has agreed to apologise and pays her and Mrs T £75 each for their time and trouble.',
    );
    expect(two.map((p) => [p.amount, p.status, p.recipient])).toEqual([
      [75, 'agreed', null],
      [75, 'agreed', 'Mrs T'],
    ]);
  });

  it('a price "each" is still not a payment', () => {
    expect(facts('The Council charged Mrs D for two reports at £45 each.')).toEqual([]);
  });

  it('"offer to pay" in a list of recommendations is what the body is asked to do, not an offer', () => {
    expect(pay('We recommend the Council offer to pay Ms K £200.')[0]?.status).toBe('recommended');
    expect(pay('Before we became involved the Council offered to pay Ms K £200.')[0]?.status).toBe('offered');
  });

  it('a sum among what the body has already done is already paid', () => {
    expect(
      pay(
        'The steps already taken by the Council, which included an apology and a payment of £120 to Mr S, put matters right.',
      )[0]?.status,
    ).toBe('already_paid');
    expect(
      pay(
        'The Council has already corrected the account and made goodwill payments totalling £410.50 to Ms B.',
      )[0]?.status,
    ).toBe('already_paid');
    // "has already agreed to pay" is still agreed.
    expect(pay('The Council has already agreed to pay Ms B £90.')[0]?.status).toBe('agreed');
  });
});

describe('payments: the money a complaint is about (1.11.0)', () => {
  it('a sum the complaint is about is not a remedy', () => {
    expect(
      pay(
        'We will not investigate Mr F’s complaint that the Council will not refund the £40 he paid for a permit.',
      ),
    ).toEqual([]);
    expect(
      pay(
        'We will not investigate Mrs P’s complaint that the Council failed to provide a refund of £72 for her bin collection.',
      ),
    ).toEqual([]);
    expect(
      pay('We will not look at Ms T’s complaint about a delay in the Council returning a £3.20 overpayment.'),
    ).toEqual([]);
  });

  it('a remedy of the body later in the same sentence still counts', () => {
    expect(
      pay(
        'We upheld Mr F’s complaint that the Council failed to refund £40 for his permit, and it has now agreed to refund it.',
      )[0]?.status,
    ).toBe('agreed');
  });

  it('"we will not investigate" is not the body agreeing to anything', () => {
    expect(
      pay(
        'We will not investigate because the Council has already paid Mrs L £150 for her time and trouble.',
      )[0]?.status,
    ).toBe('already_paid');
  });

  it('a recommendation the body refused to accept stays recommended', () => {
    expect(
      pay('We recommended the Council pay Ms D £600, but it refused to accept our recommendation.')[0]
        ?.status,
    ).toBe('recommended');
  });
});

describe('payments carry the ids of the rules that decided them (1.11.0)', () => {
  const rulesOf = (summary: string, sections: { heading: string; text: string }[] = []) =>
    extractFacts({ summary, sections }).payments.map((p) => [p.amount, p.status, p.rules]);

  it('names the rules of each stage: remedy or not, status, purpose, recipient', () => {
    expect(rulesOf('The Council has agreed to pay Mrs X £300 for her distress.')).toEqual([
      [
        300,
        'agreed',
        ['P-SUM-REMEDY-CUE', 'P-STATUS-CUE-BEFORE', 'P-PURPOSE-AFTER', 'P-RECIPIENT-PAY-BEFORE'],
      ],
    ]);
    expect(
      rulesOf('The Council offered Mr W £250 for his time and trouble. That is a suitable remedy.'),
    ).toEqual([
      [
        250,
        'offered',
        [
          'P-SUM-REMEDY-CUE',
          'P-STATUS-CUE-BEFORE',
          'P-STATUS-OFFER',
          'P-OFFER-NEXT-SENTENCES',
          'P-OFFER-FOUND-ENOUGH',
          'P-PURPOSE-AFTER',
          'P-RECIPIENT-PAY-BEFORE',
        ],
      ],
    ]);
    expect(rulesOf('', [{ heading: 'Agreed action', text: '1. Pay Mr T £150.' }])).toEqual([
      [150, 'agreed', ['P-SUM-REMEDY-SECTION', 'P-STATUS-HEADING', 'P-PURPOSE-NONE', 'P-RECIPIENT-NONE']],
    ]);
  });

  it('says when mentions in two sections were merged, and when a sum was split per person', () => {
    const merged = extractFacts({
      summary: 'The Council has agreed to pay Mrs Y £400 for her distress.',
      sections: [{ heading: 'Agreed action', text: '1. The Council will pay Mrs Y £400 for her distress.' }],
    }).payments;
    expect(merged).toHaveLength(1);
    expect(merged[0]?.rules).toContain('P-MERGED-MENTIONS');
    expect(rulesOf('We recommend the Council pays Mr and Mrs H £150 each.').map((r) => r[2])).toEqual([
      expect.arrayContaining(['P-EACH-PERSON']),
      expect.arrayContaining(['P-EACH-PERSON']),
    ]);
  });
});
