/** Dipole time courses (hnn-core `plot_dipole`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, type Block } from "./figure.js";
import { PANEL, TAB10, axis, yaxis, baseOptions, cssColor, legendCell, plotCell, type LegendEntry } from "./common.js";
import { checkOneOf, ValueError } from "../util/validate.js";
import { DIPOLE_LAYERS, type Dipole, type DipoleLayer } from "../analysis/dipole.js";
import { decimatePlotData } from "../analysis/decimate.js";

/**
 * A dipole or a non-empty list of dipoles, all with one `scaleApplied` (hnn-core's check).
 * @throws ValueError for an empty list or dipoles scaled differently.
 */
export function dipoleList(dpl: Dipole | Dipole[]): Dipole[] {
  const dpls = Array.isArray(dpl) ? dpl : [dpl];
  if (dpls.length === 0) throw new ValueError("dpl must be a Dipole or a non-empty list of Dipole");
  for (const [i, d] of dpls.entries()) {
    if (!d || !d.times || !d.data) throw new TypeError(`dpl[${i}] is not a Dipole (needs times and data)`);
    if (d.scaleApplied !== dpls[0]!.scaleApplied) throw new ValueError("All dipoles must be scaled equally!");
  }
  return dpls;
}

/** Options of {@link plotDipole}. */
export interface PlotDipoleOptions {
  /** Layer(s) to plot; several layers give one panel each, stacked with a shared time axis. Default 'agg'. */
  layer?: DipoleLayer | DipoleLayer[];
  /** One legend label per dipole (default "Dipole 1", … when there are several; none for one). */
  labels?: string[];
  /** One colour for all dipoles, or one per dipole (default: black for one dipole, tab10 for several). */
  colors?: string | string[];
  /** Figure title (default: the layer's name as hnn-core writes it, e.g. "Aggregate (L2/3 + L5)"). */
  title?: string;
  /** Also draw the average of the dipoles (thick black, labelled `averageLabel`). */
  average?: boolean;
  /** Legend label of the average (hnn-core `label`, default "average"). */
  averageLabel?: string;
  /**
   * Decimation factor(s) of each trace (hnn-core `decim`): scipy.signal.decimate's IIR low-pass, then
   * every factor-th sample; a list is applied in turn (scipy recommends factors below 13).
   */
  decim?: number | number[];
  /** Time window (ms); default 0 to the last sample. */
  tmin?: number;
  tmax?: number;
  /** Panel size (px). */
  width?: number;
  height?: number;
  /** DOM document to build in (see bindings/viz/dom.ts). */
  document?: Document;
}

/** hnn-core's panel title for a layer. */
function layerTitle(layer: DipoleLayer): string {
  return layer === "agg" ? "Aggregate (L2/3 + L5)" : layer === "L2" ? "L2/3" : layer;
}

/** hnn-core's y label for a given `scale_applied`. */
function dipoleYLabel(scaleApplied: number): string {
  return scaleApplied === 1 ? "Dipole moment (nAm)" : `Dipole moment (nAm × ${scaleApplied.toFixed(0)})`;
}

/**
 * Plots one or more dipoles, time (ms) against dipole moment (nAm). Unlike hnn-core (all traces
 * grey), several dipoles get distinct colours and a legend.
 *
 * @throws ValueError for an unknown layer, missing layer data, mismatched label/colour counts,
 *   dipoles scaled differently, or a decimation factor that is not a positive integer
 */
export function plotDipole(dpl: Dipole | Dipole[], options: PlotDipoleOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const dpls = dipoleList(dpl);
  const layers = (Array.isArray(options.layer) ? options.layer : [options.layer ?? "agg"]).map((l) => checkOneOf("layer", l, DIPOLE_LAYERS, JSON.stringify));
  if (layers.length === 0) throw new ValueError("layer must name at least one of 'agg', 'L2', 'L5'");
  const scale = dpls[0]!.scaleApplied;
  const n = dpls.length;
  const labels = options.labels ?? (n > 1 ? dpls.map((_, i) => `Dipole ${i + 1}`) : undefined);
  if (labels && labels.length !== n) throw new ValueError(`labels must have one entry per dipole: got ${labels.length} labels for ${n} dipoles`);
  let colors: string[];
  if (options.colors === undefined) colors = n === 1 && !options.average ? ["#000000"] : dpls.map((_, i) => TAB10[i % TAB10.length]!);
  else if (typeof options.colors === "string") colors = dpls.map(() => cssColor(options.colors as string));
  else {
    if (options.colors.length !== n) throw new ValueError(`colors must have one entry per dipole: got ${options.colors.length} colors for ${n} dipoles`);
    colors = options.colors.map(cssColor);
  }

  const lastT = Number(dpls[0]!.times[dpls[0]!.times.length - 1] ?? 0);
  const xDomain: [number, number] = [options.tmin ?? 0, options.tmax ?? lastT];
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const blocks: Block[] = [];
  for (const [li, layer] of layers.entries()) {
    const marks: Plot.Markish[] = [Plot.frame(), Plot.ruleY([0], { stroke: "#dddddd" })];
    const series: { x: number[]; y: number[] }[] = [];
    for (const [i, d] of dpls.entries()) {
      const y = d.data[layer];
      if (!y) throw new ValueError(`dpl[${i}] has no data for layer '${layer}' (it has ${Object.keys(d.data).join(", ")})`);
      if (y.length !== d.times.length) throw new ValueError(`dpl[${i}].data.${layer} has ${y.length} samples but times has ${d.times.length}`);
      const dec = options.decim === undefined ? { data: y, times: d.times } : decimatePlotData(options.decim, y, d.times);
      // hnn-core sets the x limits to [tmin, tmax] and matplotlib clips the line there: draw the samples inside only.
      const lo = options.tmin ?? -Infinity, hi = options.tmax ?? Infinity;
      const kept = Array.from(dec.times, Number).flatMap((t, k) => (t >= lo && t <= hi ? [k] : []));
      const xs = kept.map((k) => Number(dec.times[k]));
      const ys = kept.map((k) => Number(dec.data[k]));
      series.push({ x: xs, y: ys });
      marks.push(
        Plot.line(xs, { x: xs, y: ys, stroke: colors[i], strokeWidth: 1.3, strokeOpacity: options.average ? 0.6 : 1, className: "hnn-dipole-line" }),
      );
    }
    if (options.average) {
      const len = Math.min(...series.map((s) => s.y.length));
      const xs = series[0]!.x.slice(0, len);
      const avg = xs.map((_, k) => series.reduce((s, t) => s + t.y[k]!, 0) / series.length);
      marks.push(Plot.line(xs, { x: xs, y: avg, stroke: "black", strokeWidth: 2.2, className: "hnn-dipole-line hnn-dipole-average" }));
    }
    const node = Plot.plot({
      ...baseOptions(doc, { width, height }),
      x: axis("Time (ms)", { domain: xDomain }),
      y: yaxis(dipoleYLabel(scale), { grid: true, nice: true }),
      marks,
    });
    const cells = [plotCell(node, width, height)];
    if (li === 0) {
      const entries: LegendEntry[] = [];
      if (labels) labels.forEach((label, i) => entries.push({ label, color: colors[i]! }));
      if (options.average) entries.push({ label: options.averageLabel ?? "average", color: "#000000" });
      if (entries.length > 0) cells.push(legendCell(doc, entries));
    }
    blocks.push({ title: layers.length > 1 ? layerTitle(layer) : undefined, cells });
  }
  const title = options.title ?? (layers.length === 1 ? layerTitle(layers[0]!) : undefined);
  return new Figure(doc, blocks, title);
}
