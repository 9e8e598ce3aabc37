/**
 * The package version, in a module with no imports so the CLI can print `--version` and
 * `--help` without loading the configuration schema (zod).
 * @module
 */
export const VERSION = '0.1.0';
