/**
 * `lgsco`: the command-line entry. Each command reads configuration once (flags over env over
 * defaults) and hands it to the pipeline rooms.
 *
 * Start-up cost: only the module of the command being run is imported (and it imports what its
 * action needs), so `lgsco --help` loads commander alone and `lgsco parse` never loads Fastify,
 * BullMQ, Meilisearch or Playwright. The other commands are listed by name and summary only.
 * @module
 */
import { Command, Option } from 'commander';
import { VERSION } from '../core/version.js';

/** The long-running commands that crawl: their heap is kept close to their live data (cli/heap.ts). */
const CRAWLING_COMMANDS = new Set(['crawl', 'worker', 'demo']);

type Register = (program: Command) => void;

/** Every command in help order: its one-line summary, and how to load its full definition. */
const COMMANDS: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Register> }> = [
  {
    name: 'replica',
    summary: 'serve a deterministic replica of the decisions site',
    load: async () => (await import('./commands/replica.js')).registerReplica,
  },
  {
    name: 'crawl',
    summary: 'fetch, archive, parse and index decisions',
    load: async () => (await import('./commands/crawl.js')).registerCrawl,
  },
  {
    name: 'serve',
    summary: 'serve the web page (/) and the API over the archive',
    load: async () => (await import('./commands/serve.js')).registerServe,
  },
  {
    name: 'demo',
    summary: 'replica, crawl, index and API, all offline',
    load: async () => (await import('./commands/demo.js')).registerDemo,
  },
  {
    name: 'parse',
    summary: 'parse saved decision pages (.html or .txt) to NDJSON',
    load: async () => (await import('./commands/parse.js')).registerParse,
  },
  {
    name: 'reindex',
    summary: 'rebuild the search index from the archive',
    load: async () => (await import('./commands/reindex.js')).registerReindex,
  },
  {
    name: 'reparse',
    summary: 'parse the archived pages again',
    load: async () => (await import('./commands/reparse.js')).registerReparse,
  },
  {
    name: 'status',
    summary: 'archive totals and what the archive is missing',
    load: async () => (await import('./commands/status.js')).registerStatus,
  },
  {
    name: 'export',
    summary: 'export matching decisions: CSV, NDJSON or SQLite',
    load: async () => (await import('./commands/export.js')).registerExport,
  },
  {
    name: 'stats',
    summary: 'exact figures for matching decisions, grouped',
    load: async () => (await import('./commands/stats.js')).registerStats,
  },
  {
    name: 'national',
    summary: 'the national view: remedies by category and year, upheld decisions without a payment',
    load: async () => (await import('./commands/national.js')).registerNational,
  },
  {
    name: 'organisations',
    summary: 'resolve organisation names to councils (ONS codes, kinds, populations)',
    load: async () => (await import('./commands/organisations.js')).registerOrganisations,
  },
  {
    name: 'worker',
    summary: 'process the crawl queues (needs REDIS_URL)',
    load: async () => (await import('./commands/worker.js')).registerWorker,
  },
  {
    name: 'schedule',
    summary: 'the daily incremental crawl (needs REDIS_URL)',
    load: async () => (await import('./commands/schedule.js')).registerSchedule,
  },
];

const program = new Command('lgsco')
  .description(
    'lgsco-archive: crawl, archive, parse and search the published decisions of the\n' +
      'Local Government and Social Care Ombudsman (England).',
  )
  .version(VERSION)
  .addOption(new Option('--data-dir <dir>', 'archive and index location (env DATA_DIR, default ./data)'))
  .addOption(
    new Option('--log-level <level>', 'log level').choices([
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ]),
  )
  .addOption(new Option('--meili-url <url>', 'external Meilisearch (default: embedded under DATA_DIR)'))
  .addOption(
    new Option(
      '--meili-master-key-file <path>',
      'file holding the master key of the external Meilisearch (env MEILI_MASTER_KEY_FILE; or the key itself in env MEILI_MASTER_KEY — never on the command line, where ps shows it)',
    ),
  )
  // Removed (the key showed in ps): kept hidden only to refuse it with a clear message.
  .addOption(new Option('--meili-master-key <key>').hideHelp())
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
\`lgsco <command> --help\` lists each command's options.

Environment: DATA_DIR, LGSCO_BASE_URL, LGSCO_RATE, LGSCO_CONCURRENCY, LGSCO_CONTACT,
LGSCO_USER_AGENT, LGSCO_TIMEOUT_MS, LGSCO_MAX_TRIES, LGSCO_BROWSER, LGSCO_CHROMIUM, MEILI_URL,
MEILI_MASTER_KEY, MEILI_MASTER_KEY_FILE, MEILI_BINARY, REDIS_URL, LGSCO_QUEUE_PREFIX, LGSCO_ADMIN_TOKEN,
LGSCO_CORS_ORIGINS, LGSCO_API_RATE_LIMIT, PORT, HOST, LOG_LEVEL (see README.md).

Examples:
  npm run demo                                   replica + crawl + search API, all offline
  lgsco replica --port 3100 --decisions 300 --seed 7 --truth t.json
  lgsco crawl --base-url http://127.0.0.1:3100
  lgsco serve --port 3000
  curl 'http://localhost:3000/api/search?q=EHC%20plan&outcome=Upheld'`,
  );

// A command named anywhere in the arguments is loaded in full (its options, its action); the rest
// are listed by summary only. Loading one too many (an argument that happens to be a command's
// name) only costs time; the command commander runs is always among those loaded.
const args = new Set(process.argv.slice(2));
const loaded = await Promise.all(COMMANDS.map((c) => (args.has(c.name) ? c.load() : undefined)));
COMMANDS.forEach((c, i) => {
  const register = loaded[i];
  if (register) register(program);
  else program.command(c.name).summary(c.summary);
});

program.hook('preAction', async (_program, command) => {
  if (!CRAWLING_COMMANDS.has(command.name())) return;
  const [{ boundHeap, reportMemoryAtExit }, { configFields }] = await Promise.all([
    import('./heap.js'),
    import('../core/config.js'),
  ]);
  const policy = boundHeap();
  const level = configFields.logLevel.schema.safeParse(
    command.optsWithGlobals().logLevel ?? process.env.LOG_LEVEL,
  );
  reportMemoryAtExit(level.success ? level.data : 'info', command.name(), policy);
});

await program.parseAsync(process.argv);
