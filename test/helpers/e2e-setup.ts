/**
 * vitest globalSetup of `npm run test:e2e`: builds dist/ (`npm run build`), so the CLI processes
 * the tests start run the current code compiled (bin/lgsco.js falls back to the TypeScript sources
 * through tsx when dist/ is older than them: correct, only slower to start); and says once, up
 * front, what the machine lacks (Redis, Chromium) and how to get it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromiumMissing, redisMissing } from './requirements.js';

export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const t0 = performance.now();
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status === 0)
    process.stderr.write(`e2e: dist/ built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  else
    process.stderr.write(
      `\n!! e2e: npm run build failed; CLI processes will run the TypeScript sources through tsx\n${build.stdout}${build.stderr}\n`,
    );
  for (const missing of [await redisMissing(), chromiumMissing()]) {
    if (missing)
      process.stderr.write(`\n!! ${missing}\n!! the tests that need it will fail (CI) or be skipped\n\n`);
  }
}
