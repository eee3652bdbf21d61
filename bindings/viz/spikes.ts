/** Spike rasters (hnn-core `plot_spikes_raster`) and the spike helpers shared with ./spikesHist.ts. */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure } from "./figure.js";
import { PANEL, TAB10, axis, yaxis, baseOptions, checkTrialIdx, cssColor, legendCell, niceStep, plotCell, type LegendEntry } from "./common.js";
import type { CellResponse } from "../analysis/cellResponse.js";
import { averageDipoles, type Dipole } from "../analysis/dipole.js";
import { ValueError } from "../util/validate.js";

/** hnn-core 0.6.1's default cell types of the raster, in legend order. */
export const DEFAULT_CELL_TYPES = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];

/** One spike of a CellResponse trial. */
export interface Spike {
  t: number;
  gid: number;
  type: string;
}

/** Checks that `cr` is a CellResponse with at least one trial. */
export function checkCellResponse(cr: CellResponse): void {
  if (!cr || !Array.isArray(cr.spikeTimes) || !Array.isArray(cr.spikeGids) || !Array.isArray(cr.spikeTypes)) {
    throw new TypeError("cellResponse must be a CellResponse (spikeTimes, spikeGids, spikeTypes per trial)");
  }
  if (cr.spikeTimes.length === 0) throw new ValueError("cellResponse has no trials (run a simulation first)");
}

/** The cell types a CellResponse declares, if any. */
export function declaredCellTypes(cr: CellResponse): string[] | undefined {
  const c = cr.cellTypeNames;
  return c && c.length > 0 ? c : undefined;
}

/** The spikes of the given trials, pooled. */
export function collectSpikes(cr: CellResponse, trials: number[]): Spike[] {
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
export function endTime(cr: CellResponse, spikes: Spike[], tstop?: number): number {
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
  /** Dipole(s) whose trial average's L2 and L5 moments `overlayDipoles` draws over the raster. */
  dpl?: Dipole | Dipole[];
  /**
   * Overlay the L2 (dashed) and L5 (solid) dipole moments in grey, shrunk by 0.95 until they span
   * at most half the raster and centred on its upper and lower quarters (hnn-core `overlay_dipoles`).
   */
  overlayDipoles?: boolean;
  /** Title (default "Raster Plot", or "Raster Plot with Layer-Specific Dipole Overlays", as hnn-core). */
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
  const overlay = options.overlayDipoles ? dipoleOverlay(options.dpl, gMin, gMax) : null;
  const yDomain: [number, number] = [Math.min(gMin - 1, ...(overlay?.range ?? [])), Math.max(gMax + 1, ...(overlay?.range ?? []))];
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
      ...(overlay
        ? [
            Plot.line(overlay.times, { x: overlay.times, y: overlay.l2, stroke: "grey", strokeWidth: 1, strokeDasharray: "5,3", className: "hnn-dipole-overlay hnn-dipole-overlay-L2" }),
            Plot.line(overlay.times, { x: overlay.times, y: overlay.l5, stroke: "grey", strokeWidth: 1, className: "hnn-dipole-overlay hnn-dipole-overlay-L5" }),
          ]
        : []),
    ],
  });
  const cells = [plotCell(node, width, height)];
  if (options.showLegend ?? true) {
    const entries: LegendEntry[] = cellTypes.map((c) => ({ label: c, color: colorOf.get(c)!, shape: "tick" as const }));
    if (overlay) entries.push({ label: "L2 Dipole", color: "grey", shape: "dash" }, { label: "L5 Dipole", color: "grey" });
    cells.push(legendCell(doc, entries, { title: "Spikes" }));
  }
  return new Figure(doc, [{ cells }], options.title ?? (overlay ? "Raster Plot with Layer-Specific Dipole Overlays" : "Raster Plot"));
}

/** Python's round(): halves to even. */
const roundHalfEven = (v: number) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));

/**
 * hnn-core's overlay in gid rows: the trial average's L2 and L5 moments, shrunk by 0.95 until their
 * joint range is at most half the raster depth (the lowest y tick matplotlib puts under the gids),
 * then centred on the upper (L2) and lower (L5) quarter. hnn-core draws −gid upwards, so a moment m
 * sits at gid offset − m.
 */
function dipoleOverlay(dpl: Dipole | Dipole[] | undefined, gMin: number, gMax: number): { times: number[]; l2: number[]; l5: number[]; range: [number, number] } {
  if (dpl === undefined) throw new ValueError("Dipole object must be provided to overlay dipoles: pass dpl with overlayDipoles");
  const avg = averageDipoles(Array.isArray(dpl) ? dpl : [dpl]);
  if (!avg.data.L2 || !avg.data.L5) throw new ValueError(`dpl must have L2 and L5 data to overlay dipoles (it has ${avg.layers().join(", ")})`);
  let l2 = Array.from(avg.data.L2);
  let l5 = Array.from(avg.data.L5);
  // matplotlib's view of the raster: −gid rows ±0.5 plus 5 % margins; its lowest tick is the depth.
  const span = gMax - gMin + 1;
  const lower = -gMax - 0.5 - 0.05 * span;
  const step = niceStep(1.1 * span, 9);
  const rasterMin = Math.floor(lower / step) * step;
  const mid = Math.abs(roundHalfEven(rasterMin / 2));
  const quarter = Math.abs(roundHalfEven(rasterMin / 4));
  const range = () => Math.max(...l2, ...l5) - Math.min(...l2, ...l5);
  for (let i = 0; i < 20000 && range() > mid; i++) {
    l2 = l2.map((v) => v * 0.95);
    l5 = l5.map((v) => v * 0.95);
  }
  const g2 = l2.map((v) => mid - quarter - v);
  const g5 = l5.map((v) => mid + quarter - v);
  const all = [...g2, ...g5];
  return { times: Array.from(avg.times), l2: g2, l5: g5, range: [Math.min(...all), Math.max(...all)] };
}
