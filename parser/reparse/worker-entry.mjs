// Worker thread entry: registers tsx (the code is TypeScript, run without a build) and starts the
// parse worker. Kept as plain JavaScript so the thread can load it before any loader exists.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
