/**
 * The measures hnn-core 0.6.1 fits a model with: `_rmse` and `_anticorr` of hnn_core/dipole.py (with
 * `_resample_and_weight_dipole`), the relative band power of optimization/objective_functions.py
 * (`_get_relative_power`), and the three objectives its `Optimizer` calls on each simulation
 * (`dipole_rmse`, `dipole_corr`, `maximize_psd`: scale, then smooth every trial, then compare).
 * Sums are numpy's pairwise sums where hnn-core calls `ndarray.sum()`, Python's left-to-right `sum`
 * where it calls the builtin.
 */

import { averageDipoles, Dipole } from "../analysis/dipole";
import { periodogram } from "../analysis/spectral";
import { resample } from "./resample";
import { checkFiniteNumber, describe, ValueError } from "../util/validate";

/**
 * numpy's `add.reduce` of a contiguous float64 array (`pairwise_sum` of loops_utils.h.src): blocks
 * of up to 128 summed with eight accumulators, longer runs split in two at a multiple of 8.
 */
function numpySum(a: ArrayLike<number>, start = 0, n = a.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = start; i < start + n; i++) s += a[i];
    return s;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j]);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    }
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, start, n2) + numpySum(a, start + n2, n - n2);
}

/** Index of the sample nearest `t` (numpy `argmin(|times − t|)`: the first on ties). */
function nearestIndex(times: Float64Array, t: number): number {
  let best = 0;
  let bestDist = Math.abs(times[0] - t);
  for (let i = 1; i < times.length; i++) {
    const d = Math.abs(times[i] - t);
    if (d < bestDist) {
      best = i;
      bestDist = d;
    }
  }
  return best;
}

/** Time window and weights of {@link rmse} and {@link anticorrelation}. */
export interface CompareOptions {
  /** Start of the compared window (ms); default 0, raised to the later first sample of the two. */
  tstart?: number;
  /**
   * End of the compared window (ms), exclusive of its nearest sample as in hnn-core; lowered to the
   * earlier last sample. Default: that last sample (hnn-core's default 0.0 would leave no samples).
   */
  tstop?: number;
  /** Weight of each sample of the simulated dipole (at least as many as up to `tstop`); default all 1. */
  weights?: ArrayLike<number>;
}

/**
 * hnn-core `_resample_and_weight_dipole`: the agg series of both dipoles over [tstart, tstop), the
 * longer one resampled (scipy `resample`) to the shorter one's length, weights resampled with the
 * simulation and those below 1e-4 set to 0.
 */
function alignedSeries(dpl: Dipole, expDpl: Dipole, opts: CompareOptions): [Float64Array, Float64Array, Float64Array] {
  if (!(dpl instanceof Dipole)) throw new TypeError(`dpl must be an instance of Dipole, got ${describe(dpl)}`);
  if (!(expDpl instanceof Dipole)) throw new TypeError(`exp_dpl must be an instance of Dipole, got ${describe(expDpl)}`);
  let tstart = opts.tstart ?? 0;
  let tstop = opts.tstop ?? Infinity;
  checkFiniteNumber("tstart", tstart);
  if (Number.isNaN(tstop)) throw new ValueError("tstop must be a number, got NaN");
  for (const times of [expDpl.times, dpl.times]) {
    if (tstart < times[0]) tstart = times[0];
    if (tstop > times[times.length - 1]) tstop = times[times.length - 1];
  }
  const expStart = nearestIndex(expDpl.times, tstart);
  const expEnd = nearestIndex(expDpl.times, tstop);
  const simStart = nearestIndex(dpl.times, tstart);
  const simEnd = nearestIndex(dpl.times, tstop);
  const simLength = simEnd - simStart;
  const expLength = expEnd - expStart;
  if (simLength < 1 || expLength < 1) {
    throw new ValueError(`the window [tstart, tstop) = [${tstart}, ${tstop}) ms holds no samples of both dipoles`);
  }
  let weights: Float64Array;
  if (opts.weights === undefined) {
    weights = new Float64Array(simLength).fill(1);
  } else {
    if (opts.weights.length < simEnd) {
      throw new ValueError(`weights must have at least ${simEnd} values (the simulated samples up to tstop), got ${opts.weights.length}`);
    }
    weights = Float64Array.from({ length: simLength }, (_, i) => opts.weights![simStart + i]);
  }
  let sim: Float64Array = dpl.data.agg.slice(simStart, simEnd);
  let exp: Float64Array = expDpl.data.agg.slice(expStart, expEnd);
  if (simLength > expLength) {
    sim = resample(sim, expLength);
    weights = resample(weights, expLength);
    for (let i = 0; i < weights.length; i++) if (weights[i] < 1e-4) weights[i] = 0;
  } else if (simLength < expLength) {
    exp = resample(exp, simLength);
  }
  return [sim, exp, weights];
}

/**
 * Weighted root-mean-square error between the agg series of a simulated and an experimental
 * dipole (hnn-core `_rmse`): √(Σ w·(sim − exp)² / Σ w) over [tstart, tstop), the longer series
 * resampled to the shorter one's length first.
 */
export function rmse(dpl: Dipole, expDpl: Dipole, opts: CompareOptions = {}): number {
  const [sim, exp, w] = alignedSeries(dpl, expDpl, opts);
  const terms = new Float64Array(sim.length);
  for (let i = 0; i < sim.length; i++) terms[i] = w[i] * (sim[i] - exp[i]) ** 2;
  return Math.sqrt(numpySum(terms) / numpySum(w));
}

/** numpy `corrcoef(x, y)[0, 1]` (clipped to [−1, 1]); x and y of equal length ≥ 2. */
function corrcoef(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const mx = numpySum(x) / n;
  const my = numpySum(y) / n;
  const dx = x.map((v) => v - mx);
  const dy = y.map((v) => v - my);
  const dot = (a: Float64Array, b: Float64Array): number => numpySum(a.map((v, i) => v * b[i]));
  const fact = 1 / (n - 1);
  const cxy = dot(dx, dy) * fact;
  const r = cxy / Math.sqrt(dot(dx, dx) * fact) / Math.sqrt(dot(dy, dy) * fact);
  return Math.min(1, Math.max(-1, r));
}

/**
 * Anticorrelation 1 − corr(w·sim, w·exp) between the agg series of a simulated and an
 * experimental dipole (hnn-core `_anticorr`), over [tstart, tstop) after the same resampling as
 * {@link rmse}; 0 is a perfect fit.
 */
export function anticorrelation(dpl: Dipole, expDpl: Dipole, opts: CompareOptions = {}): number {
  const [sim, exp, w] = alignedSeries(dpl, expDpl, opts);
  if (sim.length < 2) throw new ValueError(`anticorrelation needs at least 2 samples in [tstart, tstop), got ${sim.length}`);
  return 1 - corrcoef(sim.map((v, i) => v * w[i]), exp.map((v, i) => v * w[i]));
}

/** A frequency band [low, high] (Hz), both ends included. */
export type FrequencyBand = readonly [number, number];

/**
 * Minus the weighted power in the bands relative to the total power of a dipole's agg series
 * (hnn-core `_get_relative_power`): −Σ_b c_b·Σ_{f∈b} P(f) / Σ_f P(f), P scipy's Hamming-windowed
 * periodogram. Minimising it maximises the power in the bands.
 * @param dpl the dipole.
 * @param fBands the bands (Hz).
 * @param bandWeights hnn-core's `relative_bandpower`: one weight per band, or one weight for all.
 */
export function relativeBandpower(dpl: Dipole, fBands: readonly FrequencyBand[], bandWeights: number | readonly number[]): number {
  if (!(dpl instanceof Dipole)) throw new TypeError(`dpl must be an instance of Dipole, got ${describe(dpl)}`);
  if (!Array.isArray(fBands) || fBands.some((b) => !Array.isArray(b) || b.length !== 2 || b.some((f) => typeof f !== "number"))) {
    throw new TypeError(`f_bands must be a list of (low, high) frequency pairs, got ${describe(fBands)}`);
  }
  let weights: readonly number[];
  if (typeof bandWeights === "number") {
    weights = fBands.map(() => bandWeights);
  } else if (bandWeights.length !== fBands.length) {
    throw new ValueError("Length of relative_bandpower must match length of f_bands.");
  } else {
    weights = bandWeights;
  }
  const { freqs, pxx } = periodogram(dpl.data.agg, dpl.sfreq);
  let bandSum = 0;
  fBands.forEach(([lo, hi], b) => {
    let power = 0;
    for (let k = 0; k < freqs.length; k++) if (freqs[k] >= lo && freqs[k] <= hi) power += pxx[k];
    bandSum += weights[b] * power;
  });
  let total = 0;
  for (let k = 0; k < pxx.length; k++) total += pxx[k];
  return -bandSum / total;
}

/**
 * What the objectives read of `Optimizer.fit`'s arguments (hnn-core's `obj_fun_kwargs`, camelCase).
 * `scaleFactor` and `smoothWindowLen` are applied to every trial, in that order, before the comparison.
 */
export interface ObjectiveOptions {
  /** Length of the simulation (ms); the comparison window of dipole_rmse and dipole_corr is [0, tstop). */
  tstop?: number;
  /** Factor every simulated dipole is multiplied by (`Dipole.scale`). */
  scaleFactor?: number;
  /** Hamming smoothing window (ms) applied to every simulated dipole (`Dipole.smooth`). */
  smoothWindowLen?: number;
  /** Bands of maximize_psd. */
  fBands?: readonly FrequencyBand[];
  /** Band weights of maximize_psd. */
  relativeBandpower?: number | readonly number[];
}

/**
 * An objective of the Optimizer: the simulated trials of one parameter set (and the target dipole
 * for dipole_rmse and dipole_corr) to the value to minimise.
 */
export type ObjectiveFunction = (dpls: readonly Dipole[], target: Dipole | undefined, opts: ObjectiveOptions) => number;

/** hnn-core `_preprocess_dipole` on copies: scale, then smooth each trial. */
function preprocess(dpls: readonly Dipole[], opts: ObjectiveOptions): Dipole[] {
  if (!Array.isArray(dpls) || dpls.length === 0) {
    throw new ValueError(`dpls must be a non-empty list of Dipole instances, got ${describe(dpls)}`);
  }
  return dpls.map((d) => {
    const c = d.copy();
    if (opts.scaleFactor !== undefined) c.scale(opts.scaleFactor);
    if (opts.smoothWindowLen !== undefined) c.smooth(opts.smoothWindowLen);
    return c;
  });
}

/** The trial average and the target, checked, for dipole_rmse and dipole_corr. */
function evokedPair(dpls: readonly Dipole[], target: Dipole | undefined, opts: ObjectiveOptions): [Dipole, Dipole, number] {
  if (target === undefined) throw new ValueError("target must be specified");
  checkFiniteNumber("tstop", opts.tstop);
  return [averageDipoles(preprocess(dpls, opts)), target, opts.tstop];
}

/**
 * hnn-core's `dipole_rmse` objective (`_rmse_evoked` after the simulation): RMSE between the
 * average of the scaled and smoothed trials and the target over [0, tstop).
 */
export const dipoleRmse: ObjectiveFunction = (dpls, target, opts) => {
  const [avg, tgt, tstop] = evokedPair(dpls, target, opts);
  return rmse(avg, tgt, { tstop });
};

/**
 * hnn-core's `dipole_corr` objective (`_anticorr_evoked` after the simulation): anticorrelation
 * between the average of the scaled and smoothed trials and the target over [0, tstop).
 */
export const dipoleCorr: ObjectiveFunction = (dpls, target, opts) => {
  const [avg, tgt, tstop] = evokedPair(dpls, target, opts);
  return anticorrelation(avg, tgt, { tstop });
};

/**
 * hnn-core's `maximize_psd` objective (`_maximize_psd` after the simulation): the relative band
 * power of the first trial, scaled and smoothed (hnn-core simulates one trial for it).
 */
export const maximizePsd: ObjectiveFunction = (dpls, _target, opts) => {
  if (opts.fBands === undefined || opts.relativeBandpower === undefined) {
    throw new ValueError("f_bands and relative_bandpower must be specified");
  }
  return relativeBandpower(preprocess(dpls.slice(0, 1), opts)[0], opts.fBands, opts.relativeBandpower);
};

/** The objectives by hnn-core's `obj_fun` names. */
export const OBJECTIVES: Readonly<Record<"dipole_rmse" | "dipole_corr" | "maximize_psd", ObjectiveFunction>> = {
  dipole_rmse: dipoleRmse,
  dipole_corr: dipoleCorr,
  maximize_psd: maximizePsd,
};
