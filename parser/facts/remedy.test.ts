import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';

const improvements = (summary: string, sections: { heading: string; text: string }[] = []) =>
  extractFacts({ summary, sections }).serviceImprovements.map((s) => s.text);

describe('service improvements', () => {
  it('"make sure" is an improvement like "ensure"', () => {
    expect(
      improvements('', [
        {
          heading: 'Agreed action',
          text: '1. Within two months the Council will make sure its refusal notices explain how to appeal.',
        },
      ]),
    ).toHaveLength(1);
    // …of the body's practice, not of one record of the complainant's.
    expect(
      improvements('', [
        {
          heading: 'Agreed action',
          text: '1. The Council will make sure the tenancy records show her correct address.',
        },
      ]),
    ).toHaveLength(0);
  });

  it('reviewing response or processing times, how long something takes, or a named plan', () => {
    const text = [
      '1. Within three months the Council will review its inspection plan for empty homes.',
      '2. Within three months the Council will review its turnaround times for licence renewals.',
      '3. The Council will also review how long its occupational therapy visits take to arrange.',
    ].join('\n');
    expect(improvements('', [{ heading: 'Agreed action', text }])).toHaveLength(3);
    // A plan for the complainant's child is not the body's plan.
    expect(
      improvements('', [
        { heading: 'Agreed action', text: '1. The Council will review its support plan for K.' },
      ]),
    ).toHaveLength(0);
  });

  it('writing to everyone affected, even when "direct payment" names them', () => {
    const text = [
      '1. Within three months the Council will write to all direct payment holders setting out when it will ask for money back.',
      '2. The Council will also write to every tenant on the estate to explain the new repair line.',
    ].join('\n');
    expect(improvements('', [{ heading: 'Agreed action', text }])).toHaveLength(2);
  });

  it('an improvement listed after an apology and a sum in one sentence ("… offered £X and agreed to …")', () => {
    expect(
      improvements(
        'We will not investigate this complaint because the Council has apologised to Mr J, offered him £175 for his trouble and agreed to train its housing options team on interim duties, which is a suitable remedy.',
      ),
    ).toHaveLength(1);
    expect(
      improvements(
        'We will not investigate this complaint because the Council has apologised to Ms R and agreed to remind its bailiff contractors to check for vulnerable residents, and this is in line with what we would recommend.',
      ),
    ).toHaveLength(1);
  });

  it('the same improvement told in the summary and the final decision counts once', () => {
    const summary =
      'We will not investigate Mrs T’s complaint because the Council has apologised to her and agreed to review its procedures for storing tenants’ belongings, and this is a suitable remedy.';
    expect(
      improvements(summary, [
        {
          heading: 'Final decision',
          text: '1. We will not investigate this complaint. This is because the Council has already agreed to apologise to Mrs T and agreed to review its procedures for storing tenants’ belongings, which is a suitable remedy.',
        },
      ]),
    ).toHaveLength(1);
  });

  it('an apology or a payment to the complainant alone is still not an improvement', () => {
    expect(
      improvements(
        'We will not investigate because the Council has apologised to Mr J and offered him £175 for his trouble, which is a suitable remedy.',
      ),
    ).toHaveLength(0);
    expect(
      improvements('', [
        { heading: 'Agreed action', text: '1. The Council will review Mr J’s housing application.' },
      ]),
    ).toHaveLength(0);
  });

  it('a sentence that repeats one improvement and adds another still counts for the new one', () => {
    expect(
      improvements('The Council has agreed to remind staff to answer emails within ten days.', [
        {
          heading: 'Final decision',
          text: '1. The Council has agreed to remind staff to answer emails within ten days and agreed to review its complaints policy.',
        },
      ]),
    ).toHaveLength(2);
  });

  it('two different improvements in the summary and the decision are both counted', () => {
    expect(
      improvements('The Council has agreed to remind staff to answer emails within ten days.', [
        {
          heading: 'Final decision',
          text: '1. The Council has also agreed to review its complaints policy.',
        },
      ]),
    ).toHaveLength(2);
  });
});

describe('service improvements: blind cases 78, 82 and 83 (parser 1.10.0)', () => {
  it('reminding clerks, reviewing a contract and making sure a form explains are improvements', () => {
    const text = [
      '1. Within three months the Council will:',
      '- review its resident contract so that it sets out clearly what is charged after a resident dies;',
      '- remind its clerks to ask every panel member to declare any link with the school before a hearing starts; and',
      '- make sure its online noise reporting form explains what evidence officers need.',
    ].join('\n');
    expect(improvements('', [{ heading: 'Agreed action', text }])).toHaveLength(3);
  });
});

describe('service improvements: blind cases 98, 103 and 105 (parser 1.10.0)', () => {
  it('crews, a "deferred payment" procedure, writing to the other families and making sure a system flags homes', () => {
    const text = [
      '1. Within three months the Council will:',
      '- review its deferred payment procedure;',
      '- write to the other families whose short breaks stopped and offer them an assessment;',
      '- remind crews on the new rounds to check the assisted collection list; and',
      '- make sure the in-cab system on every round flags each home that has an assisted collection.',
    ].join('\n');
    expect(improvements('', [{ heading: 'Agreed action', text }])).toHaveLength(4);
  });
});
