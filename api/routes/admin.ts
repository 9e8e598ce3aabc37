/**
 * Admin routes, registered only when LGSCO_ADMIN_TOKEN is set: every request needs
 * `Authorization: Bearer <token>` (compared in constant time). Jobs run in this process in the
 * background; POST answers 202 with the run's id at once.
 * @module
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BusyError, NotFoundError, UnauthorizedError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import type { Decision } from '../../core/record.js';
import { runCrawl, workerParser } from '../../crawler/index.js';
import type { ApiContext } from '../app.js';
import { ErrorBody } from '../schemas.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the Authorization header carries exactly this bearer token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

const RunKind = z.enum(['crawl', 'reindex']);
const Run = z.object({
  id: z.string(),
  kind: RunKind,
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The crawl summary or the reindex report once finished. */
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  statusUrl: z.string(),
});
type Run = z.infer<typeof Run>;

export function adminRoutes(ctx: ApiContext, token: string): FastifyPluginAsync {
  return async (app) => {
    const runs = new Map<string, Run>();
    const running = new Map<
      z.infer<typeof RunKind>,
      { run: Run; done: Promise<void>; abort: AbortController }
    >();
    const log = (ctx.log ?? silentLogger).child({ room: 'api-admin' });

    app.addHook('onRequest', async (req) => {
      if (!bearerMatches(req.headers.authorization, token))
        throw new UnauthorizedError(
          req.headers.authorization ? 'wrong admin token' : 'admin routes need Authorization: Bearer <token>',
        );
    });
    app.addHook('onClose', async () => {
      for (const r of running.values()) r.abort.abort();
      await Promise.allSettled([...running.values()].map((r) => r.done));
    });

    const start = (
      kind: z.infer<typeof RunKind>,
      job: (signal: AbortSignal) => Promise<Record<string, unknown>>,
    ) => {
      const current = running.get(kind);
      if (current) throw new BusyError(`a ${kind} is already running: ${current.run.statusUrl}`);
      const id = randomUUID();
      const run: Run = {
        id,
        kind,
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        result: null,
        error: null,
        statusUrl: `/api/admin/runs/${id}`,
      };
      runs.set(id, run);
      const abort = new AbortController();
      const done = job(abort.signal)
        .then(
          (result) => {
            run.status = 'succeeded';
            run.result = result;
          },
          (e: unknown) => {
            run.status = 'failed';
            run.error = e instanceof Error ? e.message : String(e);
            log.error({ err: e, run: id }, `admin ${kind} failed`);
          },
        )
        .finally(() => {
          run.finishedAt = new Date().toISOString();
          running.delete(kind);
        });
      running.set(kind, { run, done, abort });
      return run;
    };

    const indexRecords = async (records: Decision[]) => {
      if (records.length === 0) return;
      await ctx.index.upsert(records);
      ctx.archive.markIndexed(records.map((r) => r.refKey));
    };

    const api = app.withTypeProvider<ZodTypeProvider>();
    const errors = { 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };
    api.post(
      '/crawl',
      {
        schema: {
          summary: 'Start a crawl of the configured site (admin)',
          description:
            'Starts an in-process crawl of LGSCO_BASE_URL (new decisions are archived, parsed and indexed) ' +
            'and answers 202 with the run; poll its statusUrl. 409 while a crawl is running (here, or a ' +
            '`lgsco crawl` or re-check in another process on the same archive). ' +
            'Needs Authorization: Bearer <LGSCO_ADMIN_TOKEN>.',
          security: [{ bearerAuth: [] }],
          response: { 202: Run, ...errors },
        },
      },
      async (_req, reply) => {
        // A crawl or re-check in another process (a CLI or cron run) holds the archive: 409 now,
        // rather than a run that fails at once.
        const holder = ctx.archive.crawlLockHolder();
        if (holder)
          throw new BusyError(
            `a ${holder.kind} is already running on this archive (pid ${holder.pid}, since ${holder.startedAt})`,
          );
        const run = start('crawl', async (signal) => {
          // Pages are parsed in a worker thread: this thread answers the API while the crawl runs.
          const parser = workerParser(1);
          try {
            const summary = await runCrawl({
              config: ctx.config,
              archive: ctx.archive,
              log,
              onRecords: indexRecords,
              parseOffThread: parser.parse,
              parseListingOffThread: parser.parseListing,
              signal,
            });
            return { ...summary };
          } finally {
            await parser.close();
          }
        });
        return reply.status(202).send(run);
      },
    );
    api.post(
      '/reindex',
      {
        schema: {
          summary: 'Rebuild the search index from the archive (admin)',
          description:
            'Builds a fresh index from every archived decision beside the live one and swaps it in, so ' +
            'search keeps answering. Answers 202 with the run; poll its statusUrl. ' +
            'Needs Authorization: Bearer <LGSCO_ADMIN_TOKEN>.',
          security: [{ bearerAuth: [] }],
          response: { 202: Run, ...errors },
        },
      },
      async (_req, reply) => {
        const run = start('reindex', async () => {
          const keys: string[] = [];
          const archive = ctx.archive;
          const report = await ctx.index.rebuild(
            (function* () {
              for (const d of archive.iterateDecisions()) {
                keys.push(d.refKey);
                yield d;
              }
            })(),
          );
          archive.markIndexed(keys);
          return { ...report };
        });
        return reply.status(202).send(run);
      },
    );
    api.get(
      '/runs/:id',
      {
        schema: {
          summary: 'Status of an admin crawl or reindex (admin)',
          params: z.object({ id: z.string().uuid('id must be a run id') }),
          security: [{ bearerAuth: [] }],
          response: { 200: Run, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const run = runs.get(req.params.id);
        if (!run) throw new NotFoundError(`no admin run ${req.params.id}`);
        return run;
      },
    );
  };
}
