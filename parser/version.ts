/**
 * Version stamped on every record (`Decision.parserVersion`), so the archive knows which records to
 * re-parse after a change.
 *
 * Bump rule (semver on the *output*, not the code):
 * - MAJOR: a field changes meaning or shape, or the sections rule in parser/core.ts changes
 *   (headings, what a section's text contains, summary rules) — every stored record must be re-parsed.
 * - MINOR: pages that used to fail or lose text now parse better; records that parsed before are
 *   unchanged except for fewer/different parse warnings, or better extracted facts (same meaning,
 *   more of them right). `lgsco reparse` re-parses every record whose version differs.
 * - PATCH: no change to any record's fields (performance, refactoring, messages of thrown errors).
 * @module
 */
// The changes of each version are in parser/CHANGELOG.md.
export const PARSER_VERSION = '1.12.0';
