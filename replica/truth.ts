/**
 * Streams the corpus's ground truth to a JSON file: one array, one record per decision, written
 * in batches with back-pressure so 60,000 records never sit in memory as one string.
 * @module
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { FullDecision } from './compose.js';
import type { ReplicaCorpus } from './corpus.js';
import type { ReplicaDecision } from './truth-schema.js';

/** The truth record of a full decision (drops the renderer's body). */
export function truthOf(d: FullDecision): ReplicaDecision {
  return {
    ref: d.ref,
    refKey: d.refKey,
    url: d.url,
    path: d.path,
    organisation: d.organisation,
    category: d.category,
    subcategory: d.subcategory,
    outcome: d.outcome,
    decisionDate: d.decisionDate,
    headerLines: d.headerLines,
    kind: d.kind,
    summary: d.summary,
    sections: d.sections,
    finding: d.finding,
    notInvestigatedReason: d.notInvestigatedReason,
    payments: d.payments,
    remedyTotal: d.remedyTotal,
    apology: d.apology,
    serviceImprovements: d.serviceImprovements,
    delays: d.delays,
    missedEducation: d.missedEducation,
    deadlineDays: d.deadlineDays,
    satisfiedDate: d.satisfiedDate,
    jointWith: d.jointWith,
    revision: d.revision,
  };
}

/** Writes every decision's truth record (current revisions) to `file` as a JSON array. */
export async function writeTruth(corpus: ReplicaCorpus, file: string): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('[');
  let batch: string[] = [];
  let first = true;
  const flush = async () => {
    if (batch.length === 0) return;
    await write(`${first ? '\n' : ',\n'}${batch.join(',\n')}`);
    first = false;
    batch = [];
  };
  for (let i = 0; i < corpus.count; i++) {
    batch.push(JSON.stringify(truthOf(corpus.full(i))));
    if (batch.length === 200) await flush();
  }
  await flush();
  await write('\n]\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
