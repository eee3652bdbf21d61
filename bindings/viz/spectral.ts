/**
 * Spectra of dipoles (hnn-core `plot_psd`, `plot_tfr_morlet`).
 *
 * The math lives in bindings/analysis/spectral.ts (scipy.signal.periodogram with a Hamming window;
 * MNE's `tfr_array_morlet` power); these functions only select data and draw. Both estimators can be
 * replaced through the `psd` / `tfr` options.
 */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, el, text, type Cell } from "./figure.js";
import { PANEL, axis, yaxis, baseOptions, colorScale, colorbarCell, cssColor, extent, legendCell, plotCell } from "./common.js";
import { checkOneOf, ValueError } from "../util/validate.js";
import { dipoleList } from "./dipole.js";
import { DIPOLE_LAYERS, type Dipole, type DipoleLayer } from "../analysis/dipole.js";
import { getPlotDataTrange, morletPower, padSignal, periodogramSpectrum } from "../analysis/spectral.js";
import { decimatePlotData } from "../analysis/decimate.js";

/** A power spectral density estimate: frequencies (Hz) and power (signal unit² / Hz). */
export interface Spectrum {
  freqs: ArrayLike<number>;
  psd: ArrayLike<number>;
}

/** Computes a PSD of `data` sampled at `sfreq` (Hz). */
export type PsdFunction = (data: ArrayLike<number>, sfreq: number) => Spectrum;

/** Computes Morlet power, one row per frequency, each as long as `data`. */
export type TfrFunction = (data: ArrayLike<number>, sfreq: number, freqs: ArrayLike<number>, nCycles: number | ArrayLike<number>) => ArrayLike<number>[];

/** The samples of `layer` in [tmin, tmax) (hnn-core `_get_plot_data_trange`). */
function trange(d: Dipole, layer: DipoleLayer, i: number, tmin?: number, tmax?: number): { t: Float64Array; y: Float64Array } {
  const y = d.data[layer];
  if (!y) throw new ValueError(`dpl[${i}] has no data for layer '${layer}'`);
  const { times, data } = getPlotDataTrange(d.times, y, tmin, tmax);
  return { t: times, y: data };
}

/** {@link dipoleList}, also sampled equally. */
function checkDipoles(dpl: Dipole | Dipole[]): { dpls: Dipole[]; scale: number; sfreq: number } {
  const dpls = dipoleList(dpl);
  const sfreq = dpls[0]!.sfreq;
  for (const d of dpls) {
    if (Math.abs(d.sfreq - sfreq) > 1e-9 * sfreq) throw new ValueError("All dipoles must be sampled equally!");
  }
  return { dpls, scale: dpls[0]!.scaleApplied, sfreq };
}

/** Options of {@link plotPsd}. */
export interface PlotPsdOptions {
  /** Frequency range shown (Hz); default 0 to Nyquist. */
  fmin?: number;
  fmax?: number;
  /** Time window of data used (ms). */
  tmin?: number;
  tmax?: number;
  layer?: DipoleLayer;
  color?: string;
  /** Legend label of the curve (none by default). */
  label?: string;
  /** Title (default "Power spectral density"). */
  title?: string;
  /** PSD estimator (default: analysis/spectral `periodogramSpectrum`, scipy periodogram with a Hamming window). */
  psd?: PsdFunction;
  width?: number;
  height?: number;
  document?: Document;
}

/**
 * Power spectral density of the dipole (hnn-core `plot_psd`): a Hamming-windowed periodogram, averaged
 * over the dipoles when several are given (hnn-core 0.6.1 draws only the last one's; we average as its
 * docstring says). Curve: `path.hnn-psd-line`.
 */
export function plotPsd(dpl: Dipole | Dipole[], options: PlotPsdOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const layer = checkOneOf("layer", options.layer ?? "agg", DIPOLE_LAYERS, JSON.stringify);
  const { dpls, scale, sfreq } = checkDipoles(dpl);
  const est = options.psd ?? periodogramSpectrum;
  let freqs: number[] = [];
  let mean: number[] = [];
  dpls.forEach((d, i) => {
    const { y } = trange(d, layer, i, options.tmin, options.tmax);
    if (y.length < 2) throw new ValueError(`the time window [tmin, tmax) leaves ${y.length} samples of dpl[${i}]`);
    const s = est(y, sfreq);
    if (i === 0) {
      freqs = Array.from(s.freqs, Number);
      mean = new Array(freqs.length).fill(0);
    }
    for (let k = 0; k < mean.length; k++) mean[k]! += Number(s.psd[k]) / dpls.length;
  });
  const fmin = options.fmin ?? 0;
  const fmax = options.fmax ?? freqs[freqs.length - 1]!;
  if (!(fmax > fmin)) throw new ValueError(`fmax (${fmax}) must be greater than fmin (${fmin})`);
  const pts = freqs.map((f, k) => ({ f, p: mean[k]! })).filter((q) => q.f >= fmin && q.f <= fmax);
  const color = cssColor(options.color ?? "#1f77b4");
  const unit = scale === 1 ? "nAm² Hz⁻¹" : `[nAm × ${scale.toFixed(0)}]² Hz⁻¹`;
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Frequency (Hz)", { domain: [fmin, fmax] }),
    y: yaxis(`Power spectral density (${unit})`, { grid: true, nice: true, tickFormat: "~g" }),
    marks: [Plot.frame(), Plot.line(pts, { x: "f", y: "p", stroke: color, strokeWidth: 1.5, className: "hnn-psd-line" })],
  });
  const cells: Cell[] = [plotCell(node, width, height)];
  if (options.label) cells.push(legendCell(doc, [{ label: options.label, color }]));
  return new Figure(doc, [{ cells }], options.title ?? "Power spectral density");
}

/** Options of {@link plotTfrMorlet}. */
export interface PlotTfrMorletOptions {
  /** Cycles per wavelet: one for all or one per frequency (default 7). */
  nCycles?: number | number[];
  tmin?: number;
  tmax?: number;
  layer?: DipoleLayer;
  /**
   * Decimation factor(s) of the windowed trace before the transform (hnn-core `decim`; scipy.signal.
   * decimate, a list applied in turn); the sampling frequency is divided by their product.
   */
  decim?: number | number[];
  /** Padding beyond the window before the transform: 'zeros' (default), 'mirror' or null. */
  padding?: "zeros" | "mirror" | null;
  /** Colour scheme (default 'inferno'). */
  colormap?: string;
  colorbar?: boolean;
  /** Draw the colour bar small, white, in the top-right corner of the heat map (hnn-core `colorbar_inside`). */
  colorbarInside?: boolean;
  /** Title (default "Time-frequency power (Morlet)"). */
  title?: string;
  /** Time-frequency estimator (default: analysis/spectral `morletPower`, MNE tfr_array_morlet power). */
  tfr?: TfrFunction;
  /** Most time columns drawn (power is averaged within a column; default 300). */
  maxColumns?: number;
  width?: number;
  height?: number;
  document?: Document;
}

/**
 * Morlet time-frequency power of the dipole (hnn-core `plot_tfr_morlet`), averaged over dipoles, with
 * hnn-core's zero/mirror padding. Cells are `rect.hnn-tfr-cell`.
 */
export function plotTfrMorlet(dpl: Dipole | Dipole[], freqs: ArrayLike<number>, options: PlotTfrMorletOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const layer = checkOneOf("layer", options.layer ?? "agg", DIPOLE_LAYERS, JSON.stringify);
  const fs = Array.from(freqs, Number);
  if (fs.length === 0) throw new ValueError("freqs must hold at least one frequency");
  for (const f of fs) if (!(f > 0)) throw new ValueError(`freqs must be positive (Hz), got ${f}`);
  const { dpls, scale, sfreq } = checkDipoles(dpl);
  const padding = options.padding === undefined ? "zeros" : options.padding;
  if (padding !== null) checkOneOf("padding", padding, ["zeros", "mirror"] as const, JSON.stringify);
  const est = options.tfr ?? morletPower;
  const nCycles = options.nCycles ?? 7;
  let times: Float64Array = new Float64Array(0);
  let power: Float64Array[] = [];
  dpls.forEach((d, i) => {
    const win = trange(d, layer, i, options.tmin, options.tmax);
    const { data: y, times: t, sfreq: fsDec } = options.decim === undefined
      ? { data: win.y, times: win.t, sfreq }
      : decimatePlotData(options.decim, win.y, win.t, sfreq);
    const n = y.length;
    if (n < 2) throw new ValueError(`the time window [tmin, tmax) leaves ${n} samples of dpl[${i}]`);
    const off = padding === null ? 0 : n - 1;
    const p = est(padSignal(y, padding), fsDec!, fs, nCycles);
    if (i === 0) {
      times = t;
      power = fs.map(() => new Float64Array(n));
    }
    p.forEach((row, k) => {
      for (let j = 0; j < n; j++) power[k]![j]! += Number(row[off + j]) / dpls.length;
    });
  });
  // Columns: average power over groups of samples.
  const nT = times.length;
  const cols = Math.min(nT, options.maxColumns ?? 300);
  const cells: { x1: number; x2: number; y1: number; y2: number; p: number }[] = [];
  const fEdges = edgesOf(fs);
  const dt = nT > 1 ? times[1]! - times[0]! : 1;
  for (let c = 0; c < cols; c++) {
    const a = Math.floor((c * nT) / cols);
    const b = Math.floor(((c + 1) * nT) / cols);
    const x1 = times[a]! - dt / 2;
    const x2 = times[b - 1]! + dt / 2;
    for (let k = 0; k < fs.length; k++) {
      let s = 0;
      for (let j = a; j < b; j++) s += power[k]![j]!;
      cells.push({ x1, x2, y1: fEdges[k]!, y2: fEdges[k + 1]!, p: s / (b - a) });
    }
  }
  const domain = extent(cells.map((c) => c.p));
  const scheme = options.colormap ?? "inferno";
  const color = colorScale(scheme, domain);
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Time (ms)", { domain: [cells[0]!.x1, cells[cells.length - 1]!.x2] }),
    y: yaxis("Frequency (Hz)", { domain: [Math.min(...fEdges), Math.max(...fEdges)] }),
    marks: [
      Plot.rect(cells, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: (c: { p: number }) => color(c.p), shapeRendering: "crispEdges", className: "hnn-tfr-cell" }),
      Plot.frame(),
    ],
  });
  const row: Cell[] = [plotCell(node, width, height)];
  if (options.colorbar ?? true) {
    const unit = scale === 1 ? "Power (nAm²)" : `Power ([nAm × ${scale.toFixed(0)}]²)`;
    if (options.colorbarInside) node.appendChild(insideColorbar(doc, color, domain, unit, width, height));
    else row.push(colorbarCell(doc, scheme, domain, unit, { height }));
  }
  return new Figure(doc, [{ cells: row }], options.title ?? "Time-frequency power (Morlet)");
}

/** Cell edges around frequency centres (midpoints; half a step beyond the ends). */
function edgesOf(c: number[]): number[] {
  if (c.length === 1) return [c[0]! * 0.9, c[0]! * 1.1];
  const e = [c[0]! - (c[1]! - c[0]!) / 2];
  for (let i = 0; i < c.length - 1; i++) e.push((c[i]! + c[i + 1]!) / 2);
  e.push(c[c.length - 1]! + (c[c.length - 1]! - c[c.length - 2]!) / 2);
  return e;
}


/**
 * hnn-core's `colorbar_inside`: a bar 4 % of the heat map's width and 15 % of its height, its top at
 * 5 % below the map's top and its left at 90 % of the width, white frame, ticks and label
 * (`g.hnn-colorbar-inside`).
 */
function insideColorbar(doc: Document, color: (v: number) => string, domain: [number, number], label: string, width: number, height: number): SVGElement {
  const w = width - PANEL.marginLeft - PANEL.marginRight;
  const h = height - PANEL.marginTop - PANEL.marginBottom;
  const [x, y, bw, bh] = [PANEL.marginLeft + 0.9 * w, PANEL.marginTop + 0.05 * h, 0.04 * w, 0.15 * h];
  const g = el(doc, "g", { class: "hnn-colorbar-inside" });
  const steps = 32;
  for (let i = 0; i < steps; i++) {
    const v = domain[1] - ((i + 0.5) * (domain[1] - domain[0])) / steps;
    g.appendChild(el(doc, "rect", { x, y: y + (i * bh) / steps, width: bw, height: bh / steps + 0.3, fill: color(v), "shape-rendering": "crispEdges" }));
  }
  g.appendChild(el(doc, "rect", { x, y, width: bw, height: bh, fill: "none", stroke: "white", "stroke-width": 0.8 }));
  const fmt = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? String(+v.toPrecision(2)) : v.toExponential(1));
  g.appendChild(text(doc, fmt(domain[1]), x - 3, y + 6, { size: 8, anchor: "end", fill: "white" }));
  g.appendChild(text(doc, fmt(domain[0]), x - 3, y + bh, { size: 8, anchor: "end", fill: "white" }));
  g.appendChild(text(doc, label, x + bw + 4, y + bh / 2, { size: 8, anchor: "middle", fill: "white", rotate: 90 }));
  return g;
}
