import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.js';
import { createLogger } from '../../core/log.js';
import { configFrom, flagsFrom } from '../flags.js';
import { listenOrExplain } from '../listen.js';
import { onShutdown, runCommand } from '../run.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'The whole system offline: start the replica site, crawl it at a high local rate, index\n' +
        'it into the embedded Meilisearch and serve the API. Data goes to DATA_DIR/demo so it\n' +
        'never mixes with a real archive.',
    )
    .option('--decisions <n>', 'decisions in the replica', (v) => Number(v), 2000)
    .option('--seed <seed>', 'replica seed', (v) => Number(v), 1)
    .option('--port <port>', 'API port (env PORT, default 3000)')
    .option('--host <addr>', 'API bind address (env HOST, default 127.0.0.1)')
    .option('--rate <r>', 'crawl rate against the local replica, requests/s', '300')
    .option('--concurrency <n>', 'crawl requests in flight', '8')
    .action(async (opts, cmd: Command) =>
      runCommand(async () => {
        const base = configFrom(cmd);
        const log = createLogger(base.logLevel, 'demo');
        const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
        const [{ startReplica }, { openServices }, { buildApi }, { runCrawl, workerParser }] =
          await Promise.all([
            import('../../replica/index.js'),
            import('../services.js'),
            import('../../api/index.js'),
            import('../../crawler/index.js'),
          ]);

        // The web page's address comes first; what was started is said after it, in order.
        const later: string[] = [];
        const replica = await startReplica({ port: 0, seed: opts.seed, decisions: opts.decisions });
        later.push(`replica site with ${opts.decisions} decisions (seed ${opts.seed}) at ${replica.url}`);

        const config = loadConfig({
          ...flagsFrom(cmd),
          dataDir: path.join(base.dataDir, 'demo'),
          baseUrl: replica.url,
          rate: opts.rate,
          concurrency: opts.concurrency,
        });
        later.push(
          `archive and index under ${config.dataDir} (other commands read it with DATA_DIR=${config.dataDir})`,
        );
        const services = await openServices(config, log, { watch: true });
        later.push(
          `Meilisearch ${services.meili.embedded ? 'started (embedded)' : 'reached'} at ${services.meili.url}`,
        );
        await services.catchUpIndex();

        const app = await buildApi({ config, archive: services.archive, index: services.index, log });
        const close = async () => {
          await app.close();
          await services.close();
          await replica.close();
        };
        const listening = new URL(await listenOrExplain(app, config.host, config.port, close));
        onShutdown(close);
        // The port actually bound (--port 0 picks one); localhost reads better than 127.0.0.1.
        const api = `http://${config.host === '127.0.0.1' ? 'localhost' : listening.hostname}:${listening.port}`;
        say(`open ${api}/ in a browser — the web page; it fills as the crawl goes`);
        for (const line of later) say(line);
        say(`API on ${api}/api (docs at ${api}/api/docs)`);

        let reported = 0;
        say(`crawling ${replica.url} at ${config.rate} req/s, ${config.concurrency} in flight…`);
        // Pages are parsed in a worker thread: this thread answers the API while the crawl runs.
        const parser = workerParser(1);
        const summary = await runCrawl({
          config,
          archive: services.archive,
          log,
          parseOffThread: parser.parse,
          parseListingOffThread: parser.parseListing,
          onRecords: (records) => services.indexRecords(records),
          onProgress: (p) => {
            const step = Math.floor(p.fetched / 500) * 500;
            if (step > reported) {
              reported = step;
              say(`  ${step} decision pages fetched`);
            }
          },
        });
        await parser.close();
        const counts = services.archive.counts();
        say(
          `crawl done in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.fetched} fetched, ` +
            `${summary.skippedAlreadyArchived} already archived, ${summary.quarantined} quarantined, ` +
            `${summary.failed} failed; archive holds ${counts.decisions} decisions, index ${await services.index.count()}`,
        );
        say(`the web page: ${api}/`);
        say('try:');
        say(`  curl '${api}/api/search?q=EHC%20plan&outcome=Upheld&limit=3'`);
        say(`  curl '${api}/api/search?category=Housing&from=2024-01-01'`);
        say(`  curl '${api}/health'     and the API docs at ${api}/api/docs`);
        say('Ctrl-C to stop.');
      }),
    );
}
