/**
 * Opens what the long-running commands share: the archive, Meilisearch (embedded or external)
 * and the decisions index. `close()` releases them in reverse order and is idempotent.
 * @module
 */
import { Archive } from '../archive/index.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { DecisionIndex, ensureMeili, type MeiliHandle } from '../indexer/index.js';

export interface Services {
  config: Readonly<Config>;
  archive: Archive;
  meili: MeiliHandle;
  index: DecisionIndex;
  log: Logger;
  /** Sends records to the index and marks them indexed in the archive. */
  indexRecords(records: Decision[]): Promise<void>;
  /** Indexes every archived decision whose current record is not yet in the index. */
  catchUpIndex(): Promise<number>;
  close(): Promise<void>;
}

export async function openServices(config: Readonly<Config>, log: Logger): Promise<Services> {
  const archive = Archive.open(config.dataDir);
  let meili: MeiliHandle;
  try {
    meili = await ensureMeili(config, { log });
  } catch (e) {
    archive.close();
    throw e;
  }
  const index = new DecisionIndex(meili.client, { log });
  await index.ensureSettings();

  const indexRecords = async (records: Decision[]) => {
    if (records.length === 0) return;
    await index.upsert(records);
    archive.markIndexed(records.map((r) => r.refKey));
  };

  let closing: Promise<void> | undefined;
  return {
    config,
    archive,
    meili,
    index,
    log,
    indexRecords,
    async catchUpIndex() {
      let total = 0;
      let batch: Decision[] = [];
      for (const record of archive.decisionsNeedingIndex()) {
        batch.push(record);
        if (batch.length >= 1000) {
          await indexRecords(batch);
          total += batch.length;
          batch = [];
        }
      }
      await indexRecords(batch);
      return total + batch.length;
    },
    close() {
      closing ??= (async () => {
        await meili.release();
        archive.close();
      })();
      return closing;
    },
  };
}
