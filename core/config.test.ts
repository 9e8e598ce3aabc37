import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Config, loadConfig } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const c = loadConfig({}, {});
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.baseUrl).toBe('https://www.lgo.org.uk');
    expect(c.rate).toBe(1);
    expect(c.concurrency).toBe(4);
    expect(c.meiliUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.userAgent).toMatch(/^lgsco-archive\/\d+\.\d+\.\d+ /);
    expect(Object.isFrozen(c)).toBe(true);
    expectTypeOf(c).toEqualTypeOf<Readonly<Config>>();
  });

  it('lets flags win over env vars and env vars over defaults', () => {
    const c = loadConfig({ concurrency: 8 }, { LGSCO_CONCURRENCY: '2', DATA_DIR: '/tmp/x', LGSCO_RATE: '3' });
    expect(c.concurrency).toBe(8);
    expect(c.dataDir).toBe('/tmp/x');
    expect(c.rate).toBe(3);
  });

  it('defaults to a faster rate only for a loopback replica', () => {
    expect(loadConfig({ baseUrl: 'http://127.0.0.1:3100' }, {}).rate).toBe(50);
    expect(loadConfig({ baseUrl: 'http://localhost:3100' }, {}).baseUrlIsLocal).toBe(true);
    expect(loadConfig({ baseUrl: 'https://www.lgo.org.uk' }, {}).rate).toBe(1);
  });

  it('names the bad setting, its env var and flag, and the value', () => {
    const bad = (flags: Record<string, string>, env: Record<string, string> = {}) => {
      try {
        loadConfig(flags, env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(bad({}, { LGSCO_RATE: 'fast' })).toMatch(/^LGSCO_RATE \/ --rate: .*"fast"/);
    expect(bad({ rate: '-1' })).toMatch(/^LGSCO_RATE \/ --rate: must be a positive number/);
    expect(bad({ concurrency: '2.5' })).toMatch(
      /^LGSCO_CONCURRENCY \/ --concurrency: must be a whole number/,
    );
    expect(bad({ baseUrl: 'ftp://x' })).toMatch(/^LGSCO_BASE_URL \/ --base-url: must be an http\(s\) URL/);
    expect(bad({}, { REDIS_URL: 'localhost:6379' })).toMatch(/^REDIS_URL .*redis:\/\//);
    expect(bad({}, { MEILI_URL: 'http://127.0.0.1:7700' })).toMatch(/^MEILI_MASTER_KEY: is required/);
    expect(bad({}, { LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL/);
  });

  it('requires a contact before crawling a site that is not on this machine', () => {
    expect(() => loadConfig({}, {}, { requireContactForRemote: true })).toThrow(
      /LGSCO_CONTACT .*www\.lgo\.org\.uk/,
    );
    const c = loadConfig({ contact: 'data@example.org' }, {}, { requireContactForRemote: true });
    expect(c.userAgent).toContain('contact: data@example.org');
    expect(() =>
      loadConfig({ baseUrl: 'http://127.0.0.1:9' }, {}, { requireContactForRemote: true }),
    ).not.toThrow();
  });

  it('reads the Meilisearch master key from the environment or a file, never from a flag', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-key-'));
    try {
      const file = path.join(dir, 'key');
      writeFileSync(file, '  file-key-0123456789abcdef\n', { mode: 0o600 });
      const url = 'http://127.0.0.1:7700';
      expect(loadConfig({}, { MEILI_URL: url, MEILI_MASTER_KEY: 'env-key' }).meiliMasterKey).toBe('env-key');
      expect(loadConfig({}, { MEILI_URL: url, MEILI_MASTER_KEY_FILE: file }).meiliMasterKey).toBe(
        'file-key-0123456789abcdef',
      );
      // The file (env or --meili-master-key-file) wins over MEILI_MASTER_KEY.
      expect(
        loadConfig({ meiliMasterKeyFile: file }, { MEILI_URL: url, MEILI_MASTER_KEY: 'env-key' })
          .meiliMasterKey,
      ).toBe('file-key-0123456789abcdef');
      expect(() => loadConfig({ meiliMasterKeyFile: path.join(dir, 'missing') }, {})).toThrow(
        /^MEILI_MASTER_KEY_FILE \/ --meili-master-key-file: cannot read .*missing: ENOENT/,
      );
      writeFileSync(path.join(dir, 'empty'), '\n');
      expect(() => loadConfig({}, { MEILI_MASTER_KEY_FILE: path.join(dir, 'empty') })).toThrow(/is empty/);
      expect(() => loadConfig({}, { MEILI_URL: url })).toThrow(/MEILI_MASTER_KEY_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
