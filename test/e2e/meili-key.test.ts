/**
 * The Meilisearch master key never goes on a command line (issue #16, point 9): `lgsco serve`
 * against an external Meilisearch reads it from a file (MEILI_MASTER_KEY_FILE or
 * --meili-master-key-file) and it is not in the process's argv; the old --meili-master-key flag is
 * gone from --help and refused with one line saying what to use instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMeili, type MeiliHandle } from '../../indexer/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('the Meilisearch master key', () => {
  const meiliDir = tempDir('lgsco-key-meili-');
  const tmp = tempDir('lgsco-key-');
  let meili: MeiliHandle;
  let keyFile: string;

  beforeAll(async () => {
    meili = await ensureMeili({ dataDir: meiliDir.dir });
    keyFile = path.join(tmp.dir, 'meili.key');
    writeFileSync(keyFile, `${meili.masterKey}\n`, { mode: 0o600 });
  }, 120_000);

  afterAll(async () => {
    await meili?.release();
    meiliDir.cleanup();
    tmp.cleanup();
  });

  it('is read from a file by serve, and is not in its argv', async () => {
    for (const [args, env] of [
      [['--meili-master-key-file', keyFile], {}],
      [[], { MEILI_MASTER_KEY_FILE: keyFile }],
    ] as Array<[string[], Record<string, string>]>) {
      const serve = await startCli(
        ['serve', '--port', '0', '--data-dir', path.join(tmp.dir, 'data'), '--meili-url', meili.url, ...args],
        /API listening on (http:\/\/\S+) /,
        { LOG_LEVEL: 'silent', ...env },
      );
      try {
        const argv = readFileSync(`/proc/${serve.child.pid}/cmdline`, 'utf8');
        expect(argv).not.toContain(meili.masterKey);
        const health = (await (await fetch(`${serve.match[1]}/health`)).json()) as { search: string };
        expect(health.search).toBe('ok');
      } finally {
        await serve.stop();
      }
    }
  }, 120_000);

  it('is not taken as a flag: --help does not offer it, and using it is one line, exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('--meili-master-key-file <path>');
    expect(help.stdout).not.toMatch(/--meili-master-key </);
    expect(help.stdout).toContain('MEILI_MASTER_KEY_FILE');
    const refused = await runCli(['status', '--meili-master-key', 'secret-on-the-command-line'], {
      DATA_DIR: path.join(tmp.dir, 'data'),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^lgsco: invalid configuration: --meili-master-key: was removed: .*MEILI_MASTER_KEY.*--meili-master-key-file.*\n$/,
    );
  }, 60_000);
});
