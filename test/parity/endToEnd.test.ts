/**
 * End to end, the way users simulate: the public API of the built package (dist/index.js, which
 * `npm run build` bundles from bindings/index.ts, with its worker threads), drive events generated
 * from the seeds as hnn-core does (`useStoredEvents` left false), against the reference scenarios.
 */
import { afterAll, describe, expect, it } from "vitest";
import { fixtureText, maxAbs, maxAbsDiff, nrmse, parseCsv } from "../helpers/fixtures";
import { LAYERS, expectSpikeParity, expectTrialParity, type SpikeTrain } from "../helpers/scenarioParity";
import type { CellResponse, Network, SimulationProgress } from "../../bindings/index";

const api = (await import(new URL("../../dist/index.js", import.meta.url).href)) as typeof import("../../bindings/index");

const TSTOP_MS = 170;
/** Generated drive events may differ from numpy's in the last bits (scenarioParity.ts). */
const DRIVE_TOL_MS = 1e-12;
const ERP = "scenarios/jones2009_erp";

/** Agreement per run, printed at the end for the record. */
const summary: string[] = [];

function spikesOf(resp: CellResponse, trial: number): SpikeTrain {
  return { times: resp.spikeTimes[trial], gids: resp.spikeGids[trial], types: resp.spikeTypes[trial] };
}

/** The seed example's get_network() (meta.json `calls` of seed_custom_*): four new connections only. */
function seedCustomNetwork(probability: number): Network {
  const net = api.jones2009Model({ addDrivesFromParams: true });
  net.clearConnectivity();
  for (const target of ["L5_pyramidal", "L2_basket"]) net.addConnection("L5_pyramidal", target, "distal", "ampa", 1.0, 1.0, 70, { probability, connSeed: 3 });
  for (const target of ["L5_pyramidal", "L2_basket"]) net.addConnection("L2_basket", target, "soma", "gabaa", 1.0, 1.0, 70, { probability, connSeed: 3 });
  return net;
}

describe("simulations through the public API match NEURON", () => {
  afterAll(() => console.log(["end to end (events from the seeds):", ...summary].join("\n")));

  it("jones2009Model({ addDrivesFromParams: true }), 2 trials on 2 workers, with onProgress", async () => {
    const net = api.jones2009Model({ addDrivesFromParams: true });
    const progress: SimulationProgress[] = [];
    const dipoles = await api.simulateDipole(net, { tstop: TSTOP_MS, nTrials: 2, nJobs: 2, onProgress: (p) => progress.push(p) });
    expect(dipoles.length).toBe(2);
    for (let k = 0; k < 2; k++) summary.push(`  jones2009_erp trial ${k}: ${expectTrialParity(ERP, k, spikesOf(net.cellResponse!, k), dipoles[k], DRIVE_TOL_MS)}`);

    // Progress: per trial, strictly increasing simulated time that ends at tstop.
    for (let k = 0; k < 2; k++) {
      const reports = progress.filter((p) => p.trial === k);
      expect(reports.length, `trial ${k}: progress reports`).toBeGreaterThan(1);
      expect(reports.every((p) => p.nTrials === 2 && p.tstopMs === TSTOP_MS)).toBe(true);
      reports.forEach((p, i) => expect(p.tMs, `trial ${k}: report ${i}`).toBeGreaterThan(i === 0 ? 0 : reports[i - 1].tMs));
      expect(reports[reports.length - 1].tMs).toBe(TSTOP_MS);
    }
  });

  it("the seed example's custom networks, 'all' and 'sparse', side by side on 2 workers", async () => {
    const cases = [
      ["seed_custom_all", seedCustomNetwork(1.0)],
      ["seed_custom_sparse", seedCustomNetwork(0.1)],
    ] as const;
    const runs = await Promise.all(cases.map(([, net]) => api.simulateDipole(net, { tstop: TSTOP_MS, nTrials: 1, nJobs: 2 })));
    cases.forEach(([name, net], i) => summary.push(`  ${name} trial 0: ${expectTrialParity(`scenarios/${name}`, 0, spikesOf(net.cellResponse!, 0), runs[i][0], DRIVE_TOL_MS)}`));
  });

  it("postproc: true smooths by dipole_smooth_win (30 ms) and scales by dipole_scalefctr (3000), as hnn-core", async () => {
    // One trial on 2 workers: its cells are split in 2 partitions. Somatic V of two cells recorded.
    const refSpikes = parseCsv(fixtureText(`${ERP}/spikes_trial0.csv`));
    const firstOf = (type: string) => refSpikes.columns.get("gid")![refSpikes.text.get("type")!.indexOf(type)];
    const recordGids = [firstOf("L2_basket"), firstOf("L5_pyramidal")];
    const net = api.jones2009Model({ addDrivesFromParams: true });
    const [dpl] = await api.simulateDipole(net, { tstop: TSTOP_MS, nTrials: 1, nJobs: 2, splitTrials: true, postproc: true, recordVsec: "soma", recordGids });
    const resp = net.cellResponse!;
    const spikes = expectSpikeParity(ERP, 0, spikesOf(resp, 0), DRIVE_TOL_MS);

    // hnn-core's dpl.smooth(30).scale(3000) of the reference trial 0 (17 digits). That reference was
    // made from the 10-digit CSV, each value within 5e-10 relative of the doubles we smooth; the
    // Hamming window is a positive average, so the two differ by at most 5e-10·3000·max|raw|.
    const ref = parseCsv(fixtureText("dipole_ops/trial0_smooth30_scale3000.csv"));
    const raw = parseCsv(fixtureText(`${ERP}/dipole_trial0.csv`));
    const errors: string[] = [];
    for (const layer of LAYERS) {
      const d = maxAbsDiff(dpl.data[layer]!, ref.columns.get(layer)!);
      errors.push(`${layer} ${nrmse(dpl.data[layer]!, ref.columns.get(layer)!).toExponential(2)}`);
      expect(d.value, `${layer} at sample ${d.index}`).toBeLessThanOrEqual(5e-10 * 3000 * maxAbs(raw.columns.get(layer)!) * (1 + 1e-6));
    }

    // recordGids: only those cells are recorded, and their somatic V crosses 0 mV upwards exactly
    // where NEURON detected their spikes (spike time = sample time + 1e-10 ms, NUMERICS.md §6).
    expect(Object.keys(resp.vsec[0]).map(Number).sort((a, b) => a - b)).toEqual([...recordGids].sort((a, b) => a - b));
    for (const gid of recordGids) {
      expect(Object.keys(resp.vsec[0][gid])).toEqual(["soma"]);
      const v = resp.vsec[0][gid].soma;
      expect(v.length).toBe(resp.times.length);
      const crossings = Array.from(resp.times.filter((_, i) => i > 0 && v[i] > 0 && v[i - 1] <= 0), (t) => t + 1e-10);
      const neuron = refSpikes.columns.get("t")!.filter((_, i) => refSpikes.columns.get("gid")![i] === gid);
      expect(crossings.length, `gid ${gid}: spikes`).toBeGreaterThan(0);
      expect(crossings, `gid ${gid}: upward crossings of 0 mV`).toEqual(Array.from(neuron));
    }
    summary.push(`  jones2009_erp trial 0, 2 partitions, postproc: ${spikes}; postproc dipole NRMSE ${errors.join(", ")}; vsec of gids ${recordGids.join(", ")} cross 0 mV at NEURON's spike times`);
  });

  it("calcium_model smoke check (ERRATA.md): 199 spikes, 64 from L5 pyramidal cells", async () => {
    const net = api.calciumModel({ meshShape: [4, 4] });
    api.addErpDrivesToJonesModel(net, 5);
    net.addTonicBias({ cellType: "L5_pyramidal", amplitude: 0.3, t0: 20, tstop: 60 });
    await api.simulateDipole(net, { tstop: 120, nTrials: 1, nJobs: 2, splitTrials: true });
    const types = net.cellResponse!.spikeTypes[0];
    const l5 = types.filter((t) => t === "L5_pyramidal").length;
    summary.push(`  calcium_model 4×4: ${types.length} spikes, ${l5} from L5 pyramidal cells`);
    expect(types.length).toBe(199);
    expect(l5).toBe(64);
  });
});
