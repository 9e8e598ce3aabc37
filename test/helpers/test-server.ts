/**
 * A tiny scripted HTTP server on 127.0.0.1 for the crawler's tests: each request is logged with a
 * server-side timestamp (so rate and concurrency are measured where they matter) and answered by
 * the first route whose path matches.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  /** performance.now() when the request arrived. */
  at: number;
  /** performance.now() when the response finished (or the socket closed). */
  doneAt?: number;
  method: string;
  path: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** Requests being handled when this one arrived, this one included. */
  inFlight: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  log: LoggedRequest[];
  /** Adds or replaces the handler for an exact path (query ignored) or a prefix ending in "*". */
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  maxInFlight(): number;
  close(): Promise<void>;
}

export async function startTestServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map<string, Handler>(Object.entries(routes));
  const log: LoggedRequest[] = [];
  const hitCount = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  const find = (path: string): Handler | undefined => {
    const exact = table.get(path);
    if (exact) return exact;
    let best: [number, Handler] | undefined;
    for (const [k, h] of table) {
      if (k.endsWith('*') && path.startsWith(k.slice(0, -1)) && (!best || k.length > best[0]))
        best = [k.length, h];
    }
    return best?.[1];
  };

  const server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LoggedRequest = {
      at: performance.now(),
      method: req.method ?? 'GET',
      path: u.pathname,
      url: u.pathname + u.search,
      headers: req.headers,
      inFlight,
    };
    log.push(entry);
    const hit = (hitCount.get(u.pathname) ?? 0) + 1;
    hitCount.set(u.pathname, hit);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      entry.doneAt = performance.now();
    };
    res.on('close', finish);
    res.on('finish', finish);
    const handler = find(u.pathname);
    try {
      if (handler) await handler(req, res, hit);
      else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      }
    } catch (e) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    route: (path, handler) => table.set(path, handler),
    hits: (path) => hitCount.get(path) ?? 0,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Handler answering 200 text/html with `body`, optionally after `delayMs`. */
export function html(body: string, delayMs = 0, headers: Record<string, string> = {}): Handler {
  return async (_req, res) => {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
}

/** Handler answering robots.txt with `text`. */
export function robots(text: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
}
