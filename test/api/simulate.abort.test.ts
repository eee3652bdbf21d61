/**
 * Cancelling simulateDipole with an AbortSignal in Node, in worker_threads (the built package,
 * dist/index.js, built by `npm test`) and in this thread (sources): the promise rejects with the
 * signal's reason, the workers are ended, and the next simulation runs as before. Also loadEngine
 * from a fetch Response and from the bytes the bundle carries.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as inThread from "../../bindings/index";

type Api = typeof import("../../bindings/index");
const pooled = (await import(new URL("../../dist/index.js", import.meta.url).href)) as Api;
const small = (api: Api) => api.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });

describe("AbortSignal", () => {
  for (const [where, api, nJobs] of [["worker_threads", pooled, 2], ["this thread", inThread, 1]] as const) {
    it(`ends a run in ${where} with an AbortError, and the next run works`, async () => {
      const controller = new AbortController();
      let windows = 0;
      const run = api.simulateDipole(small(api), { tstop: 500, nJobs, signal: controller.signal, onProgress: () => ++windows === 1 && controller.abort() });
      const error = await run.then(() => null, (e: unknown) => e as Error);
      expect(error?.name).toBe("AbortError");
      expect(windows).toBeLessThanOrEqual(2); // stopped at the first window or the one in flight
      const [dpl] = await api.simulateDipole(small(api), { tstop: 10, nJobs });
      expect(dpl.times.length).toBe(401);
    });
  }

  it("an aborted signal rejects before any work; a non-signal is a TypeError", async () => {
    const reason = new Error("stop");
    await expect(inThread.simulateDipole(small(inThread), { tstop: 10, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(inThread.simulateDipole(small(inThread), { tstop: 10, signal: {} as AbortSignal })).rejects.toThrow(/signal must be an AbortSignal, got \[object Object\]/);
  });
});

describe("AbortSignal latency", () => {
  /** Time from when an abort was due (a timer 50 ms after the first progress report) to the rejection. */
  const ABORT_BUDGET_MS = 100;
  const cases = [
    ["this thread", inThread, { nTrials: 1, nJobs: 1 }],
    ["2 worker threads, a trial each", pooled, { nTrials: 2, nJobs: 2 }],
    ["2 worker threads, one trial split", pooled, { nTrials: 1, nJobs: 2, splitTrials: true }],
  ] as const;
  for (const [where, api, jobs] of cases) {
    it(`jones2009's ERP in ${where}: rejects within ${ABORT_BUDGET_MS} ms of the abort, and the next run works`, async () => {
      const controller = new AbortController();
      let dueAt = Infinity;
      const onProgress = (): void => {
        if (dueAt !== Infinity) return;
        dueAt = performance.now() + 50;
        setTimeout(() => controller.abort(), 50);
      };
      const net = api.jones2009Model({ addDrivesFromParams: true });
      const error = await api.simulateDipole(net, { tstop: 170, ...jobs, signal: controller.signal, onProgress }).then(() => null, (e: unknown) => e as Error);
      const latencyMs = performance.now() - dueAt;
      console.log(`abort latency in ${where}: ${latencyMs.toFixed(1)} ms`);
      expect(error?.name).toBe("AbortError");
      expect(latencyMs).toBeLessThan(ABORT_BUDGET_MS);
      const [dpl] = await api.simulateDipole(small(api), { tstop: 10, ...jobs });
      expect(dpl.times.length).toBe(401);
    });
  }
});

describe("loadEngine sources", () => {
  it("takes a Response, and with no argument the bundle's own copy of engine.wasm", async () => {
    const bytes = readFileSync(new URL("../../build/engine.wasm", import.meta.url));
    const fromResponse = await inThread.loadEngine(new Response(bytes));
    expect(WebAssembly.Module.exports(fromResponse).length).toBeGreaterThan(40);
    await expect(inThread.loadEngine(new Response("", { status: 404 }))).rejects.toThrow(/could not fetch the hnn-wasm engine from a Response: HTTP 404/);
    const bundled = await pooled.loadEngine();
    expect(WebAssembly.Module.exports(bundled)).toEqual(WebAssembly.Module.exports(fromResponse));
  });
});
