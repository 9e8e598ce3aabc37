import { type Command, Option } from 'commander';
import { computeStats, GROUP_BYS, type GroupBy, type StatsRow } from '../../api/analysis/index.js';
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

/** Rows as an aligned text table (numbers right-aligned). */
export function formatStatsTable(by: string, rows: StatsRow[], total: StatsRow): string {
  const header = [by, ...COLUMNS.map(([h]) => h)];
  const body = [...rows, total].map((r) => [String(r.key), ...COLUMNS.map(([, f]) => f(r))]);
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
      'Exact figures for matching decisions from the archive, optionally grouped: decisions, upheld,\n' +
        'fault found, payments, remedy total/median/max (with its reference), median longest delay.\n' +
        'Same figures as /api/stats.',
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
