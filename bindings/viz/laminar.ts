/**
 * Laminar electrode-array figures (hnn-core 0.6.1 viz.py `plot_laminar_lfp`, `plot_laminar_csd`),
 * on plain arrays so that ExtracellularArray's `plotLfp` / `plotCsd` and users with their own
 * recordings call the same functions: `times` (ms), `data` contacts × samples.
 */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, el, text, type Cell } from "./figure.js";
import { PANEL, axis, yaxis, baseOptions, colorbarCell, cssColor, plotCell } from "./common.js";
import { heatmapImage, jetLut, lutIndex } from "./rasterImage.js";
import { SplineInterpolator, checkMatrix, csdDepths } from "../analysis/csd.js";
import { decimatePlotData } from "../analysis/decimate.js";
import { ValueError } from "../util/validate.js";

/** An RGB(A) colour as matplotlib takes it: 3 or 4 numbers in [0, 1]. */
export type RgbColor = [number, number, number] | [number, number, number, number];

/** Options of {@link plotLaminarLfp}. */
export interface PlotLaminarLfpOptions {
  /** Time window shown (ms; hnn-core's deprecated x limits). Default: the first to the last sample. */
  tmin?: number;
  tmax?: number;
  /** Decimation factor(s) of each trace (scipy.signal.decimate; a list is applied in turn). */
  decim?: number | number[];
  /**
   * Colours (hnn-core `color`): a colormap name sampled once per contact (default 'cividis'), one
   * RGB(A) colour for all, or a list with one colour (CSS or RGB(A)) per contact.
   */
  color?: string | RgbColor | (string | RgbColor)[];
  /** Offset between traces (µV; default 50); null overlays them with a plain voltage axis. */
  voltageOffset?: number | null;
  /** Height of the scale bar in the top-left corner (µV; default 200, `voltageOffset` when null with an offset). */
  voltageScalebar?: number | null;
  title?: string;
  width?: number;
  height?: number;
  document?: Document;
}

/** Options of {@link plotLaminarCsd}. */
export interface PlotLaminarCsdOptions {
  /** Draw the colour bar (default true). */
  colorbar?: boolean;
  /** Colour range; default ±max|CSD| (green at zero) when both are absent, the data's min/max otherwise. */
  vmin?: number;
  vmax?: number;
  /** 'b' (default): sinks blue, sources red ('jet'); 'r': the reverse ('jet_r'). Anything starting with b or r. */
  sink?: string;
  /** 'spline' (default): cubic interpolation to one row per depth unit, as hnn-core; null: one row per contact. */
  interpolation?: "spline" | null;
  title?: string;
  width?: number;
  height?: number;
  document?: Document;
}

const rgb = (c: readonly number[]) => `rgb(${c.slice(0, 3).map((v) => Math.round(255 * v)).join(",")})`;

function isRgb(c: unknown): c is RgbColor {
  return Array.isArray(c) && c.length >= 3 && c.length <= 4 && c.every((v) => typeof v === "number" && v >= 0 && v <= 1);
}

/** One CSS colour per contact from hnn-core's `color` forms. */
function contactColors(color: PlotLaminarLfpOptions["color"], n: number): string[] {
  const c = color ?? "cividis";
  if (typeof c === "string") {
    let scale: Plot.Scale;
    try {
      scale = Plot.scale({ color: { type: "linear", scheme: c as Plot.ColorScheme, domain: [0, 1] } });
    } catch {
      throw new ValueError(`color '${c}' is not a colormap name (e.g. 'cividis', 'viridis', 'magma'); give one colour per contact as a list instead`);
    }
    return Array.from({ length: n }, (_, i) => String(scale.apply(n > 1 ? i / (n - 1) : 0)));
  }
  if (isRgb(c)) return new Array<string>(n).fill(rgb(c));
  if (!Array.isArray(c) || c.length !== n || !c.every((x) => typeof x === "string" || isRgb(x))) {
    throw new ValueError(`color must be a colormap name, an RGB(A) colour of 3 or 4 numbers in [0, 1], or one colour per contact (${n}), got ${JSON.stringify(c)}`);
  }
  return c.map((x) => (typeof x === "string" ? cssColor(x) : rgb(x)));
}

/** `times` as a Float64Array, checked against the number of samples. */
function checkTimes(times: ArrayLike<number>, nSamples: number): Float64Array {
  if (!times || typeof times.length !== "number") throw new TypeError("times must be an array of numbers (ms)");
  if (times.length !== nSamples) throw new ValueError(`length of times (${times.length}) and data (${nSamples} samples per contact) do not match`);
  if (nSamples < 2) throw new ValueError(`data must have at least 2 samples per contact, got ${nSamples}`);
  return Float64Array.from(times);
}

/**
 * Voltage traces of a laminar array, one per contact (hnn-core `plot_laminar_lfp`): trace c is
 * drawn at c·`voltageOffset` and labelled `contactLabels[c]` on the y axis, with a scale bar.
 * Traces are `g.hnn-lfp-trace path` (in contact order), the bar `g.hnn-scalebar`.
 *
 * @param times - sample times (ms)
 * @param data - potentials, contacts × samples (µV)
 * @param contactLabels - one y-tick label per contact (ExtracellularArray passes the contacts' depths)
 * @throws ValueError for mismatched lengths, a bad colour or decimation factor
 */
export function plotLaminarLfp(
  times: ArrayLike<number>,
  data: ArrayLike<ArrayLike<number>>,
  contactLabels: ArrayLike<string | number>,
  options: PlotLaminarLfpOptions = {},
): Figure {
  const doc = resolveDocument(options.document);
  const t = checkTimes(times, checkMatrix("data", data, 1));
  const n = data.length;
  const offset = options.voltageOffset === undefined ? 50 : options.voltageOffset;
  if (offset !== null && !(typeof offset === "number" && Number.isFinite(offset) && offset > 0)) {
    throw new ValueError(`voltageOffset must be a positive number (µV) or null, got ${String(offset)}`);
  }
  if (offset !== null && contactLabels.length !== n) throw new ValueError(`contactLabels is length ${contactLabels.length}, but ${n} contacts to be plotted`);
  let scalebar = options.voltageScalebar === undefined ? 200 : options.voltageScalebar;
  if (scalebar === null && offset !== null) scalebar = offset;
  if (scalebar !== null && !(typeof scalebar === "number" && scalebar > 0)) throw new ValueError(`voltageScalebar must be a positive number (µV) or null, got ${String(scalebar)}`);
  const colors = contactColors(options.color, n);
  const xDomain: [number, number] = [options.tmin ?? t[0]!, options.tmax ?? t[t.length - 1]!];
  const marks: Plot.Markish[] = [Plot.frame()];
  for (let c = 0; c < n; c++) {
    const { data: y, times: tt } = options.decim === undefined ? { data: Float64Array.from(data[c]!), times: t } : decimatePlotData(options.decim, data[c]!, t);
    const shift = offset === null ? 0 : c * offset;
    const xs = Array.from(tt);
    const ys = Array.from(y, (v) => v + shift);
    marks.push(Plot.line(xs, { x: xs, y: ys, stroke: colors[c], strokeWidth: 1, clip: true, className: "hnn-lfp-trace" }));
  }
  const width = options.width ?? PANEL.width;
  const height = options.height ?? 420;
  const y = offset === null
    ? yaxis("Electric potential (µV)", { grid: true, nice: true })
    : yaxis("Individual contact traces", {
        domain: [-offset, n * offset],
        ticks: Array.from({ length: n }, (_, c) => c * offset),
        tickFormat: (v: number) => String(contactLabels[Math.round(v / offset)]),
        labelOffset: 70,
      });
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }), // the default margins: stacked with other panels, the time axes line up
    x: axis("Time (ms)", { domain: xDomain }),
    y,
    marks,
  });
  if (scalebar !== null) addScalebar(doc, node, scalebar);
  return new Figure(doc, [{ cells: [plotCell(node, width, height)] }], options.title);
}

/** matplotlib's AnchoredSizeBar as hnn-core sets it: 1 ms wide, `uv` µV tall, top left, label below. */
function addScalebar(doc: Document, node: Element, uv: number): void {
  const fig = node as unknown as { scale(name: "x" | "y"): { apply(v: number): number; domain: number[] } };
  const [xs, ys] = [fig.scale("x"), fig.scale("y")];
  const left = xs.apply(xs.domain[0]!) + 8;
  const top = ys.apply(ys.domain[1]!) + 8;
  const w = Math.max(2, Math.abs(xs.apply(xs.domain[0]! + 1) - xs.apply(xs.domain[0]!)));
  const h = Math.abs(ys.apply(ys.domain[0]! + uv) - ys.apply(ys.domain[0]!));
  const g = el(doc, "g", { class: "hnn-scalebar", "data-microvolts": uv, "data-height-px": h.toFixed(3) });
  g.appendChild(el(doc, "rect", { x: left, y: top, width: w, height: h, fill: "black" }));
  g.appendChild(text(doc, `${uv.toFixed(0)} µV`, left, top + h + 14));
  node.appendChild(g);
}

/**
 * Current source density of a laminar array as a heat map (hnn-core `plot_laminar_csd`): time
 * against depth, 'jet' colours with sinks blue by default, symmetric colour range, spline
 * interpolation between contacts. The map is one `image.hnn-heatmap` (a palette PNG) whose rows
 * sample the depth cells and whose columns average the samples falling in them.
 *
 * @param times - sample times (ms)
 * @param data - CSD, contacts × samples (e.g. from {@link calculateCsd2d}, µV/µm²)
 * @param contactLabels - the contacts' depths (µm), increasing
 * @throws ValueError for mismatched lengths, an unknown `sink` or `interpolation`, or labels that
 *   spline interpolation cannot use (fewer than 4, not increasing, not a whole span)
 */
export function plotLaminarCsd(
  times: ArrayLike<number>,
  data: ArrayLike<ArrayLike<number>>,
  contactLabels: ArrayLike<number>,
  options: PlotLaminarCsdOptions = {},
): Figure {
  const doc = resolveDocument(options.document);
  const t = checkTimes(times, checkMatrix("data", data, 1));
  const n = data.length;
  if (contactLabels.length !== n) throw new ValueError(`contactLabels is length ${contactLabels.length}, but data has ${n} contacts`);
  const labels = Float64Array.from(contactLabels, (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`contactLabels must be numbers (depths, µm), got ${JSON.stringify(v)}`);
    return v;
  });
  const sink = options.sink ?? "b";
  const first = typeof sink === "string" ? sink.charAt(0).toLowerCase() : "";
  if (first !== "b" && first !== "r") throw new ValueError(`sink must be 'b' (sinks blue) or 'r' (sinks red), got ${JSON.stringify(sink)}. Only colormap "jet" is supported for CSD.`);
  const interpolation = options.interpolation === undefined ? "spline" : options.interpolation;
  if (interpolation !== "spline" && interpolation !== null) throw new ValueError(`interpolation must be 'spline' or null, got ${JSON.stringify(interpolation)}`);
  const depths = interpolation === "spline" ? csdDepths(labels[0]!, labels[n - 1]!) : labels;
  const spline = interpolation === "spline" ? new SplineInterpolator(labels, depths) : null;

  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const innerW = width - PANEL.marginLeft - PANEL.marginRight;
  const innerH = height - PANEL.marginTop - PANEL.marginBottom;
  const xEdges = cellEdges(t);
  const yEdges = cellEdges(depths);
  const [yLo, yHi] = [Math.min(yEdges[0]!, yEdges[yEdges.length - 1]!), Math.max(yEdges[0]!, yEdges[yEdges.length - 1]!)];
  const columns = Math.min(t.length, innerW);
  const rows = innerH;
  // Each pixel row shows the depth cell under its centre (the map's top is the largest depth).
  const rowSource = Int32Array.from({ length: rows }, (_, r) => {
    const yc = yHi - ((r + 0.5) * (yHi - yLo)) / rows;
    let k = 0;
    while (k < depths.length - 1 && !(yc >= Math.min(yEdges[k]!, yEdges[k + 1]!) && yc <= Math.max(yEdges[k]!, yEdges[k + 1]!))) k++;
    return k;
  });
  const sum = new Float64Array(rows * columns);
  const count = new Float64Array(columns);
  const column = new Float64Array(n);
  const values = new Float64Array(depths.length);
  let [lo, hi, maxAbs] = [Infinity, -Infinity, 0];
  for (let j = 0; j < t.length; j++) {
    for (let c = 0; c < n; c++) column[c] = Number(data[c]![j]);
    const v = spline ? spline.evaluate(column, values) : column;
    for (let k = 0; k < v.length; k++) {
      lo = Math.min(lo, v[k]!);
      hi = Math.max(hi, v[k]!);
      maxAbs = Math.max(maxAbs, Math.abs(v[k]!));
    }
    const col = Math.floor((j * columns) / t.length);
    count[col]!++;
    for (let r = 0; r < rows; r++) sum[r * columns + col]! += v[rowSource[r]!]!;
  }
  const both = options.vmin === undefined && options.vmax === undefined;
  const vmin = options.vmin ?? (both ? -maxAbs : lo);
  const vmax = options.vmax ?? (both ? maxAbs : hi);
  const lut = jetLut(first === "r");
  const indices = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let col = 0; col < columns; col++) indices[r * columns + col] = lutIndex(sum[r * columns + col]! / count[col]!, vmin, vmax);

  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Time (ms)", { domain: [xEdges[0]!, xEdges[xEdges.length - 1]!] }),
    y: yaxis("Electrode depth (µm)", { domain: [yLo, yHi] }),
    marks: [Plot.frame()],
  });
  const image = heatmapImage(doc, indices, { columns, rows }, lut, { x: PANEL.marginLeft, y: PANEL.marginTop, width: innerW, height: innerH });
  image.setAttribute("image-rendering", "optimizeSpeed");
  image.setAttribute("data-vmin", String(vmin));
  image.setAttribute("data-vmax", String(vmax));
  node.insertBefore(image, node.querySelector("g") ?? null);
  const cells: Cell[] = [plotCell(node, width, height)];
  if (options.colorbar ?? true) {
    const colorOf = (x: number) => rgb(lut[lutIndex(x, 0, 1)]!.map((b) => b / 255));
    cells.push(colorbarCell(doc, colorOf, [vmin, vmax], "CSD (µV/µm²)", { height }));
  }
  return new Figure(doc, [{ cells }], options.title);
}

/** Cell edges of centres (matplotlib's 'nearest' shading): midpoints, half a step beyond the ends. */
function cellEdges(c: ArrayLike<number>): Float64Array {
  const m = c.length;
  if (m === 1) return Float64Array.of(c[0]! - 0.5, c[0]! + 0.5);
  const e = new Float64Array(m + 1);
  for (let i = 0; i < m - 1; i++) e[i + 1] = (c[i]! + c[i + 1]!) / 2;
  e[0] = c[0]! - (c[1]! - c[0]!) / 2;
  e[m] = c[m - 1]! + (c[m - 1]! - c[m - 2]!) / 2;
  return e;
}
