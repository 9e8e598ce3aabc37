/**
 * Maps commander options to configuration flags, so every command validates the same way.
 * @module
 */
import type { Command } from 'commander';
import { type Config, type ConfigFlags, loadConfig } from '../core/config.js';

/** The configuration-bearing options of `cmd` and its parents. */
export function flagsFrom(cmd: Command): ConfigFlags {
  const o = cmd.optsWithGlobals() as Record<string, string | number | undefined>;
  return {
    dataDir: o.dataDir,
    logLevel: o.logLevel,
    meiliUrl: o.meiliUrl,
    meiliMasterKey: o.meiliMasterKey,
    baseUrl: o.baseUrl,
    rate: o.rate,
    concurrency: o.concurrency,
    contact: o.contact,
    port: o.port,
    host: o.host,
  };
}

/** Reads the global and command options of `cmd` into a validated, frozen Config. */
export function configFrom(cmd: Command, opts: { requireContactForRemote?: boolean } = {}): Readonly<Config> {
  return loadConfig(flagsFrom(cmd), process.env, opts);
}
