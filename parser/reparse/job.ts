/**
 * One stored page parsed again: stored bytes (brotli) → text → Decision, compared with the record
 * the archive holds. Pure and synchronous, so it runs the same in a worker thread or inline.
 * @module
 */
import { createHash } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { isLgscoError } from '../../core/errors.js';
import type { Decision } from '../../core/record.js';
import { parseDecisionHtml } from '../decision.js';
import { decodeBody } from '../decode.js';

export interface ReparseJob {
  id: number;
  url: string;
  contentType: string | null;
  /** Blob encoding as stored ("br"; "identity" for plain bytes). */
  encoding: string;
  stored: Uint8Array;
  /** The record the archive holds for this decision (JSON), if any. */
  recordJson: string | null;
}

/**
 * A re-parse's answer. When the new record says what the stored one says, only what the archive
 * needs crosses back from a worker thread, not the record: `identical` (byte for byte) or
 * `version` (the same but for the parser version: the new JSON).
 */
export type ReparseResult =
  | { id: number; ok: true; refKey: string; same: 'identical' }
  | { id: number; ok: true; refKey: string; same: 'version'; recordJson: string; parserVersion: string }
  | {
      id: number;
      ok: true;
      refKey: string;
      /** `content`: the same content, serialised differently; `no`: the record changed (or is new). */
      same: 'content' | 'no';
      record: Decision;
    }
  | { id: number; ok: false; error: string };

/** sha256 of a record without its parserVersion: what the record says, not who wrote it. */
export function contentHash(record: Record<string, unknown>): string {
  const { parserVersion: _v, ...rest } = record;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

function safeContentHash(json: string): string | null {
  try {
    return contentHash(JSON.parse(json));
  } catch {
    return null;
  }
}

function bytesOf(job: ReparseJob): Buffer {
  const buf = Buffer.from(job.stored.buffer, job.stored.byteOffset, job.stored.byteLength);
  if (job.encoding === 'br') return brotliDecompressSync(buf);
  if (job.encoding === 'identity') return buf;
  throw new Error(`unknown blob encoding ${job.encoding}`);
}

/** Decompresses, decodes (charset of the Content-Type) and parses one page; never throws. */
export function reparseOne(job: ReparseJob): ReparseResult {
  let record: Decision;
  try {
    record = parseDecisionHtml(decodeBody(bytesOf(job), job.contentType), { url: job.url });
  } catch (e) {
    const error = isLgscoError(e)
      ? e.message
      : `parser failed: ${e instanceof Error ? e.message : String(e)}`;
    return { id: job.id, ok: false, error };
  }
  const refKey = record.refKey;
  if (job.recordJson !== null) {
    // Records are serialised in schema order (both went through the Decision schema), so the
    // stored JSON with this parser's version written in equals the new JSON when nothing else moved.
    const fresh = JSON.stringify(record);
    if (fresh === job.recordJson) return { id: job.id, ok: true, refKey, same: 'identical' };
    const version = JSON.stringify(record.parserVersion);
    const restamped = job.recordJson.replace(
      /"parserVersion":"(?:[^"\\]|\\.)*"/,
      () => `"parserVersion":${version}`,
    );
    if (fresh === restamped)
      return {
        id: job.id,
        ok: true,
        refKey,
        same: 'version',
        recordJson: fresh,
        parserVersion: record.parserVersion,
      };
    if (safeContentHash(job.recordJson) === contentHash(record))
      return { id: job.id, ok: true, refKey, same: 'content', record };
  }
  return { id: job.id, ok: true, refKey, same: 'no', record };
}
