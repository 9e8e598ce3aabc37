/** Module hooks for module-trace.mjs (they run on the loader thread). */
import { appendFileSync } from 'node:fs';

let needle = '';
let out = '';

export function initialize(data) {
  needle = data.needle;
  out = data.out;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.includes(needle)) appendFileSync(out, `resolve ${specifier} -> ${result.url}\n`);
  return result;
}

export async function load(url, context, nextLoad) {
  if (url.includes(needle)) appendFileSync(out, `load ${url}\n`);
  return nextLoad(url, context);
}
