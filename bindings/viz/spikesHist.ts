/** Spike-time histograms (hnn-core `plot_spikes_hist`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure } from "./figure.js";
import { PANEL, axis, yaxis, baseOptions, checkTrialIdx, cssColor, legendCell, niceStep, plotCell } from "./common.js";
import { DEFAULT_CELL_TYPES, checkCellResponse, collectSpikes, declaredCellTypes, endTime, type Spike } from "./spikes.js";
import type { CellResponse } from "../analysis/cellResponse.js";
import { checkOneOf, ValueError } from "../util/validate.js";

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
  /**
   * Labels (of `spikeTypes`) drawn upside down from the top, on a mirrored right axis with the same
   * range (hnn-core `invert_spike_types`), e.g. distal drives against proximal ones.
   */
  invertSpikeTypes?: string | string[];
  /** Colours (hnn-core `color`): one for all, a cycle, or one per label. Default cycles r, g, b, y, m, c. */
  colors?: string | string[] | Record<string, string>;
  /** Bin width (ms); default: hnn-core's 49 equal bins from 0 to the end of the simulation. */
  binWidthMs?: number;
  // matplotlib `hist` keywords that hnn-core passes through (**kwargs_hist):
  /** 'bar' (default; each label's bars drawn over the previous ones), 'barstacked', 'step' (outline) or 'stepfilled'. */
  histtype?: "bar" | "barstacked" | "step" | "stepfilled";
  /** Each label's histogram as a probability density (count / (total · bin width), per ms). */
  density?: boolean;
  /** Running sum over the bins (with `density`, ending at 1). */
  cumulative?: boolean;
  /** Bar width as a fraction of the bin (histtype 'bar' / 'barstacked'; default 1). */
  rwidth?: number;
  /** Opacity of the bars or lines (default 1). */
  alpha?: number;
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

/** Maps each spike type present to its label (hnn-core's prefix matching of `spike_types`). */
function spikeLabels(spikeTypes: PlotSpikesHistOptions["spikeTypes"], uniqueTypes: string[], inputTypes: string[]): Map<string, string> {
  let groups: Record<string, string[]>;
  const st = spikeTypes;
  if (st === undefined) groups = Object.fromEntries((inputTypes.length > 0 ? inputTypes : uniqueTypes).map((t) => [t, [t]]));
  else if (typeof st === "string") groups = { [st]: [st] };
  else if (Array.isArray(st)) groups = Object.fromEntries(st.map((t) => [t, [t]]));
  else if (typeof st === "object") {
    for (const [k, v] of Object.entries(st)) {
      if (!Array.isArray(v)) throw new TypeError(`spikeTypes[${k}] must be a list. Got ${typeof v}.`);
    }
    groups = st;
  } else throw new TypeError("spikeTypes should be a string, a list of strings, an object of lists, or undefined");
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
  return labelOf;
}

/** Colours per label, assigned in the order labels are first met (hnn-core's cycle). */
function labelColors(colors: PlotSpikesHistOptions["colors"], labelOf: Map<string, string>): Map<string, string> {
  const colorOf = new Map<string, string>();
  const cycle = colors === undefined ? HIST_COLORS : typeof colors === "string" ? [colors] : Array.isArray(colors) ? colors : null;
  let ci = 0;
  for (const label of labelOf.values()) {
    if (colorOf.has(label)) continue;
    if (cycle) colorOf.set(label, cssColor(cycle[ci++ % cycle.length]!));
    else {
      const c = (colors as Record<string, string>)[label];
      if (typeof c !== "string") throw new ValueError(`'${label}' must be defined in the colors object`);
      colorOf.set(label, cssColor(c));
    }
  }
  return colorOf;
}

/** matplotlib hist's heights: counts, or densities, optionally accumulated. */
function heights(counts: number[], edges: number[], density: boolean, cumulative: boolean): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  let h = density ? counts.map((c, i) => (total > 0 ? c / total / (edges[i + 1]! - edges[i]!) : 0)) : counts;
  if (cumulative) {
    let acc = 0;
    h = h.map((v, i) => (acc += density ? v * (edges[i + 1]! - edges[i]!) : v));
  }
  return h;
}

interface Bar {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  label: string;
}

/**
 * Histogram of spike times per spike type (drives by default), with hnn-core's binning
 * (`np.linspace(0, tstop, 50)`, i.e. 49 bins) and prefix matching of `spikeTypes`. Bars are
 * `g.hnn-hist-bar rect` (the inverted ones also in `g.hnn-hist-inverted`), step outlines
 * `g.hnn-hist-step path`; empty bins draw nothing.
 *
 * @throws ValueError for a trial index out of range, a spike type that matches nothing, an
 *   `invertSpikeTypes` entry that is not a label, or a bad histogram keyword
 */
export function plotSpikesHist(cellResponse: CellResponse, options: PlotSpikesHistOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  checkCellResponse(cellResponse);
  const trials = checkTrialIdx(options.trialIdx, cellResponse.spikeTimes.length);
  const spikes = collectSpikes(cellResponse, trials);
  const uniqueTypes = [...new Set(spikes.map((s) => s.type))].sort();
  const cellTypeNames = new Set([...DEFAULT_CELL_TYPES, ...(declaredCellTypes(cellResponse) ?? [])]);
  const labelOf = spikeLabels(options.spikeTypes, uniqueTypes, uniqueTypes.filter((t) => !cellTypeNames.has(t)));
  const colorOf = labelColors(options.colors, labelOf);
  const labels = [...new Set(labelOf.values())].sort();
  const inv = options.invertSpikeTypes;
  if (inv !== undefined && typeof inv !== "string" && !Array.isArray(inv)) throw new TypeError("'invertSpikeTypes' must be a string or a list of strings");
  const inverted = new Set(inv === undefined ? [] : typeof inv === "string" ? [inv] : inv);
  const badInv = [...inverted].filter((l) => !labels.includes(l));
  if (badInv.length > 0) {
    throw new ValueError(`Elements of 'invertSpikeTypes' must map to valid input types: ${badInv.map((l) => `'${l}'`).join(", ")} is not among the labels ${labels.map((l) => `'${l}'`).join(", ")}`);
  }
  const histtype = checkOneOf("histtype", options.histtype ?? "bar", ["bar", "barstacked", "step", "stepfilled"] as const, JSON.stringify);
  const rwidth = options.rwidth ?? 1;
  if (!(rwidth > 0 && rwidth <= 1)) throw new ValueError(`rwidth must be in (0, 1], got ${rwidth}`);
  const alpha = options.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new ValueError(`alpha must be in [0, 1], got ${alpha}`);

  const edges = binEdges(endTime(cellResponse, spikes, options.tstop), options.binWidthMs);
  const inset = histtype === "bar" || histtype === "barstacked" ? (1 - rwidth) / 2 : 0;
  // Heights per label; 'barstacked' puts each label's bars on the previous labels' (per axis).
  const bars: Bar[] = [];
  const steps: { x: number; y: number; label: string }[] = [];
  const stackTop = new Map<boolean, number[]>([[false, edges.slice(1).map(() => 0)], [true, edges.slice(1).map(() => 0)]]);
  for (const label of labels) {
    const times = spikes.filter((s: Spike) => labelOf.get(s.type) === label).map((s) => s.t);
    const h = heights(histogram(times, edges), edges, options.density ?? false, options.cumulative ?? false);
    const base = stackTop.get(inverted.has(label))!;
    h.forEach((v, i) => {
      const y1 = histtype === "barstacked" ? base[i]! : 0;
      if (histtype === "barstacked") base[i] = y1 + v;
      const w = edges[i + 1]! - edges[i]!;
      if (v > 0) bars.push({ x1: edges[i]! + inset * w, x2: edges[i + 1]! - inset * w, y1, y2: y1 + v, label });
      steps.push({ x: edges[i]!, y: v, label }, { x: edges[i + 1]!, y: v, label });
    });
  }
  let yMax = 0;
  for (const b of bars) yMax = Math.max(yMax, b.y2);
  for (const s of steps) yMax = Math.max(yMax, s.y);
  yMax = yMax > 0 ? yMax * 1.05 : 1;
  // Inverted labels hang from the top: height v is drawn from yMax down to yMax − v.
  const flip = (label: string, v: number) => (inverted.has(label) ? yMax - v : v);
  const fill = (d: { label: string }) => colorOf.get(d.label)!;
  const marks: Plot.Markish[] = [];
  for (const inv2 of [false, true]) {
    const cls = inv2 ? "hnn-hist-bar hnn-hist-inverted" : "hnn-hist-bar";
    const mine = bars.filter((b) => inverted.has(b.label) === inv2).map((b) => ({ ...b, y1: flip(b.label, b.y1), y2: flip(b.label, b.y2) }));
    if (histtype === "step") {
      for (const label of labels.filter((l) => inverted.has(l) === inv2)) {
        const pts = steps.filter((s) => s.label === label).map((s) => ({ ...s, y: flip(label, s.y) }));
        marks.push(Plot.line(pts, { x: "x", y: "y", stroke: colorOf.get(label)!, strokeOpacity: alpha, strokeWidth: 1.5, className: `hnn-hist-step${inv2 ? " hnn-hist-inverted" : ""}` }));
      }
    } else {
      marks.push(Plot.rect(mine, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill, fillOpacity: alpha, className: cls }));
    }
  }
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const bw = edges[1]! - edges[0]!;
  const what = options.density ? "Spike density (per ms)" : `Spike count (per ${+bw.toPrecision(3)} ms bin)`;
  const yLabel = options.cumulative ? `Cumulative ${what.charAt(0).toLowerCase()}${what.slice(1)}` : what;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, marginRight: inverted.size > 0 ? 60 : PANEL.marginRight }),
    x: axis("Time (ms)", { domain: [0, edges[edges.length - 1]!] }),
    y: yaxis(yLabel, { domain: [0, yMax] }),
    marks: [
      ...marks,
      Plot.ruleY([0]),
      // An explicit axis mark replaces Plot's implicit one, so the left axis is then drawn too.
      ...(inverted.size > 0 ? [Plot.axisY({ anchor: "left", label: yLabel, labelAnchor: "center", labelArrow: "none", labelOffset: 56 }), mirroredAxis(yMax)] : []),
      Plot.frame(),
    ],
  });
  const cells = [plotCell(node, width, height), legendCell(doc, labels.map((l) => ({ label: l, color: colorOf.get(l)!, shape: "rect" as const })))];
  return new Figure(doc, [{ cells }], options.title);
}

/** hnn-core's 50 edges from 0 to `tEnd`, or edges every `binWidthMs`. */
function binEdges(tEnd: number, binWidthMs?: number): number[] {
  if (binWidthMs === undefined) return linspace(0, tEnd > 0 ? tEnd : 1, 50);
  if (!(binWidthMs > 0)) throw new ValueError(`binWidthMs must be > 0, got ${binWidthMs}`);
  const nb = Math.max(1, Math.ceil(tEnd / binWidthMs - 1e-9));
  return Array.from({ length: nb + 1 }, (_, i) => i * binWidthMs);
}

/** The right axis of the inverted histograms: 0 at the top, growing downwards, nice ticks. */
function mirroredAxis(yMax: number): Plot.CompoundMark {
  const step = niceStep(yMax, 6);
  const ticks = Array.from({ length: Math.floor(yMax / step + 1e-9) + 1 }, (_, k) => k * step);
  return Plot.axisY(ticks.map((k) => yMax - k), { anchor: "right", tickFormat: (v: number) => String(+(yMax - v).toPrecision(6)), label: null });
}
