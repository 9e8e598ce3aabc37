import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';

const delays = (summary: string, sections: { heading: string; text: string }[] = []) =>
  extractFacts({ summary, sections }).delays.map(({ days, about }) => ({ days, about }));
/** Delays read from one sentence of the facts section ("What I found"). */
const factsDelays = (text: string) => delays('', [{ heading: 'What I found', text }]);
const missed = (summary: string) =>
  extractFacts({ summary, sections: [] }).missedEducation.map(({ from, to, days }) => ({ from, to, days }));

describe('delays', () => {
  it('an EHC plan issued beyond the 20-week limit: the excess, in words or digits', () => {
    expect(delays('The final Plan was issued eleven weeks beyond the 20-week limit.')).toEqual([
      { days: 77, about: 'ehc_plan' },
    ]);
    expect(
      delays(
        'The Council was at fault for delaying for eight weeks outside the statutory timescales for the EHC Plan.',
      ),
    ).toEqual([{ days: 56, about: 'ehc_plan' }]);
  });
  it('a total time for an EHC plan counts what is beyond 20 weeks', () => {
    expect(delays('The Council issued the final Plan 34 weeks after Mrs K asked for an assessment.')).toEqual(
      [{ days: 98, about: 'ehc_plan' }],
    );
  });
  it('a total time for an EHC plan after two parents "requested" an assessment', () => {
    expect(
      delays('The Council issued the final EHC Plan 29 weeks after Mr and Mrs W requested an assessment.'),
    ).toEqual([{ days: 63, about: 'ehc_plan' }]);
  });
  it('months, terms and overdue', () => {
    expect(delays('There was a delay of over nine months in completing an annual review.')).toEqual([
      { days: 270, about: 'annual_review' },
    ]);
    expect(delays('There was a delay of two terms in arranging alternative provision.')).toEqual([
      { days: 182, about: 'education_provision' },
    ]);
    expect(delays('The EHC Plan was 10 months overdue.')).toEqual([{ days: 300, about: 'ehc_plan' }]);
  });
  it('over seven months to reply to a complaint', () => {
    expect(delays('The Council took over seven months to reply to her complaint.')).toEqual([
      { days: 210, about: 'complaint_response' },
    ]);
  });
  it('statutory limits and the complainant coming to us late are not delays', () => {
    expect(
      delays('', [
        { heading: 'What happened', text: '1. A council must issue the final Plan within 20 weeks.' },
      ]),
    ).toEqual([]);
    expect(delays('That is not a good reason for a delay of nearly three years in coming to us.')).toEqual(
      [],
    );
  });
  it('the same delay in the summary and the body is reported once', () => {
    expect(
      delays('The Plan was issued 17 weeks later than the law allows.', [
        { heading: 'My assessment', text: '1. The EHC Plan was issued 17 weeks later than the law allows.' },
      ]),
    ).toHaveLength(1);
  });
});

describe('missed education', () => {
  it('as dates and as a length', () => {
    expect(missed('R missed four terms of school, from April 2022 to October 2023.')).toEqual([
      { from: '2022-04', to: '2023-10', days: 364 },
    ]);
  });
  it('as a length only', () => {
    expect(missed('Her son received no education for two years.')).toEqual([
      { from: null, to: null, days: 730 },
    ]);
  });
  it('as dates only', () => {
    expect(missed('L was out of education from March 2024 to September 2024.')).toEqual([
      { from: '2024-03', to: '2024-09', days: null },
    ]);
  });
  it('an hourly rate is not a length', () => {
    expect(missed('The Plan requires 15 hours a week of tuition while she is out of school.')).toEqual([]);
  });
});

describe('deadline, apology and improvements', () => {
  it('the shortest deadline of the remedy section', () => {
    const f = extractFacts({
      summary: '',
      sections: [
        {
          heading: 'Agreed action',
          text: '1. Within three months the Council will review its policy.\n2. Within four weeks it will apologise.',
        },
      ],
    });
    expect(f.deadlineDays).toBe(28);
    expect(f.apology).toBe(true);
    expect(f.serviceImprovements).toHaveLength(1);
  });
  it('an apology the complainant wants is not an apology', () => {
    expect(
      extractFacts({ summary: 'Mrs X wants an apology. We did not find fault.', sections: [] }).apology,
    ).toBe(false);
  });
});

describe('delays: blind cases 78 and 82 (parser 1.10.0)', () => {
  it('"fees are payable for three days after the date of death" is a term of a contract, not a delay', () => {
    expect(
      factsDelays(
        '2. The contract says that when a resident dies, fees are payable for three days after the date of death.',
      ),
    ).toEqual([]);
    // A deadline's date is still a limit.
    expect(delays('The Council issued the final plan six weeks after the date it was due.')).toEqual([
      { days: 42, about: 'ehc_plan' },
    ]);
  });
  it('"took nine weeks to send its final reply" answers a complaint', () => {
    expect(
      factsDelays(
        '6. Mr and Mrs R complained on 4 November 2024. The Council took nine weeks to send its final reply, although its policy promises a reply within 20 working days.',
      ),
    ).toEqual([{ days: 63, about: 'complaint_response' }]);
  });
});

describe('delays: blind cases 91 and 93 (parser 1.10.0)', () => {
  it('"It took the Council over eight months to …" is a stressed total', () => {
    expect(
      factsDelays('5. It took the Council over eight months to move Mr and Mrs H to the Level 3 fee.'),
    ).toEqual([{ days: 240, about: 'other' }]);
  });
  it('"took no proper action for almost eighteen months" is not read as "took <someone> <length>"', () => {
    expect(
      factsDelays('3. The Council took no proper action for almost eighteen months on the reports.'),
    ).toEqual([]);
  });
});

describe('delays: blind cases 103 and 104 (parser 1.10.0)', () => {
  it('"The Trust\'s reply was sent four weeks late" is a complaint reply', () => {
    expect(delays("The Trust's reply was sent four weeks late.")).toEqual([
      { days: 28, about: 'complaint_response' },
    ]);
  });
  it('"another placement" in a social care case is not education provision; a school placement is', () => {
    expect(delays('The Council took seven months to arrange another placement.')).toEqual([
      { days: 210, about: 'other' },
    ]);
    expect(delays('The Council took seven months to find a school placement.')).toEqual([
      { days: 210, about: 'education_provision' },
    ]);
  });
});
