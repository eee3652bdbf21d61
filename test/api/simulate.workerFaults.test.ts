/**
 * Workers that fail mid-trial (bindings/simulate/workerPool.ts). In a child process
 * (test/helpers/faultRun.mjs), the first of two workers throws, exits, or runs out of memory
 * (Node's resourceLimits) at its 3rd window: simulateDipole rejects with an error naming the trial
 * and why, the other trial's worker is stopped (no progress after the rejection, no thread left),
 * the next call gets new workers and this thread's results to the bit, and the process then
 * ends by itself at once. Workers exist only in the bundle (dist/, built by `npm test`).
 */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as inThread from "../../bindings/index";

const CHILD = fileURLToPath(new URL("../helpers/faultRun.mjs", import.meta.url));
/** How soon a process with nothing left to do must end (worker threads that linger keep it alive). */
const EXIT_MS = 1000;

/** The child's two JSON lines and how long it lived after printing the last. */
function runChild(fault: string): Promise<{ lines: unknown[]; exitMs: number; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, fault], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let lastLineAt = performance.now();
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      lastLineAt = performance.now();
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ lines: out.trim().split("\n").map((l) => JSON.parse(l) as unknown), exitMs: performance.now() - lastLineAt, code, stderr: err }));
  });
}

const WHY: Record<string, RegExp> = {
  throw: /threw Error: injected fault/,
  exit: /stopped \(exit code 7\)/,
  oom: /ran out of memory \(Worker terminated due to reaching memory limit: JS heap out of memory\)/,
};

describe("a worker that fails mid-trial", () => {
  let reference: { agg: number[][]; spikeTimes: number[][]; spikeGids: number[][] } | null = null;

  for (const fault of Object.keys(WHY)) {
    it(`(${fault}) rejects naming the trial and why, stops the other worker, and the next call works`, async () => {
      const child = runChild(fault);
      if (reference === null) {
        const net = inThread.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
        const dipoles = await inThread.simulateDipole(net, { tstop: 100, nTrials: 2, nJobs: 1 });
        reference = { agg: dipoles.map((d) => Array.from(d.data.agg)), spikeTimes: net.cellResponse!.spikeTimes, spikeGids: net.cellResponse!.spikeGids };
      }
      const { lines, exitMs, code, stderr } = await child;
      expect(code, stderr).toBe(0);
      const [failed, again] = lines as [{ message: string; late: number[]; threads: number }, typeof reference & { made: number }];
      expect(failed.message).toMatch(new RegExp(`^trial 0 failed: its simulation worker ${WHY[fault].source}$`));
      expect(failed.late).toEqual([]);
      expect(failed.threads).toBe(0);
      expect(again.made).toBe(4); // two replacements
      expect({ agg: again.agg, spikeTimes: again.spikeTimes, spikeGids: again.spikeGids }).toEqual(reference);
      console.log(`${fault}: "${failed.message}"; the process ended ${exitMs.toFixed(0)} ms after its last line`);
      expect(exitMs).toBeLessThan(EXIT_MS);
    });
  }
});
