import { ErrorCode, LgscoError } from '../../core/errors.js';

/**
 * A job's data does not match its queue's payload schema. Retrying cannot help, so the processor
 * turns it into BullMQ's UnrecoverableError and the job stays in the failed set with this message.
 */
export class QueuePayloadError extends LgscoError {
  constructor(
    readonly queue: string,
    readonly jobId: string | undefined,
    issue: string,
  ) {
    super(ErrorCode.QUEUE_PAYLOAD, `job ${jobId ?? '(no id)'} in queue "${queue}" has bad data: ${issue}`);
  }
}
