import { ErrorCode, LgscoError } from '../../core/errors.js';

/**
 * A crawl stage cannot run split across machines: the fetch stage touched an archive method the
 * journal cannot record, or a replayed page differs from the bytes fetched. A bug, never retried.
 */
export class QueueStageError extends LgscoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.QUEUE_STAGE, message, options);
  }
}
