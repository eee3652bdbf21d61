/**
 * The chunks of hnn-core 0.6.1's legacy `optimize_evoked` (optimization/optimize_evoked.py): the
 * parameter ranges of every evoked drive (`_split_by_evinput`), the weight function of its time
 * window (`_generate_weights`, from normal CDFs at the drives' start times), and the grouping of
 * drives whose windows overlap into chunks, plus a last chunk with all of them and flat weights
 * (`_consolidate_chunks`, `_create_last_chunk`).
 */

import { normCdf } from "./normal";
import { ValueError } from "../util/validate";

/** hnn-core's range of one parameter: its starting value and bounds. */
interface ParamRange {
  initial: number;
  minval: number;
  maxval: number;
}

/** One evoked drive's timing and synaptic weights, as `_get_drive_params` reads them. */
export interface EvokedDriveParams {
  name: string;
  mu: number;
  sigma: number;
  /** `ampa_<cell type>` / `nmda_<cell type>` → weight (µS), in connection order. */
  weights: Record<string, number>;
}

/** The multipliers (in %, of the drive's own value) that set the ranges. */
export interface RangeMultipliers {
  timing: number;
  sigma: number;
  synweight: number;
}

/** One evoked input or a chunk of them, with its optimisation window. */
export interface EvokedChunk {
  /** Drive names. */
  inputs: string[];
  /** Parameter name (`<drive>_mu`, `<drive>_sigma`, `<drive>_gbar_ampa_<type>`, …) → range. */
  ranges: Record<string, ParamRange>;
  /** Start and end of the timing range (ms). */
  start: number;
  end: number;
  /** Weight of every sample of [0, tstop] in the chunk's weighted RMSE. */
  weights: Float64Array;
  /** The window of the weighted RMSE (ms, multiples of dt). */
  optStart: number;
  optEnd: number;
}

/** hnn-core `_get_range`: value ± value·multiplier %, the lower end at least 0. */
function getRange(val: number, multiplier: number): ParamRange {
  return { initial: val, minval: Math.max(0, val - (val * multiplier) / 100), maxval: val + (val * multiplier) / 100 };
}

/** numpy `linspace(start, stop, num)`. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = start + i * step;
  if (num > 1) out[num - 1] = stop;
  return out;
}

interface EvInput {
  name: string;
  mean: number;
  sigma: number;
  ranges: Record<string, ParamRange>;
  start: number;
  end: number;
}

/** hnn-core `_split_by_evinput`: each drive's ranges and timing window, sorted by start (stable). */
function splitByEvinput(drives: readonly EvokedDriveParams[], tstop: number, m: RangeMultipliers): EvInput[] {
  const inputs = drives.map((d): EvInput => {
    const sigma = d.sigma === 0 ? 0.01 : d.sigma; // a sigma of 0 gives no CDF
    const bound = sigma * m.timing;
    const start = Math.max(0, d.mu - bound);
    const end = Math.min(tstop, d.mu + bound);
    const ranges: Record<string, ParamRange> = {
      [`${d.name}_sigma`]: getRange(sigma, m.sigma),
      [`${d.name}_mu`]: { initial: d.mu, minval: start, maxval: end },
    };
    for (const [key, weight] of Object.entries(d.weights)) {
      const r = getRange(weight, m.synweight);
      if (weight === 0) {
        r.minval = weight;
        r.maxval = 1.0;
      }
      ranges[`${d.name}_gbar_${key}`] = r;
    }
    return { name: d.name, mean: d.mu, sigma, ranges, start, end };
  });
  return inputs.sort((a, b) => a.start - b.start);
}

/** hnn-core `_generate_weights`: each input's CDF less the later inputs' decayed CDFs, clipped at 0, and its window. */
function generateWeights(inputs: readonly EvInput[], tstop: number, dt: number, decayMultiplier: number): EvokedChunk[] {
  const times = linspace(0, tstop, Math.ceil(tstop / dt) + 1);
  const cdfs = inputs.map((e) => times.map((t) => normCdf((t - e.start) / e.sigma)));
  return inputs.map((e, k) => {
    const weights = cdfs[k].slice();
    inputs.forEach((other, j) => {
      if (other.mean < e.mean || j === k) return;
      const decay = (decayMultiplier * (other.mean - e.mean)) / tstop;
      for (let i = 0; i < weights.length; i++) weights[i] -= cdfs[j][i] * decay;
    });
    for (let i = 0; i < weights.length; i++) if (weights[i] < 0) weights[i] = 0;
    const above = times.filter((_, i) => weights[i] > 0.01);
    if (above.length === 0) throw new ValueError(`the weights of drive '${e.name}' are nowhere above 0.01 in [0, ${tstop}] ms`);
    const optStart = Math.floor(Math.min(e.start, above[0]) / dt) * dt;
    const optEnd = Math.ceil(Math.max(e.end, above[above.length - 1]) / dt) * dt;
    return { inputs: [e.name], ranges: e.ranges, start: e.start, end: e.end, weights, optStart, optEnd };
  });
}

/** hnn-core `_consolidate_chunks`: overlapping inputs merged (weights averaged), then a last chunk of all. */
function consolidateChunks(inputs: readonly EvokedChunk[]): EvokedChunk[] {
  const chunks: EvokedChunk[] = [];
  for (const input of inputs) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && input.start <= last.end) {
      last.inputs.push(...input.inputs);
      last.end = input.end;
      Object.assign(last.ranges, input.ranges);
      last.optEnd = Math.max(last.optEnd, input.optEnd);
      last.weights = last.weights.map((w, i) => (w + input.weights[i]) / 2);
    } else {
      chunks.push({ ...input, inputs: [...input.inputs], ranges: { ...input.ranges } });
    }
  }
  if (chunks.length > 1) {
    const all: EvokedChunk = { inputs: [], ranges: {}, start: 0, end: 0, weights: new Float64Array(0), optStart: 0, optEnd: 0 };
    for (const c of chunks) {
      all.inputs.push(...c.inputs);
      Object.assign(all.ranges, c.ranges);
      if (c.optEnd > all.optEnd) all.optEnd = c.optEnd;
    }
    // The weighted RMSE with weights of 1 is the plain RMSE.
    all.weights = new Float64Array(chunks[chunks.length - 1].weights.length).fill(1);
    chunks.push(all);
  }
  return chunks;
}

/**
 * The optimisation steps of `optimize_evoked` for these drives: one chunk per group of drives
 * whose timing windows overlap, in order of time, then (with more than one) a chunk of all drives.
 */
export function evokedChunks(drives: readonly EvokedDriveParams[], tstop: number, dt: number, m: RangeMultipliers, decayMultiplier: number): EvokedChunk[] {
  return consolidateChunks(generateWeights(splitByEvinput(drives, tstop, m), tstop, dt, decayMultiplier));
}
