/**
 * An archive filled with replica decision pages, as a crawl would leave it: every page stored
 * verbatim (brotli), parsed and saved. Built once per (seed, count, parser version) under a
 * directory and reused; used by bench/parse.ts, bench/api.ts and the reparse tests.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../archive/index.js';
import { PARSER_VERSION, parseDecisionHtml } from '../parser/index.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';

export interface ReplicaArchiveOptions {
  seed: number;
  count: number;
  /** Brotli quality of the stored pages (the archive's default unless set; 4 builds 60k pages faster). */
  brotliQuality?: number;
  /** Called every 1,000 pages while building. */
  onProgress?: (done: number) => void;
}

const MARKER = 'replica-archive.json';

/**
 * Opens the archive under `dir`, building it first when it does not hold (seed, count) parsed by
 * this parser version yet; a rebuild empties `dir` first.
 */
export function openReplicaArchive(
  dir: string,
  options: ReplicaArchiveOptions,
): { archive: Archive; built: boolean } {
  const marker = path.join(dir, MARKER);
  const want = JSON.stringify({ seed: options.seed, count: options.count, parser: PARSER_VERSION });
  const brotli = options.brotliQuality === undefined ? {} : { brotliQuality: options.brotliQuality };
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want)
    return { archive: Archive.open(dir, brotli), built: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = Archive.open(dir, brotli);
  const corpus = generateCorpus({ seed: options.seed, count: options.count });
  const fetchedAt = '2026-06-01T00:00:00.000Z';
  for (let start = 0; start < corpus.count; start += 500) {
    archive.transaction(() => {
      for (let i = start; i < Math.min(corpus.count, start + 500); i++) {
        const d = corpus.full(i);
        const html = renderDecisionPage(d);
        const { hash } = archive.storePage({
          url: d.url,
          kind: 'decision',
          status: 200,
          body: Buffer.from(html, 'utf8'),
          contentType: 'text/html; charset=utf-8',
          refKey: d.refKey,
          fetchedAt,
        });
        archive.saveDecision(parseDecisionHtml(html, { url: d.url }), hash, { fetchedAt });
      }
    });
    if (Math.floor((start + 500) / 1000) > Math.floor(start / 1000))
      options.onProgress?.(Math.min(corpus.count, start + 500));
  }
  writeFileSync(marker, want);
  return { archive, built: true };
}
