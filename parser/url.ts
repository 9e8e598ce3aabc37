/**
 * Canonical decision URLs: lgo.org.uk host aliases → the canonical origin (https, www), display
 * parameters (sourceProfile.stripParams) removed, fragment removed, trailing slash removed.
 * Other hosts (the replica, a test server) keep their origin so a crawl of them stays on them.
 * @module
 */
import { ParseError } from '../core/errors.js';
import { sourceProfile } from '../core/source-profile.js';

const aliases = new Set<string>(sourceProfile.hostAliases.map((h) => h.toLowerCase()));
const stripParams = new Set<string>(sourceProfile.stripParams.map((p) => p.toLowerCase()));
const canonical = new URL(sourceProfile.canonicalOrigin);

/**
 * Canonical form of a (decision) URL, resolved against `base` when relative.
 * Throws ParseError when the input is not a URL.
 */
export function canonicalDecisionUrl(url: string, base?: string): string {
  let u: URL;
  try {
    u = base === undefined ? new URL(url.trim()) : new URL(url.trim(), base);
  } catch {
    throw new ParseError(`not a URL: ${JSON.stringify(url.slice(0, 200))}`);
  }
  if (aliases.has(u.hostname.toLowerCase())) {
    u.protocol = canonical.protocol;
    u.hostname = canonical.hostname;
    u.port = canonical.port;
  }
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) {
    if (stripParams.has(key.toLowerCase())) u.searchParams.delete(key);
  }
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  // Decision paths are case-insensitive on the site; the canonical spelling is lower case.
  if (sourceProfile.decisionPage.pathPattern.test(u.pathname)) u.pathname = u.pathname.toLowerCase();
  // URLSearchParams leaves a bare "?" when every parameter was removed.
  return u.href.replace(/\?$/, '');
}
