/**
 * A second lgsco-like process for the sharing tests: attaches to the embedded Meilisearch of
 * DATA_DIR (argv[2]), prints {pid, url, masterKey} as one JSON line, then on stdin "release"
 * releases and prints "released". With argv[3] === "on-exit" it relies on releaseOnExit.
 * @module
 */
import readline from 'node:readline';
import { ensureMeili, releaseOnExit } from '../../indexer/meili-server.js';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: meili-child.ts DATA_DIR [on-exit]');
const handle = await ensureMeili({ dataDir });
if (mode === 'on-exit') releaseOnExit(handle);
process.stdout.write(
  `${JSON.stringify({ pid: handle.pid, url: handle.url, masterKey: handle.masterKey })}\n`,
);
const keepAlive = setInterval(() => {}, 60_000);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'release') return;
  void handle.release().then(() => {
    process.stdout.write('released\n');
    clearInterval(keepAlive);
    process.exit(0);
  });
});
