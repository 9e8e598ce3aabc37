// Worker thread entry of `lgsco parse` when the sources run as TypeScript (vitest, tsx; compiled,
// parse-pool.js starts the bundled dist/cli/commands/parse-worker.bundle.js instead): registers tsx, starts the worker.
// Plain JavaScript so the thread can load it before any loader exists.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
