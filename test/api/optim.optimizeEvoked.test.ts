/**
 * optimizeEvoked (hnn-core's legacy optimize_evoked) as hnn-core's own test_optimize_evoked.py runs
 * it: a 3×3 network, 10 ms, two evoked drives shifted by 2 ms from the target's, evprox1 fitted with
 * maxiter 12; and the chunking (`_split_by_evinput`, `_generate_weights`, `_consolidate_chunks`).
 */
import { describe, expect, it } from "vitest";
import { jones2009Model, optimizeEvoked, simulateDipole, ValueError, type Network } from "../../bindings/index";
import { evokedChunks, type EvokedDriveParams } from "../../bindings/optim/evokedChunks";

const TSTOP = 10;

/** The 3×3 network with evprox1 at `mu` and evdist1 at `mu + 2` (sigma 2 ms), hnn-core's test setup. */
function network(mu: number): Network {
  const net = jones2009Model({ meshShape: [3, 3] });
  net.addEvokedDrive("evprox1", {
    mu, sigma: 2, numspikes: 1, location: "proximal",
    weightsAmpa: { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 },
    synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1, L5_pyramidal: 1 },
  });
  net.addEvokedDrive("evdist1", {
    mu: mu + 2, sigma: 2, numspikes: 1, location: "distal",
    weightsAmpa: { L2_basket: 0.006562, L2_pyramidal: 0.000007, L5_pyramidal: 0.1423 },
    weightsNmda: { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 },
    synapticDelays: 0.1,
  });
  return net;
}

describe("optimizeEvoked on a 3×3 network (hnn-core's test)", () => {
  it("fits evprox1 only: at most maxiter RMSEs, drives kept, evdist1 and the static parameters unchanged", async () => {
    const target = (await simulateDipole(network(6), { tstop: TSTOP, nTrials: 1 }))[0];
    const offset = network(4);
    const initial = (await simulateDipole(offset, { tstop: TSTOP, nTrials: 1 }))[0];
    const lines: string[] = [];
    const [fitted, rmses] = await optimizeEvoked(offset, {
      tstop: TSTOP, nTrials: 1, targetDpl: target, initialDpl: initial, maxiter: 12, whichDrives: ["evprox1"], returnRmse: true, log: (l) => lines.push(l),
    });
    expect(rmses.length).toBeGreaterThan(0);
    expect(rmses.length).toBeLessThanOrEqual(12);
    expect(rmses.every((v) => v > 0)).toBe(true);
    expect(Object.keys(fitted.externalDrives)).toEqual(Object.keys(offset.externalDrives));
    const before = offset.externalDrives;
    const after = fitted.externalDrives;
    expect(after.evdist1.dynamics).toEqual(before.evdist1.dynamics);
    expect([after.evdist1.weightsAmpa, after.evdist1.weightsNmda]).toEqual([before.evdist1.weightsAmpa, before.evdist1.weightsNmda]);
    for (const key of ["location", "nDriveCells", "cellSpecific", "eventSeed", "connSeed", "synapticDelays", "probability"] as const) {
      expect(after.evprox1[key]).toEqual(before.evprox1[key]);
    }
    expect(after.evprox1.dynamics).toMatchObject({ numspikes: 1 });
    // The input network is not changed.
    expect(before.evprox1.dynamics).toEqual({ mu: 4, sigma: 2, numspikes: 1 });
    // hnn-core's printed lines, in order; the final RMSE is never above the initial one.
    expect(lines[0]).toMatch(/^Initial RMSE: \d\.\d\de[+-]\d\d$/);
    expect(lines[1]).toBe("Starting optimization step 1/1");
    expect(lines[2]).toMatch(/^Optimizing from \[\d+\.\d{3}-\d+\.\d{3}\] ms$/);
    expect(lines[3]).toBe("Optimization step 1, iteration 1");
    expect(lines[4]).toMatch(/^weighted RMSE: \d\.\d\de[+-]\d\d over range \[/);
    expect(lines.filter((l) => l.startsWith("Optimization step 1, iteration")).length).toBe(rmses.length);
    const final = lines.at(-1)!;
    expect(final).toMatch(/^Final RMSE: /);
    expect(Number(final.slice(12))).toBeLessThanOrEqual(Number(lines[0].slice(14)));
    console.log(`optimizeEvoked: ${rmses.length} simulations, ${lines[0]}, ${final}, evprox1 mu 4 -> ${(after.evprox1.dynamics as { mu: number }).mu.toFixed(3)} (target 6)`);
  }, 120_000);

  it("maxiter 0 skips every step", async () => {
    const dpl = (await simulateDipole(network(6), { tstop: TSTOP, nTrials: 1 }))[0];
    const lines: string[] = [];
    const net = await optimizeEvoked(network(4), { tstop: TSTOP, nTrials: 1, targetDpl: dpl, initialDpl: dpl, maxiter: 0, log: (l) => lines.push(l) });
    // Both drives' timing windows start at 0 ms: one chunk.
    expect(lines).toEqual(["Initial RMSE: 0.00e+00", "Skipping optimization step 1 (0 simulations)", "Final RMSE: 0.00e+00"]);
    expect(net.equals(network(4))).toBe(true);
  }, 60_000);

  it("hnn-core's errors: no evoked drives, no evoked drive selected", async () => {
    const dpl = (await simulateDipole(network(6), { tstop: TSTOP, nTrials: 1 }))[0];
    const empty = jones2009Model({ meshShape: [3, 3] });
    const opts = { tstop: TSTOP, nTrials: 1, targetDpl: dpl, initialDpl: dpl, maxiter: 10, log: null };
    await expect(optimizeEvoked(empty, opts)).rejects.toThrow(new ValueError("The current Network instance lacks any evoked drives. Consider adding drives using net.add_evoked_drive"));
    await expect(optimizeEvoked(network(4), { ...opts, whichDrives: ["bursty1"] })).rejects.toThrow(new ValueError("The drives selected to be optimized are not evoked drives. Optimization works only evoked drives."));
    await expect(optimizeEvoked(network(4), { ...opts, targetDpl: undefined as never })).rejects.toThrow(/target_dpl must be an instance of Dipole/);
  });
});

describe("evokedChunks (hnn-core's chunking)", () => {
  const drive = (name: string, mu: number, sigma: number, weights: Record<string, number>): EvokedDriveParams => ({ name, mu, sigma, weights });
  const m = { timing: 3, sigma: 50, synweight: 500 };

  it("separate drives: one chunk each in time order, then one of all with weights 1", () => {
    const chunks = evokedChunks([drive("late", 100, 2, { nmda_L5_basket: 2 }), drive("early", 5, 1, { ampa_L2_pyramidal: 1, ampa_L5_pyramidal: 0 })], 170, 0.025, m, 1.6);
    expect(chunks.map((c) => c.inputs)).toEqual([["early"], ["late"], ["early", "late"]]);
    // _split_by_evinput: sigma ± 50 %, mu ± 3 sigma (within [0, tstop]), weights ± 500 % (a weight of 0: [0, 1]).
    expect(chunks[0].ranges).toEqual({
      early_sigma: { initial: 1, minval: 0.5, maxval: 1.5 },
      early_mu: { initial: 5, minval: 2, maxval: 8 },
      early_gbar_ampa_L2_pyramidal: { initial: 1, minval: 0, maxval: 6 },
      early_gbar_ampa_L5_pyramidal: { initial: 0, minval: 0, maxval: 1 },
    });
    expect(Object.keys(chunks[2].ranges)).toEqual([...Object.keys(chunks[0].ranges), ...Object.keys(chunks[1].ranges)]);
    const n = Math.ceil(170 / 0.025) + 1;
    for (const c of chunks) {
      expect(c.weights).toHaveLength(n);
      expect(c.weights.every((w) => w >= 0)).toBe(true);
    }
    expect(chunks[2].weights.every((w) => w === 1)).toBe(true);
    expect(chunks[2].optStart).toBe(0);
    expect(chunks[2].optEnd).toBe(Math.max(chunks[0].optEnd, chunks[1].optEnd));
    // The early drive's weight: its CDF at its start (mu − 3σ = 2 ms) less the late CDF · 1.6 · 95/170.
    const i = Math.round(2 / 0.025);
    expect(chunks[0].weights[i]).toBeCloseTo(0.5, 12);
    expect(chunks[0].weights[n - 1]).toBeCloseTo(1 - (1.6 * 95) / 170, 12);
    // The late drive's weight is its own CDF (no later drive), 0.5 at its start (94 ms).
    expect(chunks[1].weights[Math.round(94 / 0.025)]).toBeCloseTo(0.5, 12);
    expect(chunks[1].optStart).toBeLessThanOrEqual(94);
  });

  it("overlapping drives: one chunk, weights averaged, no extra chunk", () => {
    const a = drive("a", 10, 4, {});
    const b = drive("b", 20, 4, {});
    const [single, ...rest] = evokedChunks([a, b], 50, 0.5, m, 1.6);
    expect(rest).toEqual([]);
    expect(single.inputs).toEqual(["a", "b"]);
    expect(single.start).toBe(0);
    expect(single.end).toBe(32);
    const [ca] = evokedChunks([a], 50, 0.5, m, 1.6);
    const [cb] = evokedChunks([b], 50, 0.5, m, 1.6);
    // a's own weights lose b's CDF · 1.6 · 10/50; b has no later drive.
    const k = 60;
    const aWeight = Math.max(0, ca.weights[k] - cb.weights[k] * ((1.6 * 10) / 50));
    expect(single.weights[k]).toBeCloseTo((aWeight + cb.weights[k]) / 2, 14);
  });
});
