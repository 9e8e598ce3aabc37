// Whether dist/ (npm run build) is newer than every TypeScript source of the product: read by
// bin/lgsco.js to choose between the compiled CLI and the sources, and by bench/cli.ts.
import { readdirSync, statSync } from 'node:fs';

const SOURCE_DIRS = [
  'core',
  'cli',
  'crawler',
  'parser',
  'indexer',
  'api',
  'archive',
  'queue',
  'registry',
  'replica',
  'web',
];

/** Newest modification time (ms) of the .ts files under `dir`; stops early once past `limit`. */
function newestSource(dir, limit) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name === 'public' || entry.name === 'node_modules') continue;
      newest = Math.max(newest, newestSource(new URL(`${entry.name}/`, dir), limit));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(new URL(entry.name, dir)).mtimeMs);
    }
    if (newest > limit) break;
  }
  return newest;
}

/**
 * 'fresh', 'missing' (never built: no dist/.built, which `npm run build` writes after tsc
 * succeeds) or 'stale' (a source changed since). `root` is the project directory as a file URL.
 */
export function distState(root) {
  let built;
  try {
    built = statSync(new URL('dist/.built', root)).mtimeMs;
  } catch {
    return 'missing';
  }
  for (const dir of SOURCE_DIRS) {
    if (newestSource(new URL(`${dir}/`, root), built) > built) return 'stale';
  }
  return 'fresh';
}
