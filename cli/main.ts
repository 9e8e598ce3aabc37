/**
 * `lgsco`: the command-line entry. Each command reads configuration once (flags over env over
 * defaults) and hands it to the pipeline rooms.
 * @module
 */
import { Command, Option } from 'commander';
import { configFields, VERSION } from '../core/config.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerParse } from './commands/parse.js';
import { registerReindex } from './commands/reindex.js';
import { registerReparse } from './commands/reparse.js';
import { registerReplica } from './commands/replica.js';
import { registerSchedule } from './commands/schedule.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerStatus } from './commands/status.js';
import { registerWorker } from './commands/worker.js';
import { boundHeap, reportMemoryAtExit } from './heap.js';

/** The long-running commands that crawl: their heap is kept close to their live data (cli/heap.ts). */
const CRAWLING_COMMANDS = new Set(['crawl', 'worker', 'demo']);

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
  .addOption(new Option('--meili-master-key <key>', 'master key of the external Meilisearch'))
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Environment: DATA_DIR, LGSCO_BASE_URL, LGSCO_RATE, LGSCO_CONCURRENCY, LGSCO_CONTACT,
LGSCO_USER_AGENT, LGSCO_TIMEOUT_MS, LGSCO_MAX_TRIES, LGSCO_BROWSER, LGSCO_CHROMIUM, MEILI_URL,
MEILI_MASTER_KEY, MEILI_BINARY, REDIS_URL, LGSCO_QUEUE_PREFIX, LGSCO_ADMIN_TOKEN,
LGSCO_CORS_ORIGINS, LGSCO_API_RATE_LIMIT, PORT, HOST, LOG_LEVEL (see README.md).

Examples:
  npm run demo                                   replica + crawl + search API, all offline
  lgsco replica --port 3100 --decisions 300 --seed 7 --truth t.json
  lgsco crawl --base-url http://127.0.0.1:3100
  lgsco serve --port 3000
  curl 'http://localhost:3000/api/search?q=EHC%20plan&outcome=Upheld'`,
  );

registerReplica(program);
registerCrawl(program);
registerServe(program);
registerDemo(program);
registerParse(program);
registerReindex(program);
registerReparse(program);
registerStatus(program);
registerExport(program);
registerStats(program);
registerWorker(program);
registerSchedule(program);

program.hook('preAction', (_program, command) => {
  if (!CRAWLING_COMMANDS.has(command.name())) return;
  const policy = boundHeap();
  const level = configFields.logLevel.schema.safeParse(
    command.optsWithGlobals().logLevel ?? process.env.LOG_LEVEL,
  );
  reportMemoryAtExit(level.success ? level.data : 'info', command.name(), policy);
});

await program.parseAsync(process.argv);
