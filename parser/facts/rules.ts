/**
 * Rule tables: every decision the extractor takes (is this sum a remedy? its status, purpose,
 * recipient; the finding; a delay's form and subject …) is made by rows of a table, each with an id,
 * a priority, an example and the README clause it implements. A table is read in priority order
 * (lowest first); the ids of the rules that fired ride on the fact (`rules`, `findingRules`).
 *
 * Adding a rule is adding a row: its example must make it fire (rules.test.ts runs every table's
 * examples through the extractor), and its id must be listed in parser/facts/README.md.
 * @module
 */

/**
 * The text a rule's example is read from: a summary by default; a section when `heading` is given
 * ("Agreed action", "Final decision"); with the page's Decision line when `outcome` is given.
 */
export type RuleExample = string | { text: string; heading?: string; outcome?: string };

export interface Rule<C, V = true> {
  /** Stable id carried on the fact ("P-NOT-CHARGE", "F-TEXT-NO-FAULT"). */
  id: string;
  /** Lower runs first; the first rule that fires decides (in a first-match table). */
  priority: number;
  /** A wording the rule fires on, checked by rules.test.ts. */
  example: RuleExample;
  /** The clause of parser/facts/README.md the rule implements (its words, or its heading). */
  readme: string;
  /** The rule's value when it fires; null / undefined / false when it does not. */
  test(ctx: C): V | null | undefined | false;
}

export interface RuleTable<C, V = true> {
  /** "payments: is the sum a remedy", "finding: the text's reading" … */
  name: string;
  rules: readonly Rule<C, V>[];
}

/** Every table defined, for the example test and the README check. */
export const RULE_TABLES: RuleTable<never, unknown>[] = [];

/** A table sorted by priority; ids and priorities must be unique (checked once, at load). */
export function ruleTable<C, V = true>(name: string, rows: Rule<C, V>[]): RuleTable<C, V> {
  const ids = new Set<string>();
  const priorities = new Set<number>();
  for (const r of rows) {
    if (ids.has(r.id)) throw new Error(`rule table ${name}: duplicate id ${r.id}`);
    if (priorities.has(r.priority)) throw new Error(`rule table ${name}: duplicate priority ${r.priority}`);
    ids.add(r.id);
    priorities.add(r.priority);
  }
  const table = { name, rules: [...rows].sort((a, b) => a.priority - b.priority) };
  RULE_TABLES.push(table as unknown as RuleTable<never, unknown>);
  return table;
}

/** The first rule (by priority) that fires, with its value; null when none does. */
export function firstRule<C, V>(table: RuleTable<C, V>, ctx: C): { id: string; value: V } | null {
  for (const r of table.rules) {
    const v = r.test(ctx);
    if (v !== null && v !== undefined && v !== false) return { id: r.id, value: v };
  }
  return null;
}

/** Every rule that fires, in priority order (for tables whose rules each adjust the result). */
export function firingRules<C, V>(table: RuleTable<C, V>, ctx: C): { id: string; value: V }[] {
  const out: { id: string; value: V }[] = [];
  for (const r of table.rules) {
    const v = r.test(ctx);
    if (v !== null && v !== undefined && v !== false) out.push({ id: r.id, value: v });
  }
  return out;
}
