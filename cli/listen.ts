/**
 * Starting the API's listener: a port in use (or an address the process may not bind) is one
 * clear line and exit code 1 (LGSCO_ERR_PORT_IN_USE), after what was opened for it is closed.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { ListenError } from '../core/errors.js';

const WHY: Record<string, string> = {
  EADDRINUSE: 'the port is in use by another process; choose another with --port (or PORT)',
  EACCES: 'permission denied (ports below 1024 need privileges); choose another with --port (or PORT)',
  EADDRNOTAVAIL: 'the address is not one of this machine’s; choose another with --host (or HOST)',
};

/**
 * `app.listen` on `host:port`; on failure runs `cleanup` (close the app and services) and throws
 * ListenError naming the address and the fix. Returns the listening address.
 */
export async function listenOrExplain(
  app: FastifyInstance,
  host: string,
  port: number,
  cleanup: () => Promise<void>,
): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    await cleanup().catch(() => {});
    throw new ListenError(
      `cannot listen on ${host}:${port}: ${WHY[code] ?? (e instanceof Error ? e.message : String(e))}`,
      { cause: e },
    );
  }
}
