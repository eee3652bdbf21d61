/** Spike rasters and histograms (hnn-core `plot_spikes_raster`, `plot_spikes_hist`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure } from "./figure.js";
import { PANEL, TAB10, axis, yaxis, baseOptions, checkTrialIdx, cssColor, legendCell, plotCell } from "./common.js";
import type { CellResponse } from "../analysis/cellResponse.js";
import { ValueError } from "../util/validate.js";

/** hnn-core 0.6.1's default cell types of the raster, in legend order. */
const DEFAULT_CELL_TYPES = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];

interface Spike {
  t: number;
  gid: number;
  type: string;
}

function checkCellResponse(cr: CellResponse): void {
  if (!cr || !Array.isArray(cr.spikeTimes) || !Array.isArray(cr.spikeGids) || !Array.isArray(cr.spikeTypes)) {
    throw new TypeError("cellResponse must be a CellResponse (spikeTimes, spikeGids, spikeTypes per trial)");
  }
  if (cr.spikeTimes.length === 0) throw new ValueError("cellResponse has no trials (run a simulation first)");
}

/** The cell types a CellResponse declares, if any. */
function declaredCellTypes(cr: CellResponse): string[] | undefined {
  const c = cr.cellTypeNames;
  return c && c.length > 0 ? c : undefined;
}

function collectSpikes(cr: CellResponse, trials: number[]): Spike[] {
  const out: Spike[] = [];
  for (const k of trials) {
    const ts = cr.spikeTimes[k]!;
    const gs = cr.spikeGids[k];
    const ty = cr.spikeTypes[k];
    if (!gs || !ty || gs.length !== ts.length || ty.length !== ts.length) {
      throw new ValueError(`cellResponse trial ${k}: spikeTimes, spikeGids and spikeTypes must have the same length`);
    }
    for (let i = 0; i < ts.length; i++) out.push({ t: Number(ts[i]), gid: Number(gs[i]), type: ty[i]! });
  }
  return out;
}

/** End of the time axis: the last simulation time, else `tstop`, else the last spike. */
function endTime(cr: CellResponse, spikes: Spike[], tstop?: number): number {
  if (cr.times && cr.times.length > 0) return Number(cr.times[cr.times.length - 1]);
  if (tstop !== undefined) return tstop;
  let m = 0;
  for (const s of spikes) m = Math.max(m, s.t);
  return m;
}

/** Options of {@link plotSpikesRaster}. */
export interface PlotSpikesRasterOptions {
  /** Trial(s) to plot (default: all trials). */
  trialIdx?: number | number[];
  /** Cell types to plot, in legend order (default: the CellResponse's cell types, else hnn-core's four). */
  cellTypes?: string[];
  /** Colours: one per cell type (list) or some by name (object). Default tab10, like matplotlib's cycle. */
  colors?: string[] | Record<string, string>;
  /** Show the legend (default true). */
  showLegend?: boolean;
  /** Tick length in gid rows (hnn-core `marker_size`, default 1); ticks are never drawn shorter than 7 px. */
  markerSize?: number;
  /** Title (default "Raster Plot", as hnn-core). */
  title?: string;
  /** Time-axis end when `cellResponse.times` is absent (ms). */
  tstop?: number;
  width?: number;
  height?: number;
  document?: Document;
}

/**
 * Spike raster: one vertical tick per spike (class `hnn-spike`), a colour per cell type, time (ms)
 * against cell gid (gid 0 at the top, as hnn-core draws it).
 *
 * @throws ValueError for a trial index out of range, unknown cell types or a wrong number of colours
 */
export function plotSpikesRaster(cellResponse: CellResponse, options: PlotSpikesRasterOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  checkCellResponse(cellResponse);
  const trials = checkTrialIdx(options.trialIdx, cellResponse.spikeTimes.length);
  const spikes = collectSpikes(cellResponse, trials);
  const declared = declaredCellTypes(cellResponse);
  const known = new Set<string>([...(declared ?? DEFAULT_CELL_TYPES)]);
  let cellTypes: string[];
  if (options.cellTypes && options.cellTypes.length > 0) {
    const bad = options.cellTypes.filter((c) => !known.has(c));
    if (bad.length > 0) {
      throw new ValueError(`Invalid cellTypes ${JSON.stringify(bad)}. Allowed values are ${[...known].map((c) => `'${c}'`).join(", ")}`);
    }
    cellTypes = [...options.cellTypes];
  } else {
    cellTypes = declared ? [...declared] : [...DEFAULT_CELL_TYPES];
  }
  const colorOf = new Map<string, string>(cellTypes.map((c, i) => [c, TAB10[i % TAB10.length]!]));
  if (Array.isArray(options.colors)) {
    if (options.colors.length !== cellTypes.length) {
      throw new ValueError(`Number of colors must be equal to number of cell types. ${options.colors.length} colors provided for ${cellTypes.length} cell types.`);
    }
    options.colors.forEach((c, i) => colorOf.set(cellTypes[i]!, cssColor(c)));
  } else if (options.colors) {
    for (const [k, c] of Object.entries(options.colors)) {
      if (!colorOf.has(k)) throw new ValueError(`Invalid cell type '${k}' in colors. Allowed values are ${cellTypes.map((c2) => `'${c2}'`).join(", ")}`);
      colorOf.set(k, cssColor(c));
    }
  }
  const shown = spikes.filter((s) => colorOf.has(s.type));
  const width = options.width ?? PANEL.width;
  const height = options.height ?? 420;
  let gMin = Infinity;
  let gMax = -Infinity;
  for (const s of shown) {
    gMin = Math.min(gMin, s.gid);
    gMax = Math.max(gMax, s.gid);
  }
  if (!(gMin <= gMax)) [gMin, gMax] = [0, 1];
  const yDomain: [number, number] = [gMin - 1, gMax + 1];
  const innerH = height - PANEL.marginTop - PANEL.marginBottom;
  const gidPerPx = (yDomain[1] - yDomain[0]) / innerH;
  const half = Math.max(options.markerSize && options.markerSize > 0 ? options.markerSize : 1, 7 * gidPerPx) / 2;
  const tEnd = endTime(cellResponse, spikes, options.tstop);
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Time (ms)", { domain: [0, tEnd > 0 ? tEnd : 1] }),
    y: yaxis("Cell ID (gid)", { domain: yDomain, reverse: true }),
    marks: [
      Plot.frame(),
      Plot.ruleX(shown, {
        x: "t",
        y1: (s: Spike) => s.gid - half,
        y2: (s: Spike) => s.gid + half,
        stroke: (s: Spike) => colorOf.get(s.type)!,
        strokeWidth: 1.5,
        className: "hnn-spike",
      }),
    ],
  });
  const cells = [plotCell(node, width, height)];
  if (options.showLegend ?? true) {
    cells.push(legendCell(doc, cellTypes.map((c) => ({ label: c, color: colorOf.get(c)!, shape: "tick" as const })), { title: "Spikes" }));
  }
  return new Figure(doc, [{ cells }], options.title ?? "Raster Plot");
}

/** Options of {@link plotSpikesHist}. */
export interface PlotSpikesHistOptions {
  /** Trial(s) to pool (default: all trials). */
  trialIdx?: number | number[];
  /**
   * What to histogram (hnn-core `spike_types`): a type, a list of types (each its own histogram), or
   * groups `{label: [types]}`. Every name matches the spike types that start with it ('ev' matches
   * 'evdist1' and 'evprox1'). Default: all drive (non-cell) spike types, or all types when there are none.
   */
  spikeTypes?: string | string[] | Record<string, string[]>;
  /** Colours (hnn-core `color`): one for all, a cycle, or one per label. Default cycles r, g, b, y, m, c. */
  colors?: string | string[] | Record<string, string>;
  /** Bin width (ms); default: hnn-core's 49 equal bins from 0 to the end of the simulation. */
  binWidthMs?: number;
  /** Time-axis end when `cellResponse.times` is absent (ms). */
  tstop?: number;
  /** Title (default none, like hnn-core). */
  title?: string;
  width?: number;
  height?: number;
  document?: Document;
}

/** Counts per bin with numpy.histogram's rule: bins are [e_i, e_{i+1}) except the last, which is closed. */
export function histogram(values: ArrayLike<number>, edges: ArrayLike<number>): number[] {
  const n = edges.length - 1;
  const counts = new Array<number>(Math.max(n, 0)).fill(0);
  if (n <= 0) return counts;
  const lo = edges[0]!;
  const hi = edges[n]!;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v >= lo && v <= hi)) continue;
    let a = 0;
    let b = n; // invariant: edges[a] <= v, and v < edges[b] unless b == n
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (edges[m]! <= v) a = m;
      else b = m;
    }
    counts[a]!++;
  }
  return counts;
}

/** numpy.linspace(start, stop, num). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => start + i * step);
  out[num - 1] = stop;
  return out;
}

const HIST_COLORS = ["r", "g", "b", "y", "m", "c"];

/**
 * Histogram of spike times per spike type (drives by default), with hnn-core's binning
 * (`np.linspace(0, tstop, 50)`, i.e. 49 bins) and prefix matching of `spikeTypes`. Bars have class
 * `hnn-hist-bar`; empty bins draw nothing.
 *
 * @throws ValueError for a trial index out of range, or when a spike type matches nothing
 */
export function plotSpikesHist(cellResponse: CellResponse, options: PlotSpikesHistOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  checkCellResponse(cellResponse);
  const trials = checkTrialIdx(options.trialIdx, cellResponse.spikeTimes.length);
  const spikes = collectSpikes(cellResponse, trials);
  const uniqueTypes = [...new Set(spikes.map((s) => s.type))].sort();
  const cellTypeNames = new Set([...DEFAULT_CELL_TYPES, ...(declaredCellTypes(cellResponse) ?? [])]);
  const inputTypes = uniqueTypes.filter((t) => !cellTypeNames.has(t));

  let groups: Record<string, string[]>;
  const st = options.spikeTypes;
  if (st === undefined) groups = Object.fromEntries((inputTypes.length > 0 ? inputTypes : uniqueTypes).map((t) => [t, [t]]));
  else if (typeof st === "string") groups = { [st]: [st] };
  else if (Array.isArray(st)) groups = Object.fromEntries(st.map((t) => [t, [t]]));
  else if (typeof st === "object") {
    for (const [k, v] of Object.entries(st)) {
      if (!Array.isArray(v)) throw new TypeError(`spikeTypes[${k}] must be a list. Got ${typeof v}.`);
    }
    groups = st;
  } else throw new TypeError("spikeTypes should be a string, a list of strings, an object of lists, or undefined");

  // Map each concrete spike type to its label (prefix match), as hnn-core does.
  const labelOf = new Map<string, string>();
  for (const [label, list] of Object.entries(groups)) {
    for (const prefix of list) {
      let found = 0;
      for (const u of uniqueTypes) {
        if (u.startsWith(prefix)) {
          if (labelOf.has(u)) {
            throw new ValueError(`Elements of spikeTypes must map to mutually exclusive input types. ${u} is found more than once.`);
          }
          labelOf.set(u, label);
          found++;
        }
      }
      if (found === 0) {
        throw new ValueError(`No input types found for '${prefix}' in spikeTypes. Spike types in the selected trial(s): ${uniqueTypes.map((u) => `'${u}'`).join(", ") || "none"}`);
      }
    }
  }

  // Colours, assigned in the order labels are first met (hnn-core's cycle).
  const colorOf = new Map<string, string>();
  const cycle = options.colors === undefined ? HIST_COLORS : typeof options.colors === "string" ? [options.colors] : Array.isArray(options.colors) ? options.colors : null;
  let ci = 0;
  for (const label of labelOf.values()) {
    if (colorOf.has(label)) continue;
    if (cycle) colorOf.set(label, cssColor(cycle[ci++ % cycle.length]!));
    else {
      const c = (options.colors as Record<string, string>)[label];
      if (typeof c !== "string") throw new ValueError(`'${label}' must be defined in the colors object`);
      colorOf.set(label, cssColor(c));
    }
  }

  const tEnd = endTime(cellResponse, spikes, options.tstop);
  let edges: number[];
  if (options.binWidthMs !== undefined) {
    const bw = options.binWidthMs;
    if (!(bw > 0)) throw new ValueError(`binWidthMs must be > 0, got ${bw}`);
    const nb = Math.max(1, Math.ceil(tEnd / bw - 1e-9));
    edges = Array.from({ length: nb + 1 }, (_, i) => i * bw);
  } else {
    edges = linspace(0, tEnd > 0 ? tEnd : 1, 50);
  }

  const labels = [...new Set(labelOf.values())].sort();
  const bars: { x1: number; x2: number; y: number; label: string }[] = [];
  for (const label of labels) {
    const times = spikes.filter((s) => labelOf.get(s.type) === label).map((s) => s.t);
    histogram(times, edges).forEach((c, i) => {
      if (c > 0) bars.push({ x1: edges[i]!, x2: edges[i + 1]!, y: c, label });
    });
  }
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const bw = edges[1]! - edges[0]!;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Time (ms)", { domain: [0, edges[edges.length - 1]!] }),
    y: yaxis(`Spike count (per ${+bw.toPrecision(3)} ms bin)`, { grid: true, nice: true }),
    marks: [
      Plot.rectY(bars, { x1: "x1", x2: "x2", y: "y", fill: (b: { label: string }) => colorOf.get(b.label)!, insetLeft: 0, insetRight: 0, className: "hnn-hist-bar" }),
      Plot.ruleY([0]),
      Plot.frame(),
    ],
  });
  const cells = [plotCell(node, width, height), legendCell(doc, labels.map((l) => ({ label: l, color: colorOf.get(l)!, shape: "rect" as const })))];
  return new Figure(doc, [{ cells }], options.title);
}

