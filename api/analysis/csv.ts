/**
 * The one CSV writer of the project (API exports and `lgsco export --format csv` both come here).
 *
 * Formula injection: a spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula (a decision summary or organisation name such as
 * `=HYPERLINK("http://…")` would become a live link). As OWASP recommends, such a text cell is
 * written with a single quote `'` in front, which spreadsheets show as text. Only text cells are
 * changed: numbers (a negative one included) stay numbers, and NDJSON / SQLite exports keep the
 * values exactly.
 * @module
 */
import { type Stringifier, stringify } from 'csv-stringify';

/** The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as written to CSV: with `'` in front when a spreadsheet would run it as a formula. */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A CSV stringifier with a header row of `columns`: booleans as true/false, text cells neutralised;
 * with `bom`, the bytes EF BB BF first (Excel reads a CSV without them as the local ANSI code page: £ → Â£).
 */
export function csvStringifier(columns: readonly string[], opts: { bom?: boolean } = {}): Stringifier {
  return stringify({
    bom: opts.bom === true,
    header: true,
    columns: [...columns],
    cast: {
      boolean: (v) => (v ? 'true' : 'false'),
      string: (v) => csvText(v),
    },
  });
}
