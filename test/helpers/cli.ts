import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const LGSCO_BIN = path.resolve(import.meta.dirname, '../../bin/lgsco.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lgsco ARGS` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LGSCO_BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lgsco ${args.join(' ')} timed out\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface LongRunning {
  child: ChildProcess;
  /** The first match of `pattern` in stdout. */
  match: RegExpExecArray;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts a long-running `lgsco` command and waits until stdout matches `pattern`. */
export function startCli(
  args: string[],
  pattern: RegExp,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<LongRunning> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LGSCO_BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lgsco ${args.join(' ')} did not print ${pattern} in time\n${out}\n${err}`));
    }, timeoutMs);
    const stop = () =>
      new Promise<number | null>((res) => {
        if (child.exitCode !== null) return res(child.exitCode);
        child.once('close', (code) => res(code));
        child.kill('SIGTERM');
      });
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, output: () => out + err, stop });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`lgsco ${args.join(' ')} exited (${code}) before printing ${pattern}\n${out}\n${err}`),
      );
    });
  });
}
