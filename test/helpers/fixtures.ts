/** Fixture loading for the parser's tests. */
import { readFileSync } from 'node:fs';

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

/** Straight apostrophes, for comparing text copies (curly) with HTML (straight). */
export function straight(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'");
}
