import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

// The stand-alone worker as its own process (this run's build), for the tests that kill it mid-job.

/** Starts apps/worker of this test run's build with `env` only; its output is appended to `output`. */
export function startWorker(env: Record<string, string>, output: string[]): ChildProcess {
  const main = join(process.env.TEST_DIST_DIR!, 'apps/worker/src/main.js');
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}

/** Sends `signal` and waits for the exit (nothing if it has exited already). */
export async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
