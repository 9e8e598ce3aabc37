#!/usr/bin/env node
// The CLI runs compiled JavaScript from dist/ (`npm run build`; `npm ci` runs it through
// `prepare`), so no process pays TypeScript compilation at start. When dist/ is missing or older
// than a source file (a checkout or an edit since the last build), or LGSCO_RUN_SOURCES=1, the
// TypeScript sources run through tsx instead: slower to start, never out of date.
import { distState } from './dist-fresh.js';

const state = process.env.LGSCO_RUN_SOURCES === '1' ? 'sources' : distState(new URL('../', import.meta.url));
if (state === 'fresh') {
  await import('../dist/cli/main.js');
} else {
  // Said only to a person at a terminal: scripts and tests read stderr.
  if (state !== 'sources' && process.stderr.isTTY) {
    process.stderr.write(
      `lgsco: dist/ is ${state === 'missing' ? 'not built' : 'older than the sources'}; running the TypeScript through tsx (\`npm run build\` for a fast start)\n`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
