/**
 * Synthetic data for the figure demo (scripts/viz-demo.ts) and the viz tests: a network laid out like
 * hnn-core's jones_2009_model (10×10 grid, hnn-core's gid order and drive delays), spikes shaped like
 * the seed example's, and dipoles. Nothing here is simulated.
 */
import type { CellResponseLike, ConnectionLike, DipoleLike, NetworkLike } from "../bindings/viz/types.js";

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

function basketPositions(nx: number, ny: number, z: number): number[][] {
  const xz = [], xo = [], ye = [], yo = [];
  for (let i = 0; i < nx; i += 3) xz.push(i);
  for (let i = 1; i < nx; i += 3) xo.push(i);
  for (let j = 0; j < ny; j += 2) ye.push(j);
  for (let j = 1; j < ny; j += 2) yo.push(j);
  const a: number[][] = [];
  for (const x of xz) for (const y of ye) a.push([x, y, z]);
  for (const x of xo) for (const y of yo) a.push([x, y, z]);
  return a.sort((p, q) => p[1]! - q[1]!); // stable sort by y only
}

function pyrPositions(nx: number, ny: number, z: number): number[][] {
  const a: number[][] = [];
  for (let x = 0; x < nx; x++) for (let y = 0; y < ny; y++) a.push([x, y, z]);
  return a;
}

/** Drive weights/delays of jones_2009_model's params-file ERP drives (DRIVES.md §8). */
const DRIVES: Record<string, { loc: string; ampa: Record<string, number>; nmda: Record<string, number>; delay: Record<string, number> }> = {
  evdist1: {
    loc: "distal",
    ampa: { L2_basket: 0.006562, L2_pyramidal: 7e-6, L5_pyramidal: 0.1423 },
    nmda: { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 },
  },
  evprox1: {
    loc: "proximal",
    ampa: { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 },
    nmda: { L2_basket: 0, L2_pyramidal: 0, L5_basket: 0, L5_pyramidal: 0 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 },
  },
  evprox2: {
    loc: "proximal",
    ampa: { L2_basket: 3e-6, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: 0.684013 },
    nmda: { L2_basket: 0, L2_pyramidal: 0, L5_basket: 0, L5_pyramidal: 0 },
    delay: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 },
  },
};

/** A jones_2009-like network: cell-to-cell connections chosen for the demo plus the three ERP drives. */
export function syntheticNetwork(options: { sparse?: boolean; seed?: number } = {}): NetworkLike {
  const r = rng(options.seed ?? 3);
  const sep = 1307.4;
  const posDict: Record<string, number[][] | number[]> = {
    L2_basket: basketPositions(10, 10, 0.8 * sep),
    L2_pyramidal: pyrPositions(10, 10, sep),
    L5_basket: basketPositions(10, 10, 0.2 * sep),
    L5_pyramidal: pyrPositions(10, 10, 0),
    origin: [4, 4, 653],
  };
  const cellTypes = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];
  const gidRanges: Record<string, { start: number; stop: number }> = {};
  let g = 0;
  for (const t of cellTypes) {
    const n = (posDict[t] as number[][]).length;
    gidRanges[t] = { start: g, stop: g + n };
    g += n;
  }
  const range = (t: string) => Array.from({ length: gidRanges[t]!.stop - gidRanges[t]!.start }, (_, i) => gidRanges[t]!.start + i);
  const connectivity: ConnectionLike[] = [];
  const allToAll = (src: string, tgt: string, loc: string, receptor: string, w: number, lamtha: number, p = 1): ConnectionLike => {
    const gidPairs = new Map<number, number[]>();
    for (const s of range(src)) {
      const t = range(tgt).filter(() => p >= 1 || r.uniform() < p);
      if (t.length > 0) gidPairs.set(s, t);
    }
    return { srcType: src, targetType: tgt, gidPairs, ncDict: { A_weight: w, A_delay: 1, lamtha, gain: 1 }, loc, receptor };
  };
  connectivity.push(allToAll("L5_basket", "L5_pyramidal", "soma", "gabaa", 0.025, 70));
  connectivity.push(allToAll("L2_basket", "L2_basket", "soma", "gabaa", 1.0, 70, options.sparse ? 0.1 : 1));
  connectivity.push(allToAll("L5_pyramidal", "L2_basket", "distal", "ampa", 1.0, 70, options.sparse ? 0.1 : 1));
  const externalDrives: Record<string, { name: string }> = {};
  for (const [name, d] of Object.entries(DRIVES)) {
    const targets = cellTypes.filter((t) => t in d.ampa);
    const n = targets.reduce((s, t) => s + range(t).length, 0);
    gidRanges[name] = { start: g, stop: g + n };
    posDict[name] = Array.from({ length: n }, () => [4, 4, 653]);
    externalDrives[name] = { name };
    for (const receptor of ["ampa", "nmda"] as const) {
      let dg = g;
      for (const t of targets) {
        const gidPairs = new Map<number, number[]>();
        for (const tg of range(t)) gidPairs.set(dg++, [tg]);
        connectivity.push({ srcType: name, targetType: t, gidPairs, ncDict: { A_weight: d[receptor][t]!, A_delay: d.delay[t]!, lamtha: 3, gain: 1 }, loc: d.loc, receptor });
      }
    }
    g += n;
  }
  return { connectivity, posDict, gidRanges, cellTypes: Object.fromEntries(cellTypes.map((t) => [t, {}])), externalDrives, inplaneDistance: 1 };
}

/** Spikes like the seed's ERP run: drive volleys at hnn-core's ERP times plus cell bursts. */
export function syntheticCellResponse(options: { nTrials?: number; seed?: number; tstop?: number } = {}): CellResponseLike {
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
  return { spikeTimes, spikeGids, spikeTypes, times, cellTypes: ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"] };
}

/** A dipole made of Gaussian bumps (and an optional oscillation) sampled every `dt` ms. */
export function syntheticDipole(
  bumps: [number, number, number][],
  options: { tstop?: number; dt?: number; scale?: number; oscHz?: number; oscAmp?: number } = {},
): DipoleLike {
  const dt = options.dt ?? 0.025;
  const n = Math.round((options.tstop ?? 170) / dt) + 1;
  const times = Float64Array.from({ length: n }, (_, i) => i * dt);
  const shape = (t: number, f: number) =>
    bumps.reduce((s, [mu, sd, a]) => s + f * a * Math.exp(-((t - mu) ** 2) / (2 * sd * sd)), 0) +
    (options.oscHz ? (options.oscAmp ?? 10) * f * Math.sin((2 * Math.PI * options.oscHz * t) / 1000) : 0);
  const L2 = times.map((t) => shape(t, 0.35));
  const L5 = times.map((t) => shape(t, 0.65));
  const agg = L2.map((v, i) => v + L5[i]!);
  return { times, data: { agg, L2, L5 }, scaleApplied: options.scale ?? 1, sfreq: 1000 / dt };
}
