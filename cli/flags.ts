/**
 * Maps commander options to configuration flags, so every command validates the same way.
 * @module
 */
import type { Command } from 'commander';
import { type Config, type ConfigFlags, loadConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';

/** The configuration-bearing options of `cmd` and its parents. */
export function flagsFrom(cmd: Command): ConfigFlags {
  const o = cmd.optsWithGlobals() as Record<string, string | number | undefined>;
  if (o.meiliMasterKey !== undefined)
    throw new ConfigError(
      '--meili-master-key',
      'was removed: a key on the command line is visible to every local user (ps); set MEILI_MASTER_KEY in the environment, or MEILI_MASTER_KEY_FILE / --meili-master-key-file to a file holding it',
    );
  return {
    dataDir: o.dataDir,
    logLevel: o.logLevel,
    meiliUrl: o.meiliUrl,
    meiliMasterKeyFile: o.meiliMasterKeyFile,
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
