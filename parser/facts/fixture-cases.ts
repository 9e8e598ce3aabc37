/**
 * The hand-written extraction cases (test/fixtures/extraction): loading them and running one through
 * the parser and extractFacts. Used by the fixture test and by the accuracy script.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsInput } from '../../core/facts.js';
import { type ActualCase, ExpectedCase, type Header } from './accuracy.js';
import { extractFacts } from './extract.js';

export interface FixtureCase {
  name: string;
  text: string;
  expected: ExpectedCase;
}

/** Every `NN-name.txt` with its `NN-name.expected.json`, in name order. Throws on a malformed expectation. */
export function loadCases(dir: string): FixtureCase[] {
  return readdirSync(dir)
    .filter((f) => /^\d{2,3}-.+\.txt$/.test(f))
    .sort()
    .map((f) => {
      const name = f.replace(/\.txt$/, '');
      const text = readFileSync(join(dir, f), 'utf8');
      const raw = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as unknown;
      const parsed = ExpectedCase.safeParse(raw);
      if (!parsed.success) throw new Error(`${name}.expected.json: ${parsed.error.message}`);
      return { name, text, expected: parsed.data };
    });
}

/** The parser's entry point for text copies. */
export type ParseText = (text: string) => FactsInput & Header;

/** Parses and extracts one case; a throw becomes a crash (header and facts null). */
export function runCase(text: string, parse: ParseText): ActualCase & { error?: string } {
  try {
    const d = parse(text);
    const header: Header = {
      ref: d.ref,
      organisation: d.organisation,
      category: d.category,
      subcategory: d.subcategory,
      outcome: d.outcome,
      decisionDate: d.decisionDate,
    };
    return { header, facts: extractFacts({ summary: d.summary, sections: d.sections, outcome: d.outcome }) };
  } catch (e) {
    return { header: null, facts: null, error: e instanceof Error ? e.message : String(e) };
  }
}
