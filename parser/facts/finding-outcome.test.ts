import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';
import { readOutcome } from './finding.js';

/** The finding of a summary read with (or without) the page's Decision line. */
const read = (summary: string, outcome?: string | null) => {
  const f = extractFacts({ summary, sections: [], outcome });
  return {
    finding: f.finding,
    reason: f.notInvestigatedReason,
    conflict: f.findingConflict,
    rules: f.findingRules,
  };
};

describe('the Decision line read by the Ombudsman’s definitions', () => {
  it('maps each outcome to what it says about fault', () => {
    expect(readOutcome('Upheld')).toBe('fault');
    expect(readOutcome('Upheld: fault and injustice')).toBe('fault');
    expect(readOutcome('Not upheld')).toBe('no_fault_or_discontinued');
    expect(readOutcome('Closed after initial enquiries')).toBe('not_investigated');
    expect(readOutcome('Withdrawn')).toBe('unknown');
    expect(readOutcome(null)).toBe('unknown');
  });
});

describe('finding: text and Decision line together', () => {
  it('agreeing sources give the text’s reading, no conflict', () => {
    const r = read('We found the Trust at fault for the late review, which left Mr P anxious.', 'Upheld');
    expect(r.finding).toBe('fault_injustice');
    expect(r.conflict).toBeNull();
    expect(r.rules).toContain('F-OUTCOME-AGREES');
  });

  it('Upheld with a summary that states nothing about fault is fault', () => {
    const r = read('Mr D complained about how his garden waste collections were handled.', 'Upheld');
    expect(r.finding).toBe('fault_injustice');
    expect(r.rules.at(-1)).toBe('F-UPHELD-FAULT');
    expect(r.conflict).toBeNull();
  });

  it('Closed after initial enquiries outweighs fault words, and the conflict is recorded', () => {
    const r = read(
      'Ms J says the Council was at fault in handling her parking appeal. The adjudicator is the right place for that.',
      'Closed after initial enquiries',
    );
    expect(r.finding).toBe('not_investigated');
    expect(r.conflict).toMatchObject({
      outcome: 'Closed after initial enquiries',
      outcomeReading: 'not_investigated',
      textFinding: 'fault_injustice',
      kept: 'not_investigated',
      rule: 'F-CLOSED-NOT-INVESTIGATED',
    });
    expect(r.conflict?.textEvidence?.text).toContain('at fault');
  });

  it('Not upheld with a discontinued investigation stays not investigated (no conflict)', () => {
    const r = read(
      'I have discontinued investigation of Mr K’s complaint so the hospital trust can first respond.',
      'Not upheld',
    );
    expect(r.finding).toBe('not_investigated');
    expect(r.conflict).toBeNull();
  });

  it('Upheld but not investigated because the body already put it right: not investigated, consistent', () => {
    const r = read(
      'We will not investigate Mrs F’s complaint because the Council has already apologised and refunded her fee, which is a suitable remedy.',
      'Upheld',
    );
    expect(r.finding).toBe('not_investigated');
    expect(r.reason).toBe('already_remedied');
    expect(r.conflict).toBeNull();
  });

  it('Upheld but not investigated for another reason: not investigated, with the conflict shown', () => {
    const r = read(
      'We will not investigate this complaint because Miss R can appeal to the tribunal.',
      'Upheld',
    );
    expect(r.finding).toBe('not_investigated');
    expect(r.conflict?.rule).toBe('F-UPHELD-NOT-INVESTIGATED');
  });

  it('Not upheld against a text that reads fault: no fault kept, conflict recorded', () => {
    const r = read('The officer was at fault, Mrs G says, and she wants the fine cancelled.', 'Not upheld');
    expect(r.finding).toBe('no_fault');
    expect(r.conflict?.textFinding).toBe('fault_injustice');
  });

  it('Not upheld with fault that caused no injustice stays fault without injustice (no conflict)', () => {
    const r = read(
      'The Council was at fault in sending the wrong form, but this did not cause Mr B a significant injustice.',
      'Not upheld',
    );
    expect(r.finding).toBe('fault_no_injustice');
    expect(r.conflict).toBeNull();
    expect(r.rules.at(-1)).toBe('F-NOT-UPHELD-NO-INJUSTICE');
  });

  it('no Decision line: the text alone decides', () => {
    expect(read('We found no fault in how the Council assessed Mr L.', null).finding).toBe('no_fault');
    expect(read('We found no fault in how the Council assessed Mr L.', null).conflict).toBeNull();
  });
});

describe('finding: the text itself', () => {
  it('"ended the investigation" and "discontinued investigation" (no determiner) are not investigated', () => {
    expect(read('We ended the investigation because the complaint reached us too late.').finding).toBe(
      'not_investigated',
    );
    expect(read('So I have discontinued investigation for now.').finding).toBe('not_investigated');
  });

  it('fault words under a refusal to investigate are not a finding of fault', () => {
    const r = read(
      'We will not investigate Mr N’s complaint about the hedge notice because there is not enough evidence of fault by the Council.',
    );
    expect(r.finding).toBe('not_investigated');
    expect(
      read('There is insufficient evidence of fault to justify our involvement, so we will not investigate.')
        .finding,
    ).toBe('not_investigated');
  });

  it('a fault found without the word: "we find it failed to …"', () => {
    expect(
      read('We find the Council failed to send Mrs V its decision letter, which left her uncertain.').finding,
    ).toBe('fault_injustice');
  });

  it('mixed: cleared on one point, faulted on another without the word, is fault', () => {
    expect(
      read(
        'We do not find fault with how the Council assessed the bus pass. But we found it did not explain its reasons, which caused Mr W frustration.',
      ).finding,
    ).toBe('fault_injustice');
  });

  it('mixed: a remedy for the complainant outweighs a no-fault point', () => {
    expect(
      read(
        'We do not find fault in the way the Council decided the appeal. The Council should apologise and make a payment to Ms Q for the avoidable distress.',
      ).finding,
    ).toBe('fault_injustice');
  });

  it('a remedy turned down does not imply fault', () => {
    expect(
      read(
        'We found no fault in the Council’s decision, so we do not recommend the Council pay Mr E anything.',
      ).finding,
    ).toBe('no_fault');
  });
});

describe('finding: wordings where no Decision line helps (1.11.0)', () => {
  it('a failing stated as fact, with a remedy, is fault', () => {
    expect(
      read(
        'There was unreasonable delay and poor communication by the Council over the drainage works. It has agreed to apologise.',
        null,
      ).finding,
    ).toBe('fault_injustice');
    expect(
      read(
        'The Council did not follow its own procedure when it closed the case. Mrs U was caused uncertainty.',
        null,
      ).finding,
    ).toBe('fault_injustice');
  });

  it('the same words reported from the complainant are not a finding', () => {
    expect(
      read('Mr Y says the Council failed to follow its procedure when it closed the case.', null).finding,
    ).toBe('unknown');
  });

  it('a remedy told as a noun phrase, or a charge taken away, implies fault', () => {
    expect(
      read('An apology and a payment to Ms H is a suitable remedy for the frustration caused.', null).finding,
    ).toBe('fault_injustice');
    expect(
      read('The Council has agreed to cancel the late payment charges it added to Mr J’s account.', null)
        .finding,
    ).toBe('fault_injustice');
  });

  it('"acted appropriately" and "made its decision properly" are no fault', () => {
    expect(
      read('The Ombudsman finds the Council acted appropriately in handling the licence application.', null)
        .finding,
    ).toBe('no_fault');
    expect(read('We consider the panel made its decision properly.', null).finding).toBe('no_fault');
  });

  it('"we found fault" with another body outweighs the named body’s "Not upheld", with the conflict kept', () => {
    const r = read(
      'The Ombudsmen found fault with the Council and the ICB for the delay in arranging care. We found no fault by the hospital trust.',
      'Not upheld',
    );
    expect(r.finding).toBe('fault_injustice');
    expect(r.conflict?.rule).toBe('F-FOUND-FAULT-OVER-NOT-UPHELD');
  });
});
