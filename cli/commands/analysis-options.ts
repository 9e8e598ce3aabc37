/**
 * The decision filters as CLI options, validated by the same zod schema as the API's query
 * parameters (api/analysis/query.ts), so `lgsco export`/`lgsco stats` and the API select the same rows;
 * and the part those two commands share (analysisCommand, withSelection), so each declares only its own.
 * @module
 */
import { type Command, Option } from 'commander';
import {
  AnalysisStore,
  FilterQuery,
  filterShape,
  resolveSelection,
  type Selection,
} from '../../api/analysis/index.js';
import { Archive } from '../../archive/index.js';
import type { Config } from '../../core/config.js';
import { ErrorCode, LgscoError } from '../../core/errors.js';
import { DELAY_SUBJECTS } from '../../core/facts-columns.js';
import { createLogger, type Logger } from '../../core/log.js';
import { emptyArchiveNote } from '../empty-archive.js';
import { configFrom } from '../flags.js';
import { runCommand } from '../run.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds --q, --organisation, the registry's --organisation-code/--organisation-kind/--region … --removed to a command. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--q <text>', 'full-text query (uses the search index for the matching ids)')
    .option('--organisation <name>', 'organisation as printed; repeat for several', collect)
    .option(
      '--organisation-code <code>',
      'ONS GSS code from the organisation registry (E06…, E07…, E08…, E09…, E10…); repeat for several',
      collect,
    )
    .option(
      '--organisation-kind <kind>',
      'registry kind: county, unitary, metropolitan_borough, london_borough, district, city_of_london, isles_of_scilly, care_provider, school, nhs, other (comma-separated or repeated)',
      collect,
    )
    .option('--region <name>', 'English region of the council in the registry; repeat for several', collect)
    .addOption(
      new Option(
        '--include-predecessors <bool>',
        'with --organisation-code: also the councils it replaced (its history joined)',
      ).choices(['true', 'false']),
    )
    .option('--category <name>', 'category; repeat for several', collect)
    .option('--subcategory <name>', 'subcategory; repeat for several', collect)
    .option('--outcome <text>', 'outcome as printed; repeat for several', collect)
    .option(
      '--finding <finding>',
      'fault_injustice, fault_no_injustice, no_fault, not_investigated, unknown (comma-separated or repeated)',
      collect,
    )
    .option('--year <yyyy>', 'decision year; repeat or comma-separate', collect)
    .option('--from <date>', 'first decision date (yyyy-mm-dd, inclusive)')
    .option('--to <date>', 'last decision date (yyyy-mm-dd, inclusive)')
    .option('--min-remedy <pounds>', 'remedy total at least')
    .option('--max-remedy <pounds>', 'remedy total at most')
    .addOption(
      new Option('--has-payment <bool>', 'with (true) or without (false) a remedy payment').choices([
        'true',
        'false',
      ]),
    )
    .option('--min-delay <days>', 'longest delay at least this many days (with --delay-subject: about it)')
    .option('--max-delay <days>', 'longest delay at most this many days (with --delay-subject: about it)')
    .addOption(
      new Option(
        '--delay-subject <subject>',
        'only decisions with a delay about this; --min-delay/--max-delay then apply to the longest delay about it (an EHC plan delay counts the days beyond the 20-week limit)',
      ).choices([...DELAY_SUBJECTS]),
    )
    .addOption(
      new Option(
        '--has-missed-education <bool>',
        'with (true) or without (false) a period of missed education or provision',
      ).choices(['true', 'false']),
    )
    .option(
      '--min-missed-education <days>',
      'longest missed-education period at least this many days (as stated: term 91, month 30, week 7; else whole months between its dates × 30)',
    )
    .addOption(
      new Option('--removed <bool>', "removed from (true) or still on (false) the Ombudsman's site").choices([
        'true',
        'false',
      ]),
    )
    .addOption(
      new Option(
        '--header-complete <bool>',
        'page had all its header lines (true) or lacked some (false: outcome or date may be empty)',
      ).choices(['true', 'false']),
    )
    .addOption(
      new Option(
        '--finding-conflict <bool>',
        'Decision line and summary disagree about the finding (true) or not (false)',
      ).choices(['true', 'false']),
    );
}

/** The filters' keys: the API's filter query (api/analysis/query.ts), so both take the same. */
const FILTER_KEYS = Object.keys(filterShape) as Array<keyof typeof filterShape>;

/** A usage error: printed on one line, exit code 2 (as for bad configuration). */
export function usageError(e: unknown): boolean {
  if (e instanceof LgscoError && e.code === ErrorCode.BAD_REQUEST) {
    process.stderr.write(`lgsco: ${e.code}: ${e.message}\n`);
    process.exitCode = 2;
    return true;
  }
  return false;
}

/** The command's filter options, validated; a bad one throws LGSCO_ERR_BAD_REQUEST naming the option. */
export function filterQueryFrom(opts: Record<string, unknown>): FilterQuery {
  const raw: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) if (opts[k] !== undefined) raw[k] = opts[k];
  const parsed = FilterQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const flag = key ? `--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}: ` : '';
    throw new LgscoError(ErrorCode.BAD_REQUEST, `${flag}${issue.message}`);
  }
  return parsed.data;
}

/** The decisions a filter selects, and the store to read them from. */
export interface OpenSelection {
  store: AnalysisStore;
  selection: Selection;
  close(): Promise<void>;
}

/**
 * Opens what a selection needs: the archive (migrated) and its read-only analysis store; with a
 * query also Meilisearch for the ids. `close()` releases everything.
 */
export async function openSelection(
  config: Readonly<Config>,
  log: Logger,
  query: FilterQuery,
): Promise<OpenSelection> {
  if (query.q?.trim()) {
    // Meilisearch only for a full-text query.
    const { openServices } = await import('../services.js');
    const services = await openServices(config, log);
    const store = new AnalysisStore(services.archive.file);
    try {
      sayIfEmpty(config, services.archive);
      const selection = await resolveSelection(query, services.index, store);
      return {
        store,
        selection,
        close: async () => {
          store.close();
          await services.close();
        },
      };
    } catch (e) {
      store.close();
      await services.close();
      throw e;
    }
  }
  const archive = Archive.open(config.dataDir);
  const store = new AnalysisStore(archive.file);
  const close = async () => {
    store.close();
    archive.close();
  };
  try {
    sayIfEmpty(config, archive);
    return { store, selection: await resolveSelection(query, undefined, store), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** On stderr (stdout stays the command's output): the archive is empty, and where it was looked for. */
function sayIfEmpty(config: Readonly<Config>, archive: Archive): void {
  if (archive.counts().decisions === 0) process.stderr.write(emptyArchiveNote(config.dataDir, archive.file));
}

/** Runs `fn` over the selection `query` makes (openSelection), and closes it after. */
export async function withSelection<T>(
  config: Readonly<Config>,
  log: Logger,
  query: FilterQuery,
  fn: (sel: OpenSelection) => Promise<T>,
): Promise<T> {
  const sel = await openSelection(config, log, query);
  try {
    return await fn(sel);
  } finally {
    await sel.close();
  }
}

/** What an analysis command's own part is handed: configuration, logger, its options and the filters. */
export interface AnalysisRun<O> {
  config: Readonly<Config>;
  log: Logger;
  /** All of the command's options (its own, and the filters as given). */
  opts: O;
  /** The filter options, validated. */
  query: FilterQuery;
}

/**
 * Makes `cmd` (with its own options declared) an analysis command: adds the filter options after
 * its own, and an action that reads the configuration, validates the filters (a bad one: one line
 * naming the option, exit code 2) and hands both to `run`, under runCommand (exit codes).
 */
export function analysisCommand<O>(cmd: Command, run: (r: AnalysisRun<O>) => Promise<void>): Command {
  return addFilterOptions(cmd).action(async (opts: Record<string, unknown>, c: Command) =>
    runCommand(async () => {
      const config = configFrom(c);
      const log = createLogger(config.logLevel, cmd.name());
      let query: FilterQuery;
      try {
        query = filterQueryFrom(opts);
      } catch (e) {
        if (usageError(e)) return;
        throw e;
      }
      // commander's options are untyped; the command's own option declarations make them O.
      await run({ config, log, opts: opts as O, query });
    }),
  );
}
