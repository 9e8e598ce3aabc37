// Worker thread entry when the sources run as TypeScript (vitest, tsx; the compiled pool in dist/
// starts the bundled dist/parser/reparse/worker.bundle.js instead): registers tsx and starts the parse worker. Kept as
// plain JavaScript so the thread can load it before any loader exists.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
