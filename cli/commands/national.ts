import { type Command, Option } from 'commander';
import {
  computeNational,
  type NationalResult,
  type NationalRow,
  RANK_BYS,
  type RankBy,
} from '../../api/analysis/index.js';
import { analysisCommand, withSelection } from './analysis-options.js';

/** The options of `lgsco national` besides the filters. */
interface NationalFlags {
  rankBy: RankBy;
  json: boolean;
}

const money = (n: number | null) =>
  n === null ? '—' : `£${n.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

type Column = [string, (r: NationalRow) => string];
const REMEDY_COLUMNS: Column[] = [
  ['decisions', (r) => String(r.decisions)],
  ['paid', (r) => String(r.withPayment)],
  ['remedy total', (r) => money(r.remedyTotal)],
  ['median', (r) => money(r.remedyMedian)],
  ['mean', (r) => money(r.remedyMean)],
  ['max', (r) => (r.remedyMax === null ? '—' : `${money(r.remedyMax)} ${r.remedyMaxRef}`)],
];
const UNPAID_COLUMNS: Column[] = [
  ['upheld', (r) => String(r.upheld)],
  ['no payment', (r) => String(r.upheldWithoutPayment)],
  ['share', (r) => pct(r.upheldWithoutPaymentShare)],
];

/** An aligned text table (first column left, the others right-aligned). */
function table(head: string, rows: [string, NationalRow][], columns: Column[]): string {
  const header = [head, ...columns.map(([h]) => h)];
  const body = rows.map(([k, r]) => [k, ...columns.map(([, f]) => f(r))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const yearKey = (y: number | null) => (y === null ? '(not stated)' : String(y));

/** The three answers as text tables, with the totals first. */
export function formatNational(n: NationalResult): string {
  const t = n.total;
  const categories: [string, NationalRow][] = n.categories.flatMap((c) => [
    [c.category, c] as [string, NationalRow],
    ...c.subcategories.map((s): [string, NationalRow] => [`  ${s.subcategory ?? '(no subcategory)'}`, s]),
  ]);
  return [
    `${t.decisions} decisions, ${t.withPayment} with a payment, remedies ${money(t.remedyTotal)} ` +
      `(median ${money(t.remedyMedian)}, mean ${money(t.remedyMean)}); ` +
      `${t.upheldWithoutPayment} of ${t.upheld} upheld decisions (${pct(t.upheldWithoutPaymentShare)}) carry no payment`,
    '',
    `Which categories draw the largest remedies (ranked by ${n.rankBy})`,
    table('category / subcategory', categories, REMEDY_COLUMNS),
    '',
    'How remedy amounts moved over the years',
    table(
      'year',
      n.years.map((y) => [yearKey(y.year), y]),
      REMEDY_COLUMNS,
    ),
    '',
    'How often upheld decisions carry no payment',
    table(
      'year',
      [...n.years.map((y): [string, NationalRow] => [yearKey(y.year), y]), ['all', t]],
      UNPAID_COLUMNS,
    ),
  ].join('\n');
}

export function registerNational(program: Command): void {
  const cmd = program
    .command('national')
    .description(
      'The national view (GET /api/national, the web page /national): which categories and ' +
        'subcategories draw the largest remedies (decisions, with a payment, remedy total, median, ' +
        'mean, largest with its reference), remedies per year, and upheld decisions with no payment ' +
        '(count and share, overall and per year). A payment is what the remedy total counts (agreed, ' +
        'recommended, already paid, or an offer found enough): remedy total > 0, as --has-payment. ' +
        'Narrow with the filters below, e.g. --from 2023-01-01 --organisation-kind county.',
    )
    .addOption(
      new Option(
        '--rank-by <figure>',
        'what "largest remedies" ranks categories by (medians and means over decisions with a payment)',
      )
        .choices([...RANK_BYS])
        .default('remedyTotal'),
    )
    .option('--json', 'print the JSON /api/national answers (with the web search of each figure)', false);
  analysisCommand<NationalFlags>(cmd, ({ config, log, opts, query }) =>
    withSelection(config, log, query, async ({ store, selection }) => {
      const result = computeNational(store, query, selection.filters, selection.refKeys, opts.rankBy);
      process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : `${formatNational(result)}\n`);
    }),
  );
}
