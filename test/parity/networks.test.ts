/**
 * The six reference networks (NEURON 8.2.2 + hnn-core 0.6.1), simulated from their own
 * network.json with the stored drive events of every trial, compared spike by spike and by
 * dipole (issue: network parity). Thresholds: ≥ 99 % of spikes at the identical step
 * (|Δt| < 1e-6 ms), spike counts within 1 %, agg dipole NRMSE ≤ 1e-3.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole, compileView, trialDipole } from "../../bindings/simulate/simulateDipole";
import { runTrial } from "../../bindings/simulate/runTrial";
import { loadEngine } from "../../bindings/wasm";
import { fixtureText, parseCsv } from "./fixtures";

const SCENARIOS = ["jones2009_erp", "seed_custom_all", "seed_custom_sparse", "alpha", "gamma", "beta"];

/** Root-mean-square error normalised by the reference's RMS. */
function nrmse(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  let se = 0;
  let ss = 0;
  for (let i = 0; i < ref.length; i++) {
    se += (ours[i] - ref[i]) ** 2;
    ss += ref[i] ** 2;
  }
  return Math.sqrt(se / ss);
}

/** Fraction of reference spikes matched by one of ours with the same gid within 1e-6 ms. */
function identicalFraction(ourT: number[], ourG: number[], refT: ArrayLike<number>, refG: ArrayLike<number>): number {
  const byGid = new Map<number, number[]>();
  ourT.forEach((t, i) => {
    const list = byGid.get(ourG[i]) ?? [];
    list.push(t);
    byGid.set(ourG[i], list);
  });
  let same = 0;
  for (let i = 0; i < refT.length; i++) if ((byGid.get(refG[i]) ?? []).some((t) => Math.abs(t - refT[i]) < 1e-6)) same++;
  return same / refT.length;
}

/** Agreement per scenario and trial, printed at the end for the record. */
const summary: string[] = [];

describe("reference networks match NEURON", () => {
  afterAll(() => console.log(["networks (identical spikes / reference spikes, agg dipole NRMSE):", ...summary].join("\n")));

  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const dir = `scenarios/${scenario}`;
      const meta = JSON.parse(fixtureText(`${dir}/meta.json`)) as { tstop_ms: number; dt_ms: number; n_trials: number };
      const net = readNetworkConfiguration(JSON.parse(fixtureText(`${dir}/network.json`)));
      const dipoles = await simulateDipole(net, { tstop: meta.tstop_ms, dt: meta.dt_ms, nTrials: meta.n_trials, useStoredEvents: true });
      const resp = net.cellResponse!;
      expect(dipoles.length).toBe(meta.n_trials);
      for (let k = 0; k < meta.n_trials; k++) {
        const spikes = parseCsv(fixtureText(`${dir}/spikes_trial${k}.csv`));
        const refT = spikes.columns.get("t")!;
        const refG = spikes.columns.get("gid")!;
        const fraction = identicalFraction(resp.spikeTimes[k], resp.spikeGids[k], refT, refG);
        expect(fraction, `trial ${k}: identical spikes`).toBeGreaterThanOrEqual(0.99);
        expect(Math.abs(resp.spikeTimes[k].length - spikes.nRows), `trial ${k}: spike count`).toBeLessThanOrEqual(0.01 * spikes.nRows);
        const ref = parseCsv(fixtureText(`${dir}/dipole_trial${k}.csv`));
        expect(dipoles[k].times.length).toBe(ref.nRows);
        const err = nrmse(dipoles[k].data.agg!, ref.columns.get("agg")!);
        summary.push(`  ${scenario} trial ${k}: ${Math.round(fraction * spikes.nRows)}/${spikes.nRows} spikes identical, ${resp.spikeTimes[k].length} ours, NRMSE ${err.toExponential(2)}`);
        expect(err, `trial ${k}: agg dipole NRMSE`).toBeLessThanOrEqual(1e-3);
      }
    });
  }
});

describe("a trial split across engine instances gives the same result", () => {
  // Cells split in two partitions that exchange spikes every min-delay window (runTrial.ts).
  it("seed_custom_sparse in 2 partitions: the same spikes as NEURON", async () => {
    const dir = "scenarios/seed_custom_sparse";
    const net = readNetworkConfiguration(JSON.parse(fixtureText(`${dir}/network.json`)));
    const result = await runTrial(await loadEngine(), compileView(net), { tstopMs: 170, dtMs: 0.025, trialIdx: 0, celsius: 37, recordVsec: false, recordIsec: false }, 2);
    const spikes = parseCsv(fixtureText(`${dir}/spikes_trial0.csv`));
    expect(result.spikeGids).toEqual(Array.from(spikes.columns.get("gid")!));
    expect(result.spikeTimes).toEqual(Array.from(spikes.columns.get("t")!));
    const ref = parseCsv(fixtureText(`${dir}/dipole_trial0.csv`));
    expect(nrmse(trialDipole(net, result).data.agg!, ref.columns.get("agg")!)).toBeLessThanOrEqual(1e-9);
  });
});
