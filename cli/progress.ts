/**
 * Crawl progress for people and for logs: a cli-progress bar on a terminal (stderr, so stdout
 * keeps only the summary), otherwise one structured pino line every `intervalMs`.
 * @module
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../core/log.js';

export interface ProgressCounts {
  /** Work known so far (grows while discovery runs). */
  total: number;
  done: number;
  fetched: number;
  skipped: number;
  failed: number;
  /** HTTP requests sent so far. */
  requests: number;
  /** Short state shown before the bar, e.g. "discovering". */
  stage?: string;
}

export interface ProgressReporter {
  update(c: ProgressCounts): void;
  /** Draws or logs the final state and releases the terminal. Idempotent. */
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  log: Logger;
  /** Draw a bar (default: stderr is a terminal). */
  tty?: boolean;
  /** Milliseconds between log lines when not on a terminal. @default 10_000 */
  intervalMs?: number;
  stream?: NodeJS.WriteStream;
}

const eta = (remaining: number, perSecond: number) =>
  perSecond > 0 ? Math.round(remaining / perSecond) : undefined;

/** A reporter for one crawl or re-check. */
export function createProgress(o: ProgressOptions): ProgressReporter {
  const started = Date.now();
  const stream = o.stream ?? process.stderr;
  const tty = o.tty ?? stream.isTTY === true;
  let last: ProgressCounts | undefined;
  let stopped = false;
  const rate = (c: ProgressCounts) => c.done / Math.max(0.001, (Date.now() - started) / 1000);

  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          `${o.label} {stage} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | ` +
          'fetched {fetched} skipped {skipped} failed {failed}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { stage: '', rate: '0.0', fetched: 0, skipped: 0, failed: 0 });
    const payload = (c: ProgressCounts) => ({
      stage: c.stage ?? '',
      rate: rate(c).toFixed(1),
      fetched: c.fetched,
      skipped: c.skipped,
      failed: c.failed,
    });
    return {
      update(c) {
        if (stopped) return;
        last = c;
        bar.setTotal(Math.max(c.total, c.done));
        bar.update(c.done, payload(c));
      },
      stop() {
        if (stopped) return;
        stopped = true;
        if (last) bar.update(last.done, payload(last));
        bar.stop();
      },
    };
  }

  const intervalMs = o.intervalMs ?? 10_000;
  const line = (c: ProgressCounts, msg: string) => {
    const perSecond = rate(c);
    o.log.info(
      {
        progress: o.label,
        stage: c.stage,
        done: c.done,
        total: c.total,
        fetched: c.fetched,
        skipped: c.skipped,
        failed: c.failed,
        requests: c.requests,
        perSecond: Number(perSecond.toFixed(2)),
        etaSeconds: eta(c.total - c.done, perSecond),
      },
      msg,
    );
  };
  let logged: ProgressCounts | undefined;
  const timer = setInterval(() => {
    if (last && last !== logged) {
      logged = last;
      line(last, 'progress');
    }
  }, intervalMs);
  timer.unref();
  return {
    update(c) {
      if (!stopped) last = c;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (last) line(last, 'progress (final)');
    },
  };
}
