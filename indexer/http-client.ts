/**
 * An HTTP client for the meilisearch package built on node:http with keep-alive, for the search
 * path. Why: Node's fetch (undici) sends a POST's headers and body in two writes; on a keep-alive
 * connection to Meilisearch that meets Nagle's algorithm and delayed ACKs and adds ~40 ms to every
 * search (measured: 39 ms per sequential search with fetch, 6 ms with one write). Here the request
 * goes out in one `end(body)` call on a socket with TCP_NODELAY.
 *
 * Behaves like the package's own client: parsed JSON back, MeilisearchApiError for an error
 * status (with the response and Meilisearch's error body), MeilisearchRequestError for a network
 * failure or abort.
 * @module
 */
import http from 'node:http';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

export function nodeHttpClient(input: string | URL | Request, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => {
    headers[k] = v;
  });
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers,
        agent,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new MeilisearchRequestError(url.toString(), e)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (e) {
            reject(new MeilisearchRequestError(url.toString(), e));
            return;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(parsed);
            return;
          }
          const response = new Response(text === '' ? null : text, {
            status,
            statusText: res.statusMessage ?? '',
          });
          reject(
            new MeilisearchApiError(response, parsed as ConstructorParameters<typeof MeilisearchApiError>[1]),
          );
        });
      },
    );
    req.on('socket', (s) => s.setNoDelay(true));
    req.on('error', (e) => reject(new MeilisearchRequestError(url.toString(), e)));
    req.end(body);
  });
}
