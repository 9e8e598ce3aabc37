/**
 * Which payments are in a decision's remedy total: the one rule, without the schemas (the
 * parser's worker threads load this; core/facts.ts re-exports it).
 * @module
 */
import type { Payment, PaymentStatus } from './facts.js';

/** The statuses whose sums are always in the remedy total (an offer is, when found enough). */
export const REMEDY_STATUSES: ReadonlySet<PaymentStatus> = new Set(['agreed', 'recommended', 'already_paid']);

/** Whether a payment is in the remedy total (records before 1.11.0 have no flag: by status). */
export function countedInTotal(p: Pick<Payment, 'status' | 'countedInTotal'>): boolean {
  return p.countedInTotal ?? REMEDY_STATUSES.has(p.status);
}
