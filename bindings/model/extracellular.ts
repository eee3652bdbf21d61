/**
 * hnn-core's `ExtracellularArray` (extracellular.py): an array of point electrodes in an infinite
 * homogeneous volume conductor and the potentials simulateDipole recorded at them, trial by trial;
 * and `calculate_csd2d`. The potentials are Σ over every segment of every cell of the segment's
 * transfer resistance (transferResistance.ts) times its total membrane current (the engine's
 * NEURON `i_membrane_`). Units: µm, S/m, ms, µV.
 */
import { smoothWaveform } from "../analysis/filters";
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
