/**
 * Synthetic data for the figure demo (scripts/viz-demo.ts) and the viz tests: a Network laid out like
 * hnn-core's jones_2009_model (10×10 grid, hnn-core's gid order and drive delays) with a few
 * hand-made connections, a CellResponse with spikes shaped like the seed example's, and Dipoles.
 * Nothing here is simulated.
 */
import { CellResponse } from "../bindings/analysis/cellResponse.js";
import { Dipole } from "../bindings/analysis/dipole.js";
import { Connection } from "../bindings/model/connection.js";
import { Network } from "../bindings/model/network.js";

/** Small deterministic PRNG (mulberry32) with a normal sampler. */
export function rng(seed: number): { uniform: () => number; normal: (mu: number, sigma: number) => number } {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mu: number, sigma: number) => mu + sigma * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Drive times, weights and delays of jones_2009_model's params-file ERP drives (DRIVES.md §8). */
const DRIVES: Record<string, { mu: number; sigma: number; loc: string; ampa: Record<string, number>; nmda: Record<string, number>; delay: Record<string, number> }> = {
  evdist1: {
    mu: 63.53,
    sigma: 3.85,
    loc: "distal",
    ampa: { L2_basket: 0.006562, L2_pyramidal: 7e-6, L5_pyramidal: 0.1423 },
    nmda: { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 },
  },
  evprox1: {
    mu: 26.61,
    sigma: 2.47,
    loc: "proximal",
    ampa: { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 },
    nmda: { L2_basket: 0, L2_pyramidal: 0, L5_basket: 0, L5_pyramidal: 0 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 },
  },
  evprox2: {
    mu: 137.12,
    sigma: 8.33,
    loc: "proximal",
    ampa: { L2_basket: 3e-6, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: 0.684013 },
    nmda: { L2_basket: 0, L2_pyramidal: 0, L5_basket: 0, L5_pyramidal: 0 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 },
  },
};

/** A jones_2009-like network: cell-to-cell connections chosen for the demo (first) plus the three ERP drives. */
export function syntheticNetwork(options: { sparse?: boolean; seed?: number } = {}): Network {
  const r = rng(options.seed ?? 3);
  const net = new Network({ threshold: 0 });
  for (const [name, d] of Object.entries(DRIVES)) {
    net.addEvokedDrive(name, { mu: d.mu, sigma: d.sigma, numspikes: 1, location: d.loc, weightsAmpa: d.ampa, weightsNmda: d.nmda, synapticDelays: d.delay });
  }
  const gids = (t: string) => net.populations.gids(t);
  const allToAll = (src: string, tgt: string, loc: string, receptor: string, w: number, lamtha: number, p = 1): Connection => {
    const gidPairs = new Map<number, number[]>();
    for (const s of gids(src)) {
      const t = gids(tgt).filter(() => p >= 1 || r.uniform() < p);
      if (t.length > 0) gidPairs.set(s, t);
    }
    const [srcGids, targetGids] = [gids(src), gids(tgt)];
    const ncDict = { A_weight: w, A_delay: 1, lamtha, threshold: 0, gain: 1 };
    return new Connection({ srcType: src, srcGids, numSrcs: srcGids.length, targetType: tgt, targetGids, numTargets: targetGids.length, gidPairs, loc, receptor, ncDict, allowAutapses: true, probability: p });
  };
  net.connectivity = [
    allToAll("L5_basket", "L5_pyramidal", "soma", "gabaa", 0.025, 70),
    allToAll("L2_basket", "L2_basket", "soma", "gabaa", 1.0, 70, options.sparse ? 0.1 : 1),
    allToAll("L5_pyramidal", "L2_basket", "distal", "ampa", 1.0, 70, options.sparse ? 0.1 : 1),
    ...net.connectivity,
  ];
  return net;
}

/** Spikes like the seed's ERP run: drive volleys at hnn-core's ERP times plus cell bursts. */
export function syntheticCellResponse(options: { nTrials?: number; seed?: number; tstop?: number } = {}): CellResponse {
  const r = rng(options.seed ?? 7);
  const tstop = options.tstop ?? 170;
  const nTrials = options.nTrials ?? 1;
  const spikeTimes: number[][] = [];
  const spikeGids: number[][] = [];
  const spikeTypes: string[][] = [];
  const ranges: [string, number, number][] = [
    ["L2_basket", 0, 35], ["L2_pyramidal", 35, 135], ["L5_basket", 135, 170], ["L5_pyramidal", 170, 270],
    ["evdist1", 270, 505], ["evprox1", 505, 775], ["evprox2", 775, 1045],
  ];
  const volleys: Record<string, [number, number]> = { evdist1: [63.53, 3.85], evprox1: [26.61, 2.47], evprox2: [137.12, 8.33] };
  const bursts: Record<string, [number, number][]> = {
    L2_basket: [[28, 2], [65, 3], [135, 2], [160, 2]],
    L2_pyramidal: [[27, 3], [135, 6], [155, 4]],
    L5_basket: [[30, 4], [72, 2], [93, 2], [140, 3]],
    L5_pyramidal: [[75, 8], [90, 6], [140, 12]],
  };
  for (let k = 0; k < nTrials; k++) {
    const T: number[] = [], G: number[] = [], Y: string[] = [];
    for (const [type, a, b] of ranges) {
      for (let gid = a; gid < b; gid++) {
        if (volleys[type]) {
          const [mu, sd] = volleys[type]!;
          T.push(r.normal(mu, sd)); G.push(gid); Y.push(type);
        } else {
          for (const [mu, sd] of bursts[type]!) {
            if (r.uniform() < 0.45) {
              const t = r.normal(mu, sd);
              if (t > 0 && t < tstop) { T.push(t); G.push(gid); Y.push(type); }
            }
          }
        }
      }
    }
    spikeTimes.push(T); spikeGids.push(G); spikeTypes.push(Y);
  }
  const times = Float64Array.from({ length: Math.round(tstop / 0.025) + 1 }, (_, i) => i * 0.025);
  return new CellResponse(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"], { spikeTimes, spikeGids, spikeTypes, times });
}

/** A dipole made of Gaussian bumps (and an optional oscillation) sampled every `dt` ms. */
export function syntheticDipole(
  bumps: [number, number, number][],
  options: { tstop?: number; dt?: number; scale?: number; oscHz?: number; oscAmp?: number } = {},
): Dipole {
  const dt = options.dt ?? 0.025;
  const n = Math.round((options.tstop ?? 170) / dt) + 1;
  const times = Float64Array.from({ length: n }, (_, i) => i * dt);
  const shape = (t: number, f: number) =>
    bumps.reduce((s, [mu, sd, a]) => s + f * a * Math.exp(-((t - mu) ** 2) / (2 * sd * sd)), 0) +
    (options.oscHz ? (options.oscAmp ?? 10) * f * Math.sin((2 * Math.PI * options.oscHz * t) / 1000) : 0);
  const L2 = times.map((t) => shape(t, 0.35));
  const L5 = times.map((t) => shape(t, 0.65));
  const agg = L2.map((v, i) => v + L5[i]!);
  const dpl = new Dipole(times, { agg, L2, L5 });
  dpl.scaleApplied = options.scale ?? 1;
  return dpl;
}
