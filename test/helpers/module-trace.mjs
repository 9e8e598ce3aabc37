/**
 * Test-only preload (`node --import`): records every module a process loads whose URL or path
 * contains LGSCO_TRACE_MODULES (a substring, e.g. "/node_modules/playwright-core/"), one per line,
 * into the file LGSCO_TRACE_MODULES_OUT. ES modules are seen by resolve/load hooks registered here
 * (they run for every import, through tsx's hooks too); CommonJS files by require.cache at exit.
 * Plain JS: it runs before tsx is registered.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const needle = process.env.LGSCO_TRACE_MODULES;
const out = process.env.LGSCO_TRACE_MODULES_OUT;
if (needle && out) {
  register('./module-trace-hooks.mjs', import.meta.url, { data: { needle, out } });
  const require = createRequire(import.meta.url);
  process.once('exit', () => {
    for (const file of Object.keys(require.cache)) {
      if (file.includes(needle)) appendFileSync(out, `require ${file}\n`);
    }
  });
}
