/**
 * `lgsco crawl` hands every option to both runners alike: the same arguments give the in-process
 * crawl (crawler/) and the queued run (REDIS_URL, crawl-queued.ts) the same selection. The crawler
 * and the queues are stubbed; only what each runner is asked to do is compared. A crawl option
 * this file does not exercise fails the last test, so a new flag cannot be dropped in queued mode
 * unnoticed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerCrawl } from './crawl.js';

const stub = vi.hoisted(() => ({
  runCrawl: vi.fn(),
  runRecheck: vi.fn(),
  enqueueCrawl: vi.fn(),
  enqueueRecheck: vi.fn(),
  waitForRun: vi.fn(),
}));

vi.mock('../../crawler/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../crawler/index.js')>()),
  runCrawl: stub.runCrawl,
  runRecheck: stub.runRecheck,
}));

vi.mock('../../queue/index.js', () => ({
  CrawlQueues: class {
    async close() {}
  },
  RunStats: class {},
  openRedis: async () => ({ quit: async () => 'OK', disconnect() {} }),
  redactUrl: (u: string) => u,
  enqueueCrawl: stub.enqueueCrawl,
  enqueueRecheck: stub.enqueueRecheck,
  waitForRun: stub.waitForRun,
}));

// No signal handlers left behind by the runners.
vi.mock('../run.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../run.js')>()),
  onShutdown: () => {},
}));

/** The options that select what a crawl or re-check run does, as both runners receive them. */
const SELECTION = ['from', 'to', 'incremental', 'refresh', 'limit', 'organisation', 'category', 'outcomes'];
const RECHECK = ['olderThanMs', 'limit'];

/** `o`'s `keys`, an absent or false flag as undefined (the queue payload leaves out what is off). */
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k] === false ? undefined : o[k]]));

const dataDir = mkdtempSync(path.join(tmpdir(), 'lgsco-crawl-flags-'));
let stderr = '';

/** Runs `lgsco crawl ARGS` in this process, in-process or (with `queued`) against the stubbed queues. */
async function crawl(args: string[], queued: boolean): Promise<void> {
  vi.stubEnv('DATA_DIR', dataDir);
  vi.stubEnv('LOG_LEVEL', 'silent');
  vi.stubEnv('LGSCO_BASE_URL', 'http://127.0.0.1:9');
  vi.stubEnv('REDIS_URL', queued ? 'redis://127.0.0.1:9' : '');
  const program = new Command('lgsco').exitOverride();
  registerCrawl(program);
  // In-process without the index: no Meilisearch, only the archive in dataDir.
  await program.parseAsync(['crawl', ...args, ...(queued ? [] : ['--no-index'])], { from: 'user' });
  expect(stderr).not.toMatch(/^lgsco: /m);
  expect(process.exitCode ?? 0).toBe(0);
}

/** What the in-process crawl and the queued run were asked for with the same arguments. */
async function both(args: string[], recheck = false) {
  await crawl(args, false);
  await crawl(args, true);
  const [inProcess, enqueue] = recheck
    ? [stub.runRecheck, stub.enqueueRecheck]
    : [stub.runCrawl, stub.enqueueCrawl];
  expect(inProcess).toHaveBeenCalledTimes(1);
  expect(enqueue).toHaveBeenCalledTimes(1);
  const keys = recheck ? RECHECK : SELECTION;
  return {
    inProcess: pick(inProcess.mock.calls[0]![0], keys),
    queued: pick(enqueue.mock.calls[0]![1], keys),
  };
}

interface Case {
  args: string[];
  recheck?: boolean;
  /** What the in-process runner must be asked for; the queued run must be asked the same. */
  expected: Record<string, unknown>;
}

const none = Object.fromEntries(SELECTION.map((k) => [k, undefined]));
const CASES: Case[] = [
  {
    args: [
      '--from',
      '2020-01-01',
      '--to',
      '2020-06-30',
      '--limit',
      '5',
      '--organisation',
      'Northmere County Council',
      '--category',
      'Education',
      '--outcome',
      'upheld,Not upheld',
    ],
    expected: {
      from: '2020-01-01',
      to: '2020-06-30',
      incremental: undefined,
      refresh: undefined,
      limit: 5,
      organisation: 'Northmere County Council',
      category: 'Education',
      outcomes: ['Upheld', 'Not upheld'],
    },
  },
  // --since DATE walks its windows again from DATE (over --from).
  {
    args: ['--since', '2021-03-01', '--from', '2016-01-01'],
    expected: { ...none, from: '2021-03-01', refresh: true },
  },
  { args: ['--since'], expected: { ...none, incremental: true } },
  { args: ['--incremental'], expected: { ...none, incremental: true } },
  // Incremental wins over the date (both runners start at the newest archived decision).
  {
    args: ['--incremental', '--since', '2021-03-01'],
    expected: { ...none, from: '2021-03-01', incremental: true, refresh: true },
  },
  {
    args: ['--recheck', '--older-than', '2w', '--limit', '3'],
    recheck: true,
    expected: { olderThanMs: 14 * 86_400_000, limit: 3 },
  },
  { args: ['--recheck'], recheck: true, expected: { olderThanMs: 30 * 86_400_000, limit: undefined } },
];

describe('lgsco crawl options, in-process and queued', () => {
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      stderr += String(s);
      return true;
    });
    stub.runCrawl.mockResolvedValue({ durationMs: 1, requestsPerSecond: 0 });
    stub.runRecheck.mockResolvedValue({ durationMs: 1, requestsPerSecond: 0 });
    stub.enqueueCrawl.mockResolvedValue('run-crawl');
    stub.enqueueRecheck.mockResolvedValue('run-recheck');
    stub.waitForRun.mockResolvedValue({ run: {}, elapsedMs: 1, planState: 'completed' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.clearAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(CASES)('crawl $args', async ({ args, recheck, expected }) => {
    const { inProcess, queued } = await both(args, recheck);
    expect(inProcess).toEqual(expected);
    expect(queued).toEqual(inProcess);
  });

  it('queued: waits for the run unless --no-wait; --no-index still enqueues (the workers index)', async () => {
    await crawl([], true);
    expect(stub.waitForRun).toHaveBeenCalledTimes(1);
    vi.clearAllMocks();
    await crawl(['--no-wait'], true);
    expect(stub.enqueueCrawl).toHaveBeenCalledTimes(1);
    expect(stub.waitForRun).not.toHaveBeenCalled();
    vi.clearAllMocks();
    await crawl(['--no-index'], true);
    expect(stub.enqueueCrawl).toHaveBeenCalledTimes(1);
  });

  it('every crawl option is compared above (or is configuration, read by configFrom)', () => {
    const configuration = ['--base-url', '--rate', '--concurrency', '--contact'];
    const elsewhere = ['--no-wait', '--no-index']; // the test before
    const exercised = new Set(CASES.flatMap((c) => c.args.filter((a) => a.startsWith('--'))));
    const program = new Command('lgsco');
    registerCrawl(program);
    const options = program.commands[0]!.options.map((o) => o.long!);
    expect(options.length).toBeGreaterThan(10);
    const untested = options.filter(
      (o) => !exercised.has(o) && !configuration.includes(o) && !elsewhere.includes(o),
    );
    expect(untested, 'a crawl option not compared between in-process and queued runs').toEqual([]);
  });
});
