import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import { ArchivedDecision } from '../../core/record.js';
import { parseRef } from '../../core/ref.js';
import type { ApiContext } from '../app.js';
import { ErrorBody, RefParams } from '../schemas.js';

export const DecisionResponse = ArchivedDecision.extend({
  /** True while the page is gone from the Ombudsman's site (the decision stays in the archive). */
  removedFromSource: z.boolean(),
  /** False for a record parsed before facts were extracted: its facts read as finding "unknown", no payments. */
  factsExtracted: z.boolean(),
});

const FACT_DEFAULTS = {
  finding: 'unknown',
  notInvestigatedReason: null,
  payments: [],
  remedyTotal: 0,
  apology: false,
  serviceImprovements: [],
  deadlineDays: null,
  delays: [],
  missedEducation: [],
} as const;

/** GET /api/decisions/:ref: the full record from the archive of record (not the search index). */
export function decisionRoutes({ archive }: ApiContext): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/decisions/:ref',
      {
        schema: {
          summary: 'One decision, in full',
          description:
            'Accepts the reference as printed ("24 019 223") or as in URLs ("24-019-223"). The record with ' +
            'its sections, extracted facts (each with the sentence it was read from: section, text, offsets), ' +
            'the source URL, the archived page versions and the removed flag.',
          params: RefParams,
          response: { 200: DecisionResponse, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const { key } = parseRef(req.params.ref);
        const decision = archive.getDecision(key);
        if (!decision) throw new NotFoundError(`no decision ${key} in the archive`);
        const factsExtracted = typeof (decision as { finding?: unknown }).finding === 'string';
        return {
          ...FACT_DEFAULTS,
          ...decision,
          removedFromSource: decision.archive.removedAt !== null,
          factsExtracted,
        };
      },
    );
  };
}
