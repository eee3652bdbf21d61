/**
 * hnn-core's `ExtracellularArray` (extracellular.py): an array of point electrodes in an infinite
 * homogeneous volume conductor and the potentials simulateDipole recorded at them, trial by trial,
 * with hnn-core's laminar figures of them (`plotLfp`, `plotCsd`, drawn by `hnn-wasm/viz`). The potentials are Σ over every segment of every cell of the segment's
 * transfer resistance (transferResistance.ts) times its total membrane current (the engine's
 * NEURON `i_membrane_`). Units: µm, S/m, ms, µV.
 */
import { calculateCsd2d } from "../analysis/csd";
import { smoothWaveform } from "../analysis/filters";
import { plotRenderer } from "../util/plotRenderers";
import type { Figure } from "../viz/figure";
import type { PlotLaminarCsdOptions, PlotLaminarLfpOptions } from "../viz/laminar";
import { pyNum } from "../util/pyformat";
import { checkFinite, checkOption, describe, typeError, ValueError } from "../util/validate";
import { isVec3 } from "./positions";
import type { Vec3 } from "./types";

/** `ExtracellularArray` keyword arguments (hnn-core's names in camelCase). */
export interface ExtracellularArrayOptions {
  /** Extracellular conductivity (S/m), > 0. Default 0.3. */
  conductivity?: number;
  /** Point-source ('psa') or line-source ('lsa') approximation. Default 'psa'. */
  method?: "psa" | "lsa";
  /** Smallest electrode-to-segment distance used (µm), > 0. Default 0.5. */
  minDistance?: number;
  /** Precomputed sample times (ms), with `voltages`. */
  times?: ArrayLike<number>;
  /** Precomputed voltages (µV), trials × contacts × samples. */
  voltages?: ArrayLike<ArrayLike<number>>[];
}

/** hnn-core `ExtracellularArray.to_dict()`, with its snake_case keys. */
export interface ExtracellularArrayDict {
  positions: Vec3[];
  conductivity: number;
  method: "psa" | "lsa";
  min_distance: number;
  times: number[];
  voltages: number[][][];
}

/**
 * hnn-core `ExtracellularArray(positions, *, conductivity=0.3, method='psa', min_distance=0.5,
 * times=None, voltages=None)`. Add one to a simulation with `net.addElectrodeArray`; after
 * `simulateDipole`, `net.recArrays[name]` holds one voltage trace per contact and trial.
 */
export class ExtracellularArray {
  /** Contact positions (µm). */
  readonly positions: Vec3[];
  readonly conductivity: number;
  readonly method: "psa" | "lsa";
  readonly minDistance: number;
  #times: Float64Array;
  /** trial → contact → samples (µV). */
  #data: Float64Array[][];

  /**
   * @throws TypeError for positions that are not [x, y, z] triplets of numbers or a non-number
   *   setting; ValueError for a setting out of range or voltages whose shape does not match.
   */
  constructor(positions: Vec3 | Vec3[], opts: ExtracellularArrayOptions = {}) {
    if (!Array.isArray(positions)) throw typeError("positions", "tuple or list", positions);
    const list: unknown[] = positions.length === 3 && !Array.isArray(positions[0]) ? [positions] : positions;
    this.positions = list.map((p) => {
      if (!Array.isArray(p)) throw typeError("positions", "tuple or list", p);
      if (p.length !== 3) throw new ValueError(`positions should be provided as xyz coordinate triplets, got: ${JSON.stringify(positions)}`);
      if (!isVec3(p)) throw new TypeError(`positions must hold finite numbers, got: ${JSON.stringify(p)}`);
      return [p[0], p[1], p[2]] as Vec3;
    });
    this.conductivity = checkFinite("conductivity", opts.conductivity ?? 0.3, "float");
    if (!(this.conductivity > 0)) throw new ValueError("conductivity must be a positive number");
    this.minDistance = checkFinite("minDistance", opts.minDistance ?? 0.5, "float");
    if (!(this.minDistance > 0)) throw new ValueError("min_distance must be a positive number");
    this.method = checkOption("method", opts.method ?? "psa", ["psa", "lsa"] as const);
    this.#times = Float64Array.from(opts.times ?? []);
    this.#data = (opts.voltages ?? []).map((trial) => Array.from(trial, (c) => Float64Array.from(c)));
    for (const trial of this.#data) {
      if (trial.length !== this.positions.length) {
        throw new ValueError(`number of voltage traces must match number of channels, got ${trial.length} and ${this.positions.length}`);
      }
      for (const c of trial) {
        if (c.length !== this.#times.length) throw new ValueError(`length of times and voltages must match, got ${this.#times.length} and ${c.length}`);
      }
    }
  }

  /** Number of contacts. */
  get nContacts(): number {
    return this.positions.length;
  }

  /** Number of trials recorded (hnn-core `len(array)`). */
  get length(): number {
    return this.#data.length;
  }

  /** Sample times (ms), a copy. */
  get times(): Float64Array {
    return this.#times.slice();
  }

  /** Voltages (µV), trials × contacts × samples, a copy. */
  get voltages(): Float64Array[][] {
    return this.#data.map((trial) => trial.map((c) => c.slice()));
  }

  /**
   * Sampling rate (Hz) from the median sample interval; null without samples.
   * @throws Error for one sample, or intervals that vary by more than 1 µs.
   */
  get sfreq(): number | null {
    const t = this.#times;
    if (t.length === 0) return null;
    if (t.length === 1) throw new Error("Sampling rate is not defined for one sample");
    const dT = Float64Array.from({ length: t.length - 1 }, (_, i) => t[i + 1] - t[i]);
    const sorted = dT.slice().sort();
    const m = sorted.length >> 1;
    const tSamp = sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    if (Math.abs(sorted[sorted.length - 1] - tSamp) > 1e-3 || Math.abs(sorted[0] - tSamp) > 1e-3) {
      throw new Error("Extracellular sampling times vary by more than 1 us. Check times-attribute for errors.");
    }
    return 1000.0 / tSamp;
  }

  /**
   * hnn-core `array[trial_no]`: a new array holding the given trial (negative counts from the end),
   * or the listed trials, in that order.
   * @throws TypeError for an index that is not an integer or a list of integers; RangeError (hnn-core's IndexError) out of range.
   */
  at(trial: number | readonly number[]): ExtracellularArray {
    const picks = typeof trial === "number" ? [trial] : Array.isArray(trial) ? trial : null;
    if (picks === null || !picks.every((k) => Number.isInteger(k))) throw new TypeError(`trial index must be int or list-like, got: ${describe(trial)}`);
    const n = this.#data.length;
    const data = picks.map((k) => {
      if (k < -n || k >= n) throw new RangeError(`the data contain ${n} trials, the indices provided are out of range: ${JSON.stringify(trial)}`);
      return this.#data[k < 0 ? k + n : k];
    });
    return new ExtracellularArray(this.positions, { conductivity: this.conductivity, method: this.method, minDistance: this.minDistance, times: this.#times, voltages: data });
  }

  /** hnn-core `smooth(window_len)`: Hamming-window smoothing (ms) of every trace, in place; returns this. */
  smooth(windowLen: number): this {
    const sfreq = this.sfreq;
    for (const trial of this.#data) {
      for (let c = 0; c < trial.length; c++) trial[c] = smoothWaveform(trial[c], windowLen, sfreq ?? NaN);
    }
    return this;
  }

  /** A deep copy. */
  copy(): ExtracellularArray {
    return this.at(this.#data.map((_, k) => k));
  }

  /** hnn-core `to_dict()`: plain data with its snake_case keys. */
  toDict(): ExtracellularArrayDict {
    return {
      positions: this.positions.map((p) => [...p] as Vec3),
      conductivity: this.conductivity,
      method: this.method,
      min_distance: this.minDistance,
      times: Array.from(this.#times),
      voltages: this.#data.map((trial) => trial.map((c) => Array.from(c))),
    };
  }

  /**
   * hnn-core `plot_lfp`: the laminar potentials of trial(s) `trialNo` (default all: one figure per
   * trial, the last returned, as hnn-core), contacts `contactNo` (default all), labelled by depth.
   * Needs `hnn-wasm/viz` (or `hnn-wasm/node`) imported.
   * @throws ValueError for an array that is not laminar (see {@link laminarZCoords}) or bad indices
   */
  plotLfp(options: PlotLaminarLfpOptions & { trialNo?: number | number[]; contactNo?: number | number[] } = {}): Figure {
    const { trialNo, contactNo, ...opts } = options;
    const trials = trialNo === undefined ? this.#data : this.at(trialNo).#data;
    if (trials.length === 0) throw new ValueError("the array holds no data: simulate first");
    const contacts = contactNo === undefined ? null : indexList("contactNo", contactNo, this.nContacts);
    const [depths] = laminarZCoords(this.positions);
    const plot = plotRenderer("plotLaminarLfp", "ExtracellularArray.plotLfp");
    let fig: Figure | undefined;
    for (const trial of trials) {
      fig = plot(this.#times, contacts ? contacts.map((c) => trial[c]) : trial, contacts ? contacts.map((c) => depths[c]) : depths, opts);
    }
    return fig!;
  }

  /**
   * hnn-core `plot_csd`: the current source density of trial 0 (calculateCsd2d with the contacts'
   * spacing) as a depth × time image. Needs `hnn-wasm/viz` (or `hnn-wasm/node`) imported.
   * @throws ValueError for an array that is not laminar or holds no data
   */
  plotCsd(options: PlotLaminarCsdOptions = {}): Figure {
    if (this.#data.length === 0) throw new ValueError("the array holds no data: simulate first");
    const [depths, deltaUm] = laminarZCoords(this.positions);
    const csd = calculateCsd2d(this.#data[0], deltaUm);
    return plotRenderer("plotLaminarCsd", "ExtracellularArray.plotCsd")(this.#times, csd, depths, options);
  }

  /** hnn-core's repr. */
  toString(): string {
    let msg = `${this.nContacts} electrodes, conductivity=${pyNum(this.conductivity)}, method=${this.method}`;
    msg += this.#data.length > 0 ? ` | ${this.#data.length} trials, ${this.#times.length} times` : " (no data recorded yet)";
    return `<ExtracellularArray | ${msg}>`;
  }

  /** Drops the recorded data (hnn-core `_reset`; simulateDipole calls it before a run). */
  reset(): void {
    this.#times = new Float64Array(0);
    this.#data = [];
  }

  /** Appends one trial's traces (contacts × samples, µV) sampled at `times` (simulateDipole). */
  appendTrial(times: Float64Array, traces: Float64Array[]): void {
    if (traces.length !== this.nContacts) throw new Error(`internal error: ${traces.length} traces for ${this.nContacts} contacts`);
    this.#times = times.slice();
    this.#data.push(traces.map((c) => c.slice()));
  }
}

/** Contact indices as a list, each checked against `n` (negative counts from the end, as numpy). */
function indexList(name: string, idx: number | number[], n: number): number[] {
  const list = typeof idx === "number" ? [idx] : Array.isArray(idx) ? idx : null;
  if (list === null || !list.every((k) => Number.isInteger(k))) throw new ValueError(`unknown contact number type, got ${describe(idx)}`);
  return list.map((k) => {
    if (k < -n || k >= n) throw new RangeError(`${name} ${k} is out of range for ${n} contacts`);
    return k < 0 ? k + n : k;
  });
}

/**
 * hnn-core `_get_laminar_z_coords`: the contacts' depths (z, µm) and their spacing, for contacts that
 * are equally spaced on one line with a step in z (numpy allclose tolerances).
 * @throws ValueError with hnn-core's messages otherwise
 */
export function laminarZCoords(positions: readonly Vec3[]): [number[], number] {
  const n = positions.length;
  if (n < 2) {
    throw new ValueError(
      `Electrode array positions must contain more than 1 contact to be compatible with laminar profiling in a neocortical column. Got ${n} electrode contact positions.`,
    );
  }
  const steps = positions.slice(1).map((p, k) => [0, 1, 2].map((i) => p[i] - positions[k][i]));
  const zDelta = Math.abs(steps[0][2]);
  const norms = steps.map((d) => Math.hypot(d[0], d[1], d[2]));
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
  const cross = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const colinear = steps.slice(1).every((d, k) => cross(steps[k], d).every((c) => close(c, 0)));
  if (!(norms.every((m) => close(m, norms[0])) && zDelta > 0 && colinear)) {
    throw new ValueError(
      "Electrode contacts are incompatible with laminar profiling in a neocortical column. Make sure the electrode positions are equispaced, colinear, and projecting along the z-axis.",
    );
  }
  return [positions.map((p) => p[2]), zDelta];
}
