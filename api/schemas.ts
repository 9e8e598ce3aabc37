/**
 * Query and response schemas of the HTTP API: the single source of the validation rules,
 * the TypeScript types and the OpenAPI document.
 * @module
 */
import { z } from 'zod';

/** A filter that may be given once or repeated (?organisation=A&organisation=B). */
const multi = (what: string) =>
  z
    .union([z.string().trim().min(1).max(200), z.array(z.string().trim().min(1).max(200)).max(50)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .describe(`${what}; repeat the parameter to match any of several values`);

const isoDate = (what: string) =>
  z.iso
    .date({ error: `${what} must be a date written yyyy-mm-dd` })
    .optional()
    .describe(`${what} (yyyy-mm-dd, inclusive)`);

export const SearchQuery = z
  .strictObject({
    q: z.string().max(500, 'q must be at most 500 characters').optional().describe('Full-text query'),
    organisation: multi('Organisation name, exactly as printed'),
    category: multi('Category, e.g. "Education"'),
    subcategory: multi('Subcategory, e.g. "Special educational needs"'),
    outcome: multi('Outcome as printed: "Upheld", "Not upheld", "Closed after initial enquiries"'),
    from: isoDate('from'),
    to: isoDate('to'),
    sort: z
      .enum(['relevance', 'date:desc', 'date:asc'])
      .optional()
      .describe('Order of hits; default relevance with a query, newest first without'),
    page: z.coerce
      .number({ error: 'page must be a number' })
      .int('page must be a whole number')
      .min(1, 'page must be 1 or more')
      .max(10_000)
      .default(1),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be between 1 and 100')
      .max(100, 'limit must be between 1 and 100')
      .default(20),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type SearchQuery = z.output<typeof SearchQuery>;

export const RefParams = z.object({
  ref: z.string().describe('Reference as printed ("24 019 223") or as in URLs ("24-019-223")'),
});

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
});
