/**
 * The web pages: a Fastify plugin serving the static search, decision and organisation pages
 * and their assets (plain ES modules and CSS from web/public, uPlot from node_modules). No build
 * step: every file is read once at registration and served from memory with an ETag.
 * Every response carries a strict Content-Security-Policy (no inline script or style).
 * @module
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// For the type of the `rateLimit` route option only (the API registers the plugin itself).
import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../core/errors.js';
import { PAGES, pageHtml } from './pages.js';

/**
 * A folder of web/, read from the sources even when this module runs compiled from dist/web/ (the
 * browser modules and page bodies have no build step, so nothing is copied into dist/).
 */
const webDir = (name: string) =>
  fileURLToPath(
    new URL(import.meta.url.endsWith('.ts') ? `./${name}/` : `../../web/${name}/`, import.meta.url),
  );
/** Assets served under /assets/: browser modules, the stylesheet, the icon. */
const PUBLIC_DIR = webDir('public');
/** Each page's own `<main>`, put in the one shell by pages.ts. */
const PAGES_DIR = webDir('pages');

/** The uPlot files the organisation page loads, served under /assets/vendor/uplot/. */
const UPLOT_FILES = ['uPlot.esm.js', 'uPlot.min.css'] as const;

/**
 * Same-origin only. uPlot sizes its canvas through the CSSOM (element.style.x = …), which
 * style-src does not restrict, so no 'unsafe-inline' is needed anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(file: string, body: Buffer = readFileSync(file)): Asset {
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type, etag };
}

/** Every file under dir, keyed by its path relative to dir with forward slashes. */
function readTree(dir: string, prefix = ''): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of readTree(full, `${rel}/`)) out.set(k, v);
    else if (entry.isFile() && !entry.name.startsWith('.')) out.set(rel, asset(full));
  }
  return out;
}

function uplotDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('uplot/package.json')), 'dist');
}

function securityHeaders(reply: FastifyReply): void {
  reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('cross-origin-opener-policy', 'same-origin');
}

function send(req: FastifyRequest, reply: FastifyReply, a: Asset): FastifyReply {
  securityHeaders(reply);
  // Revalidate every time: a restart with new assets must never mix old and new modules.
  reply.header('cache-control', 'no-cache').header('etag', a.etag).type(a.type);
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  return reply.send(a.body);
}

/**
 * Serves the pages of pages.ts (`/` search, `/decisions/:refKey`, `/organisations`,
 * `/organisations/:name`, `/status`) and `/assets/*`. The pages are static; their scripts read the
 * API on the same origin.
 */
export const webPages: FastifyPluginAsync = async (app) => {
  const files = readTree(PUBLIC_DIR);
  const vendor = uplotDir();
  for (const name of UPLOT_FILES) files.set(`vendor/uplot/${name}`, asset(path.join(vendor, name)));

  // Out of the OpenAPI document, and out of the API's per-client rate limit: a page view costs
  // several asset requests, served from memory, which should not eat into a user's API budget.
  const hide = { schema: { hide: true }, config: { rateLimit: false as const } };
  for (const spec of PAGES) {
    const file = path.join(PAGES_DIR, `${spec.main}.html`);
    const page = asset(file, Buffer.from(pageHtml(spec, readFileSync(file, 'utf8'))));
    app.get(spec.route, hide, (req, reply) => send(req, reply, page));
  }

  app.get<{ Params: { '*': string } }>('/assets/*', hide, (req, reply) => {
    const a = files.get(req.params['*']);
    if (!a) {
      securityHeaders(reply);
      // The API's error body (docs/errors.md), as on every other route.
      return reply.code(404).send({ code: ErrorCode.NOT_FOUND, message: 'no such asset' });
    }
    return send(req, reply, a);
  });
};
