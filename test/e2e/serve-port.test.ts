/**
 * `lgsco serve` on a port another process holds: one line naming the address and the fix, exit
 * code 1, no stack trace, and the process ends (what it opened is closed) — issue #16, point 7.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('lgsco serve on a port in use', () => {
  const tmp = tempDir('lgsco-serve-port-');
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const addr = holder.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    tmp.cleanup();
  });

  it('prints one line naming the address and exits 1', async () => {
    const r = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', tmp.dir], {
      LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `lgsco: LGSCO_ERR_PORT_IN_USE: cannot listen on 127.0.0.1:${port}: the port is in use by another process; choose another with --port (or PORT)\n`,
    );
    expect(r.stdout).not.toMatch(/listening/);
  }, 120_000);
});
