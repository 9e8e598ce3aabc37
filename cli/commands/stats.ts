import { type Command, Option } from 'commander';
import { computeStats, GROUP_BYS, type GroupBy, type StatsRow } from '../../api/analysis/index.js';
import { DELAY_SUBJECTS, type DelaySubject } from '../../core/facts-columns.js';
import { analysisCommand, withSelection } from './analysis-options.js';

/** The options of `lgsco stats` besides the filters. */
interface StatsFlags {
  by: GroupBy;
  json: boolean;
}

const money = (n: number | null) =>
  n === null ? '—' : `£${n.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

const COLUMNS: Array<[string, (r: StatsRow) => string]> = [
  ['decisions', (r) => String(r.decisions)],
  ['upheld', (r) => `${r.upheld} (${pct(r.upheldRate)})`],
  ['fault', (r) => `${r.faultFound} (${pct(r.faultRate)})`],
  ['paid', (r) => String(r.withPayment)],
  ['payments', (r) => String(r.payments)],
  ['remedy total', (r) => money(r.remedyTotal)],
  ['median', (r) => money(r.remedyMedian)],
  ['max', (r) => (r.remedyMax === null ? '—' : `${money(r.remedyMax)} ${r.remedyMaxRef}`)],
  ['median delay', (r) => (r.medianDelayDays === null ? '—' : `${r.medianDelayDays} d`)],
  ['no facts', (r) => String(r.withoutFacts)],
  // Per 100,000 residents of the councils the row is about (registry populations; see README).
  [
    'per 100k (upheld)',
    (r) => (r.perResident ? `${r.perResident.decisionsPer100k} (${r.perResident.upheldPer100k})` : '—'),
  ],
];

/** The delay subjects' headings in the second table. */
const SUBJECT_HEADINGS: Record<DelaySubject, string> = {
  ehc_plan: 'EHC plan',
  annual_review: 'annual review',
  assessment: 'assessment',
  complaint_response: 'complaint reply',
  education_provision: 'education provision',
  other: 'other',
};

/** "12 (median 45 d)": decisions with one, and the median days; "0" when none. */
const countMedian = (n: number, median: number | null) =>
  n === 0 ? '0' : `${n} (median ${median === null ? '—' : `${median} d`})`;

/** The second table: delays per subject and missed education (/api/stats delaysBySubject …). */
const SUBJECT_COLUMNS: Array<[string, (r: StatsRow) => string]> = [
  ...DELAY_SUBJECTS.map((s): [string, (r: StatsRow) => string] => [
    SUBJECT_HEADINGS[s],
    (r) => countMedian(r.delaysBySubject[s].withDelay, r.delaysBySubject[s].medianDelayDays),
  ]),
  ['missed education', (r) => countMedian(r.withMissedEducation, r.medianMissedEducationDays)],
];

/** What the second table's cells mean, printed above it. */
export const SUBJECT_TABLE_NOTE =
  "Delays by what they were about: decisions with one, and the median of each one's longest delay about it\n" +
  '(an EHC plan delay counts the days beyond the 20-week limit). Missed education: decisions with a\n' +
  "period, and the median of each one's longest period with a length (term 91 days, month 30, week 7).";

/**
 * Rows as aligned text tables (numbers right-aligned): the main figures, then delays per subject
 * and missed education.
 */
export function formatStatsTable(by: string, rows: StatsRow[], total: StatsRow): string {
  return [
    alignedTable(by, COLUMNS, rows, total),
    '',
    SUBJECT_TABLE_NOTE,
    alignedTable(by, SUBJECT_COLUMNS, rows, total),
  ].join('\n');
}

function alignedTable(
  by: string,
  columns: Array<[string, (r: StatsRow) => string]>,
  rows: StatsRow[],
  total: StatsRow,
): string {
  const header = [by, ...columns.map(([h]) => h)];
  const body = [...rows, total].map((r) => [String(r.key), ...columns.map(([, f]) => f(r))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  const groups = body.slice(0, -1).map(line);
  return [line(header), sep, ...groups, ...(groups.length > 0 ? [sep] : []), line(body.at(-1)!)].join('\n');
}

export function registerStats(program: Command): void {
  const cmd = program
    .command('stats')
    .description(
      'Exact figures for matching decisions from the archive, optionally grouped: decisions, upheld, ' +
        'fault found, payments, remedy total/median/max (with its reference), median longest delay. ' +
        'A second table gives, per delay subject (EHC plan, annual review, assessment, complaint reply, ' +
        'education provision, other), the decisions with such a delay and the median of their longest ' +
        'delay about it, and the decisions with missed education with the median longest period. ' +
        'Same figures as /api/stats (delaysBySubject, withMissedEducation, medianMissedEducationDays); ' +
        'narrow with --delay-subject, --min-delay/--max-delay, --has-missed-education, --min-missed-education.',
    )
    .addOption(new Option('--by <field>', 'group by').choices([...GROUP_BYS]).default('none'))
    .option('--json', 'print the JSON /api/stats answers', false);
  analysisCommand<StatsFlags>(cmd, ({ config, log, opts, query }) =>
    withSelection(config, log, query, async ({ store, selection }) => {
      const result = computeStats(store, opts.by, selection.filters, selection.refKeys);
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(result)}\n`
          : `${formatStatsTable(opts.by === 'none' ? 'all' : opts.by, result.groups, result.total)}\n`,
      );
    }),
  );
}
