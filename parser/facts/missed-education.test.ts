import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';

const missed = (text: string, heading = 'What I found') =>
  extractFacts({ summary: '', sections: [{ heading, text }] }).missedEducation.map(({ from, to, days }) => ({
    from,
    to,
    days,
  }));

describe('missed education: wordings the replica corpus (parser 1.5.0) and published decisions (1.6.0) showed missing', () => {
  it('"without suitable full-time education" (more than one word before "education")', () => {
    expect(missed('1. Y was without suitable full-time education for two terms.')).toEqual([
      { from: null, to: null, days: 182 },
    ]);
    expect(missed('1. Y was left without any suitable education for 14 weeks.')).toEqual([
      { from: null, to: null, days: 98 },
    ]);
  });

  it('"did not provide / secure / arrange … education" and provision "was not delivered", with dates', () => {
    expect(
      missed(
        '1. The Council did not provide Y with suitable full-time education from 14 August 2017 to 14 June 2018.',
      ),
    ).toEqual([{ from: '2017-08', to: '2018-06', days: null }]);
    expect(
      missed(
        "1. The provision in section F of Z's Plan was not delivered between September 2015 and July 2016.",
      ),
    ).toEqual([{ from: '2015-09', to: '2016-07', days: null }]);
    expect(
      missed(
        "1. The Council did not secure the special educational provision in C's Plan from June 2024 until October 2024.",
      ),
    ).toEqual([{ from: '2024-06', to: '2024-10', days: null }]);
  });

  it('"could not / was unable to attend school" between two dates', () => {
    expect(
      missed(
        '1. With no transport in place, E was unable to attend school from December 2019 to February 2021.',
      ),
    ).toEqual([{ from: '2019-12', to: '2021-02', days: null }]);
    expect(
      missed(
        '1. The Council did not arrange transport, so he could not attend school between May and July 2022.',
      ),
    ).toEqual([{ from: '2022-05', to: '2022-07', days: null }]);
  });

  it('a month without its year takes the year of the month after it, and the year before across a new year', () => {
    expect(missed('1. D had no school place between February and December 2024.')).toEqual([
      { from: '2024-02', to: '2024-12', days: null },
    ]);
    expect(missed('1. D had no school place from November to March 2024.')).toEqual([
      { from: '2023-11', to: '2024-03', days: null },
    ]);
  });

  it('"a period of N", "for a whole term", "lost a school year of her education"', () => {
    expect(missed('1. Z received no education for a period of 5 months.')).toEqual([
      { from: null, to: null, days: 150 },
    ]);
    expect(
      missed(
        '1. Between October 2017 and April 2018, a period of 6 months, D did not receive any education.',
      ),
    ).toEqual([{ from: '2017-10', to: '2018-04', days: 180 }]);
    expect(missed('1. D went without the provision in section F of her Plan for a whole term.')).toEqual([
      { from: null, to: null, days: 91 },
    ]);
    expect(missed('1. In total, Y lost a school year of her education.')).toEqual([
      { from: null, to: null, days: 365 },
    ]);
  });

  it('out of school but taught full time is not missed education; part-time or no tuition still is', () => {
    expect(
      missed(
        '1. While E was out of school between June 2017 and October 2017, the Council provided full-time tuition at home.',
      ),
    ).toEqual([]);
    expect(
      missed(
        '1. C was out of school from October 2014 to May 2015, and in that time he received full-time education from the local tuition service.',
      ),
    ).toEqual([]);
    expect(
      missed(
        '1. Y was out of school from March 2023 to June 2023, and the Council arranged no full-time education for her in that time.',
      ),
    ).toEqual([{ from: '2023-03', to: '2023-06', days: null }]);
    expect(
      missed('1. Y was out of school between March 2023 and June 2023 and received only part-time tuition.'),
    ).toEqual([{ from: '2023-03', to: '2023-06', days: null }]);
  });

  it("the complaint as a summary opens with it is a claim, not a period ('Mrs X complained …', 'Mr Y says …')", () => {
    const summary = (text: string) =>
      extractFacts({ summary: text, sections: [] }).missedEducation.map(({ from, to, days }) => ({
        from,
        to,
        days,
      }));
    expect(
      summary(
        "Dr S complained the Council did not secure the occupational therapy in her son's EHC Plan for over a year. We found fault.",
      ),
    ).toEqual([]);
    expect(summary('Mr Y says his son missed two terms of school. We found fault.')).toEqual([]);
    expect(
      summary('Mrs X complained about the Council. We found her son missed two terms of school.'),
    ).toEqual([{ from: null, to: null, days: 182 }]);
  });

  it('a delay in arranging provision between two dates is a period without it; a delay of a length alone is not', () => {
    expect(
      missed(
        '1. The Council delayed arranging alternative provision for Z from 6 March 2024 until 22 April 2024.',
      ),
    ).toEqual([{ from: '2024-03', to: '2024-04', days: null }]);
    expect(
      missed(
        '1. There was fault in the Council delaying putting in place tuition between May and July 2023.',
      ),
    ).toEqual([{ from: '2023-05', to: '2023-07', days: null }]);
    expect(missed('1. The Council delayed arranging alternative provision by five weeks.')).toEqual([]);
    expect(missed('1. There was a six month delay in arranging the provision.')).toEqual([]);
  });

  it('the same period stated as dates in the facts and as a length in the assessment is one period', () => {
    const facts = extractFacts({
      summary: '',
      sections: [
        {
          heading: 'What happened',
          text: '1. Y did not receive any education between April 2022 and October 2023.',
        },
        { heading: 'My assessment', text: '1. Y was without suitable full-time education for four terms.' },
      ],
    });
    expect(facts.missedEducation.map(({ from, to, days }) => ({ from, to, days }))).toEqual([
      { from: '2022-04', to: '2023-10', days: 364 },
    ]);
  });
});

describe('missed education: two periods, and academic years (parser 1.9.0)', () => {
  it('a length stated apart from its dates joins the period it fits, not the first one', () => {
    const facts = extractFacts({
      summary: '',
      sections: [
        {
          heading: 'What happened',
          text:
            '1. Z was out of school from September 2021 to July 2022 while the Council looked for a placement. ' +
            '2. The new placement broke down and Z had no school place from January 2023 to March 2023.',
        },
        {
          heading: 'My assessment',
          text:
            '1. In the second period Z missed two months of education. ' +
            '2. Earlier, Z missed one school year of education because of the Council’s delay.',
        },
      ],
    });
    expect(facts.missedEducation.map(({ from, to, days }) => ({ from, to, days }))).toEqual([
      { from: '2021-09', to: '2022-07', days: 365 },
      { from: '2023-01', to: '2023-03', days: 60 },
    ]);
  });

  it('dates stated after two lengths join the length they fit', () => {
    const facts = extractFacts({
      summary: '',
      sections: [
        {
          heading: 'What I found',
          text:
            '1. Y missed three terms of education in all. ' +
            '2. Y’s brother missed six weeks of school. ' +
            '3. The brother was without any education between May and June 2024.',
        },
      ],
    });
    expect(facts.missedEducation.map(({ from, to, days }) => ({ from, to, days }))).toEqual([
      { from: null, to: null, days: 273 },
      { from: '2024-05', to: '2024-06', days: 42 },
    ]);
  });

  it('"the 2022/23 academic year" is September 2022 to July 2023, not a length of 23 years', () => {
    expect(missed('1. X missed the whole of the 2022/23 academic year.')).toEqual([
      { from: '2022-09', to: '2023-07', days: null },
    ]);
    expect(missed('1. B was out of school for most of the 2021-2022 school year.')).toEqual([
      { from: '2021-09', to: '2022-07', days: null },
    ]);
    expect(missed('1. C did not receive the provision in her Plan during academic year 2023/24.')).toEqual([
      { from: '2023-09', to: '2024-07', days: null },
    ]);
    // Not a school year: two calendar years apart.
    expect(missed('1. X missed school in the 2019/22 academic year.')).toEqual([]);
  });
});

describe('missed education: further education (blind case 73, parser 1.10.0)', () => {
  it('a further-education learner misses "college" or "his course"; a range may open with a day', () => {
    expect(missed('1. Mr Y could not attend college from 2 September to 20 September 2024.')).toEqual([
      { from: '2024-09', to: '2024-09', days: null },
    ]);
    expect(missed('2. Mr Y missed three weeks of his course as a result.', 'My assessment')).toEqual([
      { from: null, to: null, days: 21 },
    ]);
    // Travelling to college is not missing it.
    expect(missed('1. Mrs J drove him to college for five months.')).toEqual([]);
  });
});
