/**
 * SIGINT (Ctrl-C) and SIGTERM during a command: the run's AbortSignal fires (simulateDipole stops
 * between windows and ends its workers), temporary output files are removed, and the process exits
 * with 128 + the signal's number, as a shell reports a process the signal killed. A second signal,
 * or a run that has not stopped after {@link GRACE_MS}, exits at once.
 */
import { discardOutputs } from "./outputFiles";

/** Exit statuses of the signals handled. */
const EXIT_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;

type HandledSignal = keyof typeof EXIT_STATUS;

/** How long a run may take to stop after the first signal (ms). */
const GRACE_MS = 2000;

/** The reason an interrupted run's signal carries: which signal, and the exit status it means. */
class Interrupted extends Error {
  override name = "Interrupted";
  readonly exitStatus: number;

  constructor(readonly signalName: HandledSignal) {
    super(`interrupted by ${signalName}`);
    this.exitStatus = EXIT_STATUS[signalName];
  }
}

/** Removes the temporary files and ends the process with the signal's status. */
function exitInterrupted(reason: Interrupted): never {
  discardOutputs();
  process.stderr.write(`hnn-wasm: ${reason.message}; no output was written\n`);
  process.exit(reason.exitStatus);
}

/**
 * Handles SIGINT and SIGTERM until the returned `dispose` is called.
 * @returns the signal to give the run, and `dispose`.
 */
export function handleInterrupts(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (name: HandledSignal): void => {
    const reason = new Interrupted(name);
    if (controller.signal.aborted) exitInterrupted(reason);
    controller.abort(reason);
    discardOutputs();
    setTimeout(() => exitInterrupted(reason), GRACE_MS).unref();
  };
  const handlers = (Object.keys(EXIT_STATUS) as HandledSignal[]).map((name) => [name, () => handler(name)] as const);
  for (const [name, h] of handlers) process.on(name, h);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, h] of handlers) process.off(name, h);
    },
  };
}

/**
 * After a run failed: if it failed because `signal` (from {@link handleInterrupts}) fired, whatever
 * error the run gave, ends the process as the signal asks; otherwise returns.
 */
export function exitIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted && signal.reason instanceof Interrupted) exitInterrupted(signal.reason);
}
