/**
 * hnn-core's `Dipole` (dipole.py, utils.py of v0.6.1): the current dipole moment time courses of
 * the L2 and L5 pyramidal cells and their sum, with the same processing steps (scale, Hamming
 * smoothing, Savitzky-Golay filter), the same text file format, and trial averaging.
 * Spec: ../shared/spec/DIPOLE.md §3-5.
 */

import { nodeFs, nodePath } from "../util/nodeFs";
import { formatFixed } from "../util/pyformat";
import { checkFiniteNumber, describe, ValueError } from "../util/validate";
import { warn } from "../util/warnings";
import { savgolFilterData, smoothWaveform } from "./filters";
import { plotRenderer } from "../util/plotRenderers";
import type { Figure } from "../viz/figure";
import type { PlotDipoleOptions } from "../viz/dipole";
import type { PlotPsdOptions, PlotTfrMorletOptions } from "../viz/spectral";

/** Names of the dipole columns, in hnn-core's order. */
export type DipoleLayer = "agg" | "L2" | "L5";

/** The layers a dipole can hold, in hnn-core's column order (agg, L2, L5). */
export const DIPOLE_LAYERS: readonly DipoleLayer[] = ["agg", "L2", "L5"];

/**
 * Dipole moment time courses (nAm × `scaleApplied`), one array per layer, each as long as
 * `times`. `agg` is always present; `L2` and `L5` are absent for single-column (e.g. experimental)
 * data, as in hnn-core.
 */
export interface DipoleData {
  agg: Float64Array;
  L2?: Float64Array;
  L5?: Float64Array;
}

/** What the {@link Dipole} constructor accepts as data (hnn-core's `data` argument). */
export type DipoleDataInput =
  | { agg: ArrayLike<number>; L2?: ArrayLike<number>; L5?: ArrayLike<number> }
  /** Rows of an (n_times × 1) or (n_times × 3) array: [agg] or [agg, L2, L5]. */
  | ArrayLike<number>[]
  /** One column (agg only). */
  | ArrayLike<number>;

function toFloat64(a: ArrayLike<number>): Float64Array {
  return a instanceof Float64Array ? a : Float64Array.from(a);
}

/**
 * Dipole class (hnn-core `Dipole(times, data, nave=1)`).
 *
 * The methods that change data work in place and return `this`, as hnn-core's do, so that
 * `dpl.smooth(30).scale(3000)` chains; use {@link Dipole.copy} first to keep the original.
 */
export class Dipole {
  /** Sample times (ms). */
  times: Float64Array;
  /** Dipole moment per layer (nAm, multiplied by `scaleApplied`). */
  data: DipoleData;
  /** Number of trials averaged into this dipole. */
  nave: number;
  /** Sampling frequency (Hz) = 1000 / (times[1] − times[0]). */
  sfreq: number;
  /** Product of every factor given to {@link Dipole.scale} (for plot labels). */
  scaleApplied: number;

  /**
   * @param times sample times (ms), at least two, uniformly spaced.
   * @param data `{agg, L2?, L5?}` arrays, or rows `[agg]` / `[agg, L2, L5]`, or a single column.
   *   Float64Array inputs are used as they are (not copied), like hnn-core's dict input.
   * @param nave number of trials averaged into this dipole.
   */
  constructor(times: ArrayLike<number>, data: DipoleDataInput, nave = 1) {
    if (times.length < 2) {
      throw new ValueError(`times must hold at least 2 samples to define sfreq, got ${times.length}`);
    }
    this.times = Float64Array.from(times); // hnn-core: np.array(times) copies
    this.data = Dipole.parseData(data, this.times.length);
    if (!Number.isInteger(nave) || nave < 1) {
      throw new ValueError(`nave must be a positive integer, got ${describe(nave)}`);
    }
    this.nave = nave;
    this.sfreq = 1000.0 / (this.times[1] - this.times[0]);
    this.scaleApplied = 1;
  }

  private static parseData(data: DipoleDataInput, nTimes: number): DipoleData {
    let out: DipoleData;
    if (Array.isArray(data) && data.length > 0 && typeof data[0] !== "number") {
      const rows = data as ArrayLike<number>[];
      const nCols = rows[0].length;
      if (nCols !== 1 && nCols !== 3) {
        throw new ValueError(`data must have 1 column (agg) or 3 columns (agg, L2, L5), got ${nCols}`);
      }
      const cols = Array.from({ length: nCols }, () => new Float64Array(rows.length));
      rows.forEach((row, i) => {
        if (row.length !== nCols) {
          throw new ValueError(`data row ${i} has ${row.length} columns, expected ${nCols}`);
        }
        for (let c = 0; c < nCols; c++) cols[c][i] = row[c];
      });
      out = nCols === 3 ? { agg: cols[0], L2: cols[1], L5: cols[2] } : { agg: cols[0] };
    } else if (typeof (data as { length?: unknown }).length === "number") {
      out = { agg: toFloat64(data as ArrayLike<number>) };
    } else {
      const d = data as { agg?: ArrayLike<number>; L2?: ArrayLike<number>; L5?: ArrayLike<number> };
      if (d.agg === undefined) throw new ValueError("data must contain an 'agg' array");
      out = { agg: toFloat64(d.agg) };
      if (d.L2 !== undefined) out.L2 = toFloat64(d.L2);
      if (d.L5 !== undefined) out.L5 = toFloat64(d.L5);
    }
    for (const layer of DIPOLE_LAYERS) {
      const col = out[layer];
      if (col !== undefined && col.length !== nTimes) {
        throw new ValueError(`data['${layer}'] has ${col.length} samples but times has ${nTimes}`);
      }
    }
    return out;
  }

  /** The layers present, in hnn-core's order (agg, L2, L5). */
  layers(): DipoleLayer[] {
    return DIPOLE_LAYERS.filter((l) => this.data[l] !== undefined);
  }

  /** Plots this dipole (hnn-core `Dipole.plot`; {@link plotDipole}). Needs `hnn-wasm/viz` imported. */
  plot(options: PlotDipoleOptions = {}): Figure {
    return plotRenderer("plotDipole", "Dipole.plot")(this, options);
  }

  /** Its power spectral density (hnn-core `Dipole.plot_psd`; {@link plotPsd}). Needs `hnn-wasm/viz` imported. */
  plotPsd(options: PlotPsdOptions = {}): Figure {
    return plotRenderer("plotPsd", "Dipole.plotPsd")(this, options);
  }

  /**
   * Its Morlet time-frequency power at `freqs` (Hz) (hnn-core `Dipole.plot_tfr_morlet`;
   * {@link plotTfrMorlet}). Needs `hnn-wasm/viz` imported.
   */
  plotTfrMorlet(freqs: ArrayLike<number>, options: PlotTfrMorletOptions = {}): Figure {
    return plotRenderer("plotTfrMorlet", "Dipole.plotTfrMorlet")(this, freqs, options);
  }

  /** A deep copy (hnn-core `copy`). */
  copy(): Dipole {
    const data: DipoleData = { agg: this.data.agg.slice() };
    if (this.data.L2) data.L2 = this.data.L2.slice();
    if (this.data.L5) data.L5 = this.data.L5.slice();
    const c = new Dipole(this.times, data, this.nave);
    c.sfreq = this.sfreq;
    c.scaleApplied = this.scaleApplied;
    return c;
  }

  /**
   * Multiply every layer by `factor` in place; `scaleApplied` is multiplied too
   * (hnn-core `scale`).
   */
  scale(factor: number): this {
    checkFiniteNumber("factor", factor);
    for (const layer of this.layers()) {
      const col = this.data[layer]!;
      for (let i = 0; i < col.length; i++) col[i] *= factor;
    }
    this.scaleApplied *= factor;
    return this;
  }

  /**
   * Smooth every layer in place with a normalised Hamming window of `windowLen` ms
   * (hnn-core `smooth` → `smooth_waveform`; numpy.convolve mode 'same'). DIPOLE.md §5.
   * @param windowLen window length (ms): 0 or ≥ 1, giving between 1 sample and the data length.
   */
  smooth(windowLen: number): this {
    for (const layer of this.layers()) {
      this.data[layer] = smoothWaveform(this.data[layer]!, windowLen, this.sfreq);
    }
    return this;
  }

  /**
   * Savitzky-Golay filter every layer in place (hnn-core `savgol_filter`): polynomial order 5,
   * window of `(round(sfreq / hFreq) div 2)·2 + 1` samples, scipy's mode 'interp'. DIPOLE.md §5.
   * @param hFreq approximate high cut-off (Hz), 0 < hFreq < sfreq / 2.
   */
  savgolFilter(hFreq: number): this {
    checkFiniteNumber("hFreq", hFreq);
    if (hFreq < 0) throw new ValueError(`h_freq cannot be negative (hFreq=${hFreq})`);
    if (hFreq > 0.5 * this.sfreq) {
      throw new ValueError(
        `h_freq must be less than half the sample rate (hFreq=${hFreq}, sfreq/2=${0.5 * this.sfreq})`,
      );
    }
    for (const layer of this.layers()) {
      this.data[layer] = savgolFilterData(this.data[layer]!, hFreq, this.sfreq);
    }
    return this;
  }

  /**
   * hnn-core's dipole text format (`Dipole.write` to .txt): one line per sample, tab-separated,
   * time as `%3.3f` then each present layer (agg, L2, L5) as `%5.4f`, each line ending in "\n".
   */
  toText(): string {
    if (this.nave > 1) {
      warn(`Saving Dipole to file that is an average of ${this.nave} trials`);
    }
    const cols = this.layers().map((l) => this.data[l]!);
    const lines = new Array<string>(this.times.length);
    for (let i = 0; i < this.times.length; i++) {
      let line = formatFixed(this.times[i], 3, 3);
      for (const col of cols) line += "\t" + formatFixed(col[i], 4, 5);
      lines[i] = line + "\n";
    }
    return lines.join("");
  }

  /**
   * Write the dipole to a .txt file in hnn-core's format (Node only). For hnn-core's .hdf5 output
   * use `writeDipoleHdf5` of `hnn-wasm/node` (asynchronous).
   * @param fname path ending in `.txt`.
   * @param overwrite when false, an existing file is an error.
   */
  write(fname: string, overwrite = true): void {
    const fs = nodeFs();
    if (!overwrite && fs.existsSync(fname)) {
      throw new ValueError(
        `File already exists at path ${fname}. Rename the file or set overwrite=True.`,
      );
    }
    const ext = nodePath().extname(fname);
    if (ext !== ".txt") {
      throw new ValueError(
        `File extension should be txt (for hdf5 use writeDipoleHdf5 of hnn-wasm/node), but the given extension is ${ext || "(none)"}.`,
      );
    }
    fs.writeFileSync(fname, this.toText());
  }
}

/**
 * Trial average (hnn-core `average_dipoles`): every layer's element-wise mean over `dpls`, times
 * of the first dipole, `nave` = number of dipoles, `scaleApplied` kept. All dipoles must have the
 * same `scaleApplied`, `nave` = 1, the same layers and the same number of samples.
 */
export function averageDipoles(dpls: readonly Dipole[]): Dipole {
  if (!Array.isArray(dpls) || dpls.length === 0) {
    throw new ValueError(`dpls must be a non-empty list of Dipole instances, got ${describe(dpls)}`);
  }
  const first = dpls[0];
  if (!(first instanceof Dipole)) {
    throw new ValueError(
      `All elements in the list should be instances of Dipole. Got ${describe(first)} at index 0`,
    );
  }
  const scaleApplied = first.scaleApplied;
  const layers = first.layers();
  const nTimes = first.times.length;
  dpls.forEach((dpl, idx) => {
    if (!(dpl instanceof Dipole)) {
      throw new ValueError(
        `All elements in the list should be instances of Dipole. Got ${describe(dpl)} at index ${idx}`,
      );
    }
    if (dpl.scaleApplied !== scaleApplied) {
      throw new ValueError(
        `All dipoles must be scaled equally! (dipole ${idx} has scaleApplied=${dpl.scaleApplied}, ` +
          `dipole 0 has ${scaleApplied})`,
      );
    }
    if (dpl.nave > 1) {
      throw new ValueError(
        `Dipole at index ${idx} was already an average of ${dpl.nave} trials. Cannot reaverage`,
      );
    }
    if (dpl.times.length !== nTimes) {
      throw new ValueError(
        `All dipoles must have the same number of samples: dipole ${idx} has ` +
          `${dpl.times.length}, dipole 0 has ${nTimes}`,
      );
    }
    const these = dpl.layers();
    if (these.join(",") !== layers.join(",")) {
      throw new ValueError(
        `All dipoles must have the same layers: dipole ${idx} has [${these.join(", ")}], ` +
          `dipole 0 has [${layers.join(", ")}]`,
      );
    }
  });
  const avg: Partial<DipoleData> = {};
  for (const layer of layers) {
    // numpy: np.mean(stack, axis=0) adds the rows in order, then divides by the count.
    const sum = dpls[0].data[layer]!.slice();
    for (let t = 1; t < dpls.length; t++) {
      const col = dpls[t].data[layer]!;
      for (let i = 0; i < nTimes; i++) sum[i] += col[i];
    }
    for (let i = 0; i < nTimes; i++) sum[i] /= dpls.length;
    avg[layer] = sum;
  }
  const out = new Dipole(first.times, avg as DipoleData, dpls.length);
  out.scaleApplied = scaleApplied;
  return out;
}

/**
 * hnn-core's always-applied postprocessing of a simulated dipole (DIPOLE.md §4;
 * `Dipole._baseline_renormalize` then `_convert_fAm_to_nAm`), for the simulator.
 *
 * L2 ← L2 − N·0.0443; L5 ← L5 − N·(−49.0502) for t ≤ 37 ms, − N·(3.4770508e-3·t − 51.231085) for
 * 37 < t < 750 ms, − N·(1.01e-4·t − 48.412078) for t ≥ 750 ms; agg = L2 + L5; every layer × 1e-6.
 * @param times sample times (ms).
 * @param l2Fam summed L2 pyramidal dipole (fAm), as recorded; not changed.
 * @param l5Fam summed L5 pyramidal dipole (fAm), as recorded; not changed.
 * @param nPyr pyramidal cells per layer, N = product of the network's mesh shape.
 * @returns a new Dipole in nAm with agg, L2, L5.
 */
export function baselineRenormalize(
  times: ArrayLike<number>,
  l2Fam: ArrayLike<number>,
  l5Fam: ArrayLike<number>,
  nPyr: number,
): Dipole {
  const n = times.length;
  if (l2Fam.length !== n || l5Fam.length !== n) {
    throw new ValueError(
      `l2Fam (${l2Fam.length}) and l5Fam (${l5Fam.length}) must have as many samples as times (${n})`,
    );
  }
  checkFiniteNumber("nPyr", nPyr);
  const l2 = Float64Array.from(l2Fam);
  const l5 = Float64Array.from(l5Fam);
  const offL2 = nPyr * 0.0443;
  const offL5 = nPyr * -49.0502;
  const m = 3.4770508e-3;
  const b = -51.231085;
  const t1 = 750.0;
  const m1 = 1.01e-4;
  const b1 = -48.412078;
  const agg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i];
    l2[i] -= offL2;
    if (t <= 37.0) l5[i] -= offL5;
    else if (t < t1) l5[i] -= nPyr * (m * t + b);
    else l5[i] -= nPyr * (m1 * t + b1);
    agg[i] = l2[i] + l5[i];
  }
  for (let i = 0; i < n; i++) {
    agg[i] *= 1e-6;
    l2[i] *= 1e-6;
    l5[i] *= 1e-6;
  }
  return new Dipole(times, { agg, L2: l2, L5: l5 });
}

/**
 * Parse dipole text: hnn-core's whitespace-separated .txt (2 or 4 columns: t, agg[, L2, L5];
 * `#` comments ignored, as numpy.loadtxt), or a comma-separated table with a header line
 * (e.g. `t,agg,L2,L5`, as hnn-core's GUI reads .csv).
 */
export function parseDipoleText(text: string): Dipole {
  const rows: number[][] = [];
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo++;
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const fields = line.split(/[\s,]+/);
    const values = fields.map(Number);
    if (values.some((v, i) => Number.isNaN(v) && !/^[+-]?nan$/i.test(fields[i]))) {
      if (rows.length === 0 && raw.includes(",")) continue; // CSV header
      throw new ValueError(`Could not read dipole text line ${lineNo}: '${raw}'`);
    }
    rows.push(values);
  }
  if (rows.length < 2) throw new ValueError(`Dipole text must have at least 2 rows, got ${rows.length}`);
  const ncols = rows[0].length;
  if (ncols !== 2 && ncols !== 4) {
    throw new ValueError(`Data are supposed to have 2 or 4 columns while we have ${ncols}.`);
  }
  rows.forEach((r, i) => {
    if (r.length !== ncols) {
      throw new ValueError(`Dipole text row ${i} has ${r.length} columns, expected ${ncols}`);
    }
  });
  const cols = Array.from({ length: ncols }, (_, c) => Float64Array.from(rows, (r) => r[c]));
  const data: DipoleData =
    ncols === 4 ? { agg: cols[1], L2: cols[2], L5: cols[3] } : { agg: cols[1] };
  return new Dipole(cols[0], data);
}

/**
 * hnn-core `read_dipole`: read a dipole from a .txt file (hnn-core's format; also .csv with a
 * header) or, when the argument holds a tab or a line break, from the text itself.
 */
export function readDipole(textOrPath: string): Dipole {
  if (typeof textOrPath !== "string") {
    throw new TypeError(`textOrPath must be a string, got ${describe(textOrPath)}`);
  }
  if (/[\n\t]/.test(textOrPath)) return parseDipoleText(textOrPath);
  const fs = nodeFs();
  if (!fs.existsSync(textOrPath)) throw new Error(`File not found at path ${textOrPath}.`);
  const ext = nodePath().extname(textOrPath);
  if (ext !== ".txt" && ext !== ".csv") {
    throw new ValueError(
      `File extension should be either txt or csv (for hdf5 use readDipoleHdf5 of hnn-wasm/node), but the given extension is ${ext || "(none)"}`,
    );
  }
  return parseDipoleText(fs.readFileSync(textOrPath, "utf8"));
}
