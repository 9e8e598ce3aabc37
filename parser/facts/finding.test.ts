import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';

const finding = (summary: string, sections: { heading: string; text: string }[] = []) => {
  const f = extractFacts({ summary, sections });
  return [f.finding, f.notInvestigatedReason];
};

describe('finding', () => {
  it('fault causing injustice', () => {
    expect(finding('We found fault which caused Mrs X distress.')).toEqual(['fault_injustice', null]);
    expect(finding('The Council was at fault. It has agreed to apologise.')).toEqual([
      'fault_injustice',
      null,
    ]);
  });
  it('fault but no injustice', () => {
    expect(
      finding('Not sending the letter was fault, but it did not cause Mr Z a significant injustice.'),
    ).toEqual(['fault_no_injustice', null]);
  });
  it('no fault', () => {
    expect(finding('We did not find fault in how the Council reached its decision.')).toEqual([
      'no_fault',
      null,
    ]);
    expect(finding('The Council was not at fault.')).toEqual(['no_fault', null]);
  });
  it('no fault on one point but fault on another is fault', () => {
    expect(
      finding(
        'We found no fault in the assessment, but we found fault in its complaint handling, which caused frustration.',
      ),
    ).toEqual(['fault_injustice', null]);
  });
  it('each reason for not investigating', () => {
    expect(finding('We will not investigate. Mr Y can appeal to the SEND Tribunal.')).toEqual([
      'not_investigated',
      'tribunal',
    ]);
    expect(finding('We will not investigate this complaint because it is late.')).toEqual([
      'not_investigated',
      'late',
    ]);
    expect(
      finding(
        'We cannot investigate this complaint. It is about the Council as landlord, a matter for the Housing Ombudsman.',
      ),
    ).toEqual(['not_investigated', 'out_of_jurisdiction']);
    expect(
      finding('We will not investigate. The injustice is not significant enough to justify our involvement.'),
    ).toEqual(['not_investigated', 'insufficient_injustice']);
    expect(
      finding('We will not investigate. The Council has already apologised and offered a suitable remedy.'),
    ).toEqual(['not_investigated', 'already_remedied']);
    expect(finding('We will not investigate this complaint because it is premature.')).toEqual([
      'not_investigated',
      'premature',
    ]);
    expect(finding('We will not investigate because it is unlikely we would find fault.')).toEqual([
      'not_investigated',
      'other',
    ]);
  });
  it('a discontinued investigation is not investigated', () => {
    expect(
      finding('We have discontinued our investigation because Mrs P has appealed to the Valuation Tribunal.'),
    ).toEqual(['not_investigated', 'tribunal']);
  });
  it('the Ombudsman finding fault outranks a partial refusal', () => {
    expect(
      finding(
        'We cannot investigate the matters before 2024 because they are late, but we find the Council at fault for missing deadlines in 2024.',
      ),
    ).toEqual(['fault_injustice', null]);
  });
  it('a body failing to consider something is not the Ombudsman declining to investigate', () => {
    expect(
      finding('The council did not consider enforcement action. Fault found causing injustice.'),
    ).toEqual(['fault_injustice', null]);
  });
  it('joint and draft wording', () => {
    expect(
      finding('The Ombudsmen found fault by the Trust and the Council, which caused Mrs C distress.'),
    ).toEqual(['fault_injustice', null]);
    expect(
      finding(
        'Based on the evidence so far, I intend to find the Council at fault and recommend it apologises.',
      ),
    ).toEqual(['fault_injustice', null]);
  });
  it('falls back to the Final decision section, and to unknown', () => {
    expect(
      finding('', [{ heading: 'Final decision', text: '1. There was no fault by the Council.' }]),
    ).toEqual(['no_fault', null]);
    expect(finding('Mrs X complained about her bins.')).toEqual(['unknown', null]);
  });
  it('"late" describing what the complaint is about is not the reason ("missed and late bin collections")', () => {
    expect(
      finding(
        'We will not investigate this complaint about missed and late bin collections because it is premature: the Council has not had the chance to respond.',
      ),
    ).toEqual(['not_investigated', 'premature']);
    expect(
      finding(
        'We will not investigate Ms T’s complaint about late payment of her foster allowance, as the Council has already apologised and paid the arrears, which is a suitable remedy.',
      ),
    ).toEqual(['not_investigated', 'already_remedied']);
    // …but a late complaint still is.
    expect(finding('We will not investigate this late complaint about bin collections.')).toEqual([
      'not_investigated',
      'late',
    ]);
    expect(
      finding(
        'We will not investigate this complaint because it is late and there is no good reason to accept it now.',
      ),
    ).toEqual(['not_investigated', 'late']);
  });

  it('a matter that can be put to the Planning Inspectorate is an appeal right', () => {
    expect(
      finding(
        'We will not investigate Mr D’s complaint about the refusal of his extension because he can take it to the Planning Inspectorate, and it is reasonable for him to do so.',
      ),
    ).toEqual(['not_investigated', 'tribunal']);
  });

  describe('a failing told without the word fault (no Decision line to lean on)', () => {
    it('"there was delay by / in …" is a failing, with or without an adjective', () => {
      expect(
        finding(
          'There was delay in arranging the respite placement for Mr B. A payment for the frustration this caused is a fair remedy.',
        ),
      ).toEqual(['fault_injustice', null]);
      expect(
        finding(
          'There were delays by the Council in reviewing the care plan, which left Mrs F without support.',
        ),
      ).toEqual(['fault_injustice', null]);
    });
    it('"there was no delay" and a delay someone says happened are not', () => {
      expect(finding('There was no delay in processing the claim and the Council acted properly.')).toEqual([
        'no_fault',
        null,
      ]);
      expect(finding('Mr K says there was delay in repairing the boiler.')[0]).not.toBe('fault_injustice');
    });
    it('"the Council should have …" in the Ombudsman\'s own voice is a failing', () => {
      expect(
        finding(
          'The Council was right to ask for the contribution. However, it should have told Ms D about the charge before the care started. The Council has offered to write off the unpaid invoices.',
        ),
      ).toEqual(['fault_injustice', null]);
      expect(finding('Mrs P considers the Council should have given her more hours of care.')[0]).not.toBe(
        'fault_injustice',
      );
    });
  });
});
