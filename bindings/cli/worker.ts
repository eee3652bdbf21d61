/**
 * `hnn-wasm worker --queue redis://HOST:PORT[/NAME] [--concurrency N] [--stalled-ms MS]`: serves a
 * Redis queue (queueWorker.ts) until SIGTERM or SIGINT. The first signal stops taking jobs and lets
 * the running ones finish; a second hands them back unfinished (another worker runs them again).
 * A line per finished job goes to stdout (`completed <batch>.<k> in S s`, `failed ...`).
 */
import { startQueueWorker } from "../queue/queueWorker";

/** The flags of `hnn-wasm worker`. */
export interface WorkerFlags {
  queue: string;
  concurrency: number;
  stalledMs: number;
}

/** Runs `hnn-wasm worker`; resolves once it has been stopped by a signal. */
export async function workerCommand(flags: WorkerFlags): Promise<void> {
  const worker = await startQueueWorker({ queue: flags.queue }, {
    concurrency: flags.concurrency,
    stalledMs: flags.stalledMs,
    log: (line) => process.stdout.write(line + "\n"),
  });
  process.stdout.write(`worker ${process.pid} serving ${flags.queue} with concurrency ${flags.concurrency}\n`);
  await new Promise<void>((resolve, reject) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals): void => {
      signals++;
      const force = signals > 1;
      process.stdout.write(force ? `${signal} again: handing the running jobs back\n` : `${signal}: finishing the running jobs (send it again to hand them back)\n`);
      worker.close(force).then(resolve, reject);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  process.stdout.write("worker stopped\n");
  // The simulation thread pool would keep the process alive.
  process.exit(0);
}
