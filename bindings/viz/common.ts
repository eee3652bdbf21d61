/**
 * Shared pieces of the plot modules: colours, panel defaults, legends, colour bars, validation.
 */
import * as Plot from "@observablehq/plot";
import { FONT_FAMILY, FONT_SIZE, el, text, textWidth, type Cell } from "./figure.js";
import { ValueError } from "../util/validate.js";

/** matplotlib's default colour cycle (tab10), used for series that need to be told apart. */
export const TAB10 = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

/** matplotlib's one-letter colours, so hnn-core style arguments (`'r'`, `'k'`) keep working. */
const MPL_LETTERS: Record<string, string> = {
  b: "#0000ff", g: "#008000", r: "#ff0000", c: "#00bfbf", m: "#bf00bf", y: "#bfbf00", k: "#000000", w: "#ffffff",
};

/** A CSS colour from a CSS colour or a matplotlib one-letter / `tab:` / `C0` name. */
export function cssColor(c: string): string {
  if (MPL_LETTERS[c]) return MPL_LETTERS[c]!;
  const m = /^C(\d)$/.exec(c);
  if (m) return TAB10[Number(m[1])]!;
  if (c.startsWith("tab:")) {
    const names = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"];
    const i = names.indexOf(c.slice(4));
    if (i >= 0) return TAB10[i]!;
  }
  return c;
}

/** Plot width/height and margins shared by the time-series panels, so stacked panels line up. */
export const PANEL = { width: 640, height: 300, marginLeft: 80, marginRight: 20, marginTop: 14, marginBottom: 48 };

/** Common Plot options: document, size, font, margins. */
export function baseOptions(
  doc: Document,
  o: { width?: number; height?: number; marginLeft?: number; marginRight?: number; marginTop?: number; marginBottom?: number } = {},
): Plot.PlotOptions {
  return {
    document: doc,
    width: o.width ?? PANEL.width,
    height: o.height ?? PANEL.height,
    marginLeft: o.marginLeft ?? PANEL.marginLeft,
    marginRight: o.marginRight ?? PANEL.marginRight,
    marginTop: o.marginTop ?? PANEL.marginTop,
    marginBottom: o.marginBottom ?? PANEL.marginBottom,
    style: { fontFamily: FONT_FAMILY, fontSize: `${FONT_SIZE}px`, background: "white", color: "black" },
  };
}

/** Axis options with a centred label (matplotlib style, no arrow). */
export function axis(label: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { label, labelAnchor: "center", labelArrow: "none", ...extra };
}

/** Axis options for a left y axis: centred label placed close to the tick labels. */
export function yaxis(label: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return axis(label, { labelOffset: 56, ...extra });
}

/** Wraps a Plot result (must be a bare `<svg>`, i.e. no Plot title/legend options) as a layout cell. */
export function plotCell(node: Element, width: number, height: number): Cell {
  if (node.tagName.toLowerCase() !== "svg") {
    throw new Error("internal: expected Plot to return an <svg> element");
  }
  return { node: node as unknown as SVGElement, width, height };
}

/** One legend entry. */
export interface LegendEntry {
  label: string;
  color: string;
  /** Swatch shape (default 'line'). */
  shape?: "line" | "dash" | "rect" | "dot" | "square" | "triangle" | "cross" | "tick";
}

/** A legend box (class `hnn-legend`, one `g.hnn-legend-entry[data-label]` per entry). */
export function legendCell(doc: Document, entries: LegendEntry[], o: { title?: string; dy?: number } = {}): Cell {
  const rowH = FONT_SIZE + 8;
  const labelW = Math.max(...entries.map((e) => textWidth(e.label, FONT_SIZE)), o.title ? textWidth(o.title, FONT_SIZE) : 0);
  const w = 8 + 26 + labelW + 10;
  const h = 8 + (o.title ? rowH : 0) + entries.length * rowH + 4;
  const g = el(doc, "g", { class: "hnn-legend" });
  g.appendChild(el(doc, "rect", { x: 0.5, y: 0.5, width: w, height: h, fill: "white", stroke: "#bbbbbb", rx: 3 }));
  let y = 8;
  if (o.title) {
    g.appendChild(text(doc, o.title, 8, y + FONT_SIZE - 1, { weight: "bold" }));
    y += rowH;
  }
  for (const e of entries) {
    const eg = el(doc, "g", { class: "hnn-legend-entry", "data-label": e.label, "data-color": e.color });
    const cy = y + rowH / 2 - 2;
    const shape = e.shape ?? "line";
    if (shape === "line" || shape === "dash") {
      const dash: Record<string, string> = shape === "dash" ? { "stroke-dasharray": "5,3" } : {};
      eg.appendChild(el(doc, "line", { x1: 8, x2: 28, y1: cy, y2: cy, stroke: e.color, "stroke-width": 2, ...dash }));
    } else if (shape === "tick") {
      eg.appendChild(el(doc, "line", { x1: 18, x2: 18, y1: cy - 6, y2: cy + 6, stroke: e.color, "stroke-width": 2 }));
    } else if (shape === "rect" || shape === "square") {
      const s = shape === "rect" ? 10 : 9;
      eg.appendChild(el(doc, "rect", { x: 18 - (shape === "rect" ? 10 : s / 2), y: cy - s / 2, width: shape === "rect" ? 20 : s, height: s, fill: e.color }));
    } else if (shape === "dot") {
      eg.appendChild(el(doc, "circle", { cx: 18, cy, r: 4.5, fill: e.color }));
    } else if (shape === "triangle") {
      eg.appendChild(el(doc, "path", { d: `M18,${cy - 5.5}L23,${cy + 4}L13,${cy + 4}Z`, fill: e.color }));
    } else {
      eg.appendChild(el(doc, "path", { d: `M14,${cy - 4}L22,${cy + 4}M14,${cy + 4}L22,${cy - 4}`, stroke: e.color, "stroke-width": 2 }));
    }
    eg.appendChild(text(doc, e.label, 34, cy + FONT_SIZE / 2 - 2));
    g.appendChild(eg);
    y += rowH;
  }
  return { node: g, width: w + 14, height: h + 2, dy: o.dy ?? PANEL.marginTop };
}

/** A colour scheme: a Plot scheme name ('viridis', 'greys', 'inferno', …) or a function of t ∈ [0, 1]. */
export type ColorScheme = string | ((t: number) => string);

/** A continuous colour scale over `domain`. */
export function colorScale(scheme: ColorScheme, domain: [number, number]): (v: number) => string {
  const d = colorDomain(domain);
  if (typeof scheme === "function") return (v: number) => scheme((v - d[0]) / (d[1] - d[0]));
  const s = Plot.scale({ color: { type: "linear", scheme: scheme as Plot.ColorScheme, domain: d } });
  return (v: number) => String(s.apply(v));
}

/** The domain actually used by {@link colorScale} for `domain`. */
export function colorDomain(domain: [number, number]): [number, number] {
  let [lo, hi] = domain;
  if (!(hi > lo)) {
    // A constant field: centre it in a small range so the colour is mid-scale and the bar has ticks.
    const d = lo === 0 ? 1 : Math.abs(lo) * 1e-3;
    lo -= d;
    hi += d;
  }
  return [lo, hi];
}

/**
 * A vertical colour bar (class `hnn-colorbar`) whose ramp spans the plot area of a panel with the same
 * height and vertical margins.
 */
export function colorbarCell(
  doc: Document,
  scheme: ColorScheme,
  domain: [number, number],
  label: string,
  o: { height?: number; marginTop?: number; marginBottom?: number } = {},
): Cell {
  const [lo, hi] = colorDomain(domain);
  const color = colorScale(scheme, [lo, hi]);
  const n = 128;
  const steps = Array.from({ length: n }, (_, i) => ({ y1: lo + ((hi - lo) * i) / n, y2: lo + ((hi - lo) * (i + 1)) / n }));
  const width = 110;
  const height = o.height ?? PANEL.height;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, marginLeft: 10, marginRight: 78, marginTop: o.marginTop, marginBottom: o.marginBottom }),
    x: { axis: null, domain: [0, 1] },
    y: { ...axis(label), domain: [lo, hi], axis: "right", labelOffset: 70, tickFormat: tickFormatFor(lo, hi) } as Plot.ScaleOptions,
    marks: [
      Plot.rect(steps, { x1: 0, x2: 1, y1: "y1", y2: "y2", fill: (d: { y1: number; y2: number }) => color((d.y1 + d.y2) / 2), shapeRendering: "crispEdges", className: "hnn-colorbar-ramp" }),
      Plot.frame(),
    ],
  });
  node.setAttribute("class", `${node.getAttribute("class") ?? ""} hnn-colorbar`);
  return plotCell(node, width, height);
}

/** A tick formatter that avoids long decimals (e.g. 0.0247 → "0.0247", 1e-5 → "1.0e-5"). */
function tickFormatFor(lo: number, hi: number): (v: number) => string {
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  if (m !== 0 && (m < 1e-2 || m >= 1e5)) return (v: number) => (v === 0 ? "0" : v.toExponential(1));
  const span = hi - lo;
  const digits = span > 0 ? Math.max(0, Math.min(6, Math.ceil(-Math.log10(span / 8)))) : 2;
  return (v: number) => v.toFixed(digits);
}

// ---------------------------------------------------------------------------------------------
// Validation (the option checks are in ../util/validate.ts).

/** Normalises hnn-core's `trial_idx` (int | list of int | None) against `nTrials`. */
export function checkTrialIdx(trialIdx: number | number[] | undefined, nTrials: number): number[] {
  if (trialIdx === undefined || trialIdx === null) return Array.from({ length: nTrials }, (_, i) => i);
  const list = Array.isArray(trialIdx) ? trialIdx : [trialIdx];
  for (const t of list) {
    if (!Number.isInteger(t)) throw new TypeError(`trialIdx must be an int or a list of int, got ${JSON.stringify(t)}`);
    if (t < 0 || t >= nTrials) {
      throw new ValueError(`trialIdx ${t} is out of range: this CellResponse has ${nTrials} trial(s), allowed values are 0..${nTrials - 1}`);
    }
  }
  return list;
}

/**
 * A "nice" tick step (1, 2, 2.5 or 5 × 10^k, as matplotlib's MaxNLocator picks) giving at most
 * `maxTicks` intervals over `span`.
 */
export function niceStep(span: number, maxTicks: number): number {
  if (!(span > 0)) return 1;
  const raw = span / maxTicks;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Finite min/max of numbers (ignores NaN); [0, 0] for none. */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
