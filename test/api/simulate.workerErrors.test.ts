/**
 * Trials that fail inside worker threads (bindings/simulate/workerPool.ts): the caller gets the
 * error a run in this thread gives, and the pool keeps working. Workers exist only in the bundle
 * (dist/worker.js beside dist/index.js, built by `npm test`), so the pooled runs use dist/index.js;
 * the runs in this thread use the sources.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as inThread from "../../bindings/index";
import { fixtureText, parseCsv } from "../helpers/fixtures";
import { digitError, ONE_DIGIT } from "../helpers/referenceCsv";

type Api = typeof inThread;
let pooled: Api;
beforeAll(async () => {
  pooled = (await import(new URL("../../dist/index.js", import.meta.url).href)) as Api;
});

/** Worker threads of this process (Node's diagnostic report lists them). */
const workerThreads = (): number => (process.report.getReport() as unknown as { workers: unknown[] }).workers.length;

/**
 * Networks whose trial fails, the error a run in this thread gives, and whether a worker's text is
 * the same to the letter: a bad connection is named by the first pair the failing worker meets,
 * which depends on how the cells were split.
 */
const failing: [string, (api: Api) => inThread.Network, RegExp, boolean][] = [
  [
    "an instability mid-trial",
    (api) => {
      const net = api.jones2009Model({ meshShape: [3, 3] });
      net.addTonicBias({ amplitude: { L2_basket: 1e9 }, t0: 2, tstop: 10 });
      return net;
    },
    /^simulation became numerically unstable at t = 2\.\d+ ms: membrane potential at gid 0 \(L2_basket\), section 'soma' left ±1000 mV/,
    true,
  ],
  [
    "a spike-buffer overflow mid-trial",
    (api) => {
      const net = api.jones2009Model({ meshShape: [3, 3] });
      net.addEvokedDrive("burst", { mu: 5, sigma: 0, numspikes: 20000, location: "proximal", weightsAmpa: { L2_basket: 1e-6 }, nDriveCells: 1, cellSpecific: false });
      return net;
    },
    /^spike buffer overflow at t = 5\.\d+ ms: one step emitted more spikes than the engine's buffer of \d+ had room for/,
    true,
  ],
  [
    "a NaN weight, found when the worker compiles its cells",
    (api) => {
      const net = api.jones2009Model({ meshShape: [3, 3] });
      net.connectivity[0].ncDict.A_weight = NaN;
      return net;
    },
    /^connection L2_pyramidal -> L2_pyramidal: gid \d+ -> \d+ gets weight NaN, delay [\d.]+ ms; check ncDict/,
    false,
  ],
];

/** The rejection of simulateDipole (null if it resolves). */
async function failure(api: Api, make: (api: Api) => inThread.Network): Promise<Error | null> {
  return api.simulateDipole(make(api), { tstop: 10, nJobs: 2, splitTrials: true }).then(() => null, (e: Error) => e);
}

describe("a trial that fails in a worker", () => {
  for (const [what, make, message, sameText] of failing) {
    it(`rejects with ${what}, as a run in this thread does`, async () => {
      const here = await failure(inThread, make);
      expect(here?.message).toMatch(message);
      const there = await failure(pooled, make);
      expect(workerThreads()).toBe(2);
      expect(there).not.toBeNull();
      // The two APIs are separate module instances (sources vs bundle): compare the class by name, and
      // the worker's error must be an instance of the bundle's own class of that name.
      expect(there!.constructor.name).toBe(here!.constructor.name);
      const bundleClass = (pooled as unknown as Record<string, unknown>)[here!.constructor.name] ?? globalThis[here!.constructor.name as "Error"];
      expect(there).toBeInstanceOf(bundleClass as ErrorConstructor);
      if (sameText) expect(there!.message).toBe(here!.message);
      else expect(there!.message).toMatch(message);
    });
  }

  it("leaves the pool working: after a failure the same workers give NEURON's jones2009_erp", async () => {
    const [, make] = failing[0];
    expect(await failure(pooled, make)).not.toBeNull();
    // jones2009_erp with its stored drive events, trial 0, split over both workers; the first
    // 60 ms of NEURON's 170 (the run is causal: later events do not change earlier samples).
    const tstopMs = 60;
    const net = pooled.readNetworkConfiguration(fixtureText("scenarios/jones2009_erp/network.json"));
    const [dpl] = await pooled.simulateDipole(net, { tstop: tstopMs, nTrials: 1, nJobs: 2, splitTrials: true, useStoredEvents: true });
    expect(workerThreads()).toBe(2);

    // Spikes away from the end (a crossing in the last step is reported by the next one).
    const ref = parseCsv(fixtureText("scenarios/jones2009_erp/spikes_trial0.csv"));
    const keep = (t: number) => t < tstopMs - 1;
    const refTimes = Array.from(ref.columns.get("t")!);
    const rows = (times: number[], gids: number[], types: string[]) => times.flatMap((t, i) => (keep(t) ? [`${t},${gids[i]},${types[i]}`] : []));
    const resp = net.cellResponse!;
    const ours = rows(resp.spikeTimes[0], resp.spikeGids[0], resp.spikeTypes[0]);
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(rows(refTimes, Array.from(ref.columns.get("gid")!), ref.text.get("type")!));

    const dipole = parseCsv(fixtureText("scenarios/jones2009_erp/dipole_trial0.csv"));
    const n = dpl.times.length;
    for (const layer of ["agg", "L2", "L5"] as const) {
      const e = digitError(dpl.data[layer]!, dipole.columns.get(layer)!.subarray(0, n));
      expect(e.units, `${layer} at sample ${e.index}`).toBeLessThanOrEqual(ONE_DIGIT);
    }
  });
});
