/**
 * Cell morphology in 3-D (hnn-core `plot_cell_morphology` / `Cell.plot_morphology`): each section a
 * straight line between its end points, as thick as its diameter in the x axis' units, projected
 * with matplotlib's 3-D view (./view3d.ts) from hnn-core's angles (elev 0, azim -90: the x-z plane,
 * z up). The network animation (./networkPlotter.ts) draws its cells with the same functions.
 */
import type { PlotMorphologyOptions } from "../model/cell.js";
import type { CellTemplate, Vec3 } from "../model/types.js";
import { typeError, ValueError } from "../util/validate.js";
import { cssColor } from "./common.js";
import { resolveDocument } from "./dom.js";
import { Figure, el } from "./figure.js";
import { View3d } from "./view3d.js";

/** One section placed in space (µm). */
export interface SectionLine {
  /** Section name. */
  section: string;
  a: Vec3;
  b: Vec3;
  /** Diameter (µm). */
  diam: number;
}

/**
 * The sections of `cell` with the soma's 0-end moved to `pos` (hnn-core adds `pos - soma.end_pts[0]`
 * to every point).
 */
export function cellLines(cell: CellTemplate, pos: Vec3): SectionLine[] {
  const soma0 = cell.sections.soma?.endPts[0];
  if (soma0 === undefined) throw new ValueError("the cell has no 'soma' section to place");
  const d = [pos[0] - soma0[0], pos[1] - soma0[1], pos[2] - soma0[2]];
  return Object.entries(cell.sections).map(([section, s]) => ({
    section,
    a: [s.endPts[0][0] + d[0], s.endPts[0][1] + d[1], s.endPts[0][2] + d[2]],
    b: [s.endPts[1][0] + d[0], s.endPts[1][1] + d[1], s.endPts[1][2] + d[2]],
    diam: s.diam,
  }));
}

/**
 * An SVG group of `lines` seen through `view`, farthest first (matplotlib sorts 3-D artists by
 * depth). Each line is a `line.hnn-section` with `data-i` (its index in `lines`) and
 * `data-section`; its stroke is `color(i)`, its width `widthPx(i)`.
 */
export function drawLines(doc: Document, lines: readonly SectionLine[], view: View3d, color: (i: number) => string, widthPx: (i: number) => number): SVGElement {
  const g = el(doc, "g", { class: "hnn-sections", "stroke-linecap": "square" });
  const placed = lines.map((l, i) => ({ i, p: view.project(...l.a), q: view.project(...l.b) }));
  placed.sort((s, t) => t.p.depth + t.q.depth - (s.p.depth + s.q.depth) || s.i - t.i);
  for (const { i, p, q } of placed) {
    g.appendChild(
      el(doc, "line", {
        class: "hnn-section",
        "data-i": i,
        "data-section": lines[i]!.section,
        x1: round(p.x), y1: round(p.y), x2: round(q.x), y2: round(q.y),
        "stroke-width": round(widthPx(i)),
        stroke: color(i),
      }),
    );
  }
  return g;
}

/**
 * hnn-core `_linewidth_from_data_units`: line width (px) per µm of diameter, the x range spread over
 * the axes' width (matplotlib's default axes: 0.775 of the figure width).
 */
export function linewidthScale(figureWidthPx: number, xlim: [number, number]): number {
  return (0.775 * figureWidthPx) / (xlim[1] - xlim[0]);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function checkLim(name: string, v: unknown, fallback: [number, number]): [number, number] {
  if (v === undefined) return fallback;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "number" && Number.isFinite(x)) || !(v[1] > v[0])) {
    throw new ValueError(`${name} must be an increasing pair of finite numbers [min, max] (µm), got ${JSON.stringify(v)}`);
  }
  return [v[0], v[1]];
}

/** Checks and fills the view options shared by the morphology and network figures. */
export function checkView(o: { xlim?: unknown; ylim?: unknown; zlim?: unknown; elev?: unknown; azim?: unknown }, defaults: { xlim: [number, number]; ylim: [number, number]; zlim: [number, number]; elev: number; azim: number }) {
  for (const key of ["elev", "azim"] as const) {
    if (o[key] !== undefined && (typeof o[key] !== "number" || !Number.isFinite(o[key]))) throw typeError(key, "int or float", o[key]);
  }
  return {
    xlim: checkLim("xlim", o.xlim, defaults.xlim),
    ylim: checkLim("ylim", o.ylim, defaults.ylim),
    zlim: checkLim("zlim", o.zlim, defaults.zlim),
    elev: (o.elev as number | undefined) ?? defaults.elev,
    azim: (o.azim as number | undefined) ?? defaults.azim,
  };
}

/** Section colours from hnn-core's `color` argument (str | dict | None; default 'b'). */
function sectionColors(cell: CellTemplate, color: unknown): Record<string, string> {
  const names = Object.keys(cell.sections);
  if (color === undefined || color === null || typeof color === "string") {
    const c = cssColor(typeof color === "string" ? color : "b");
    return Object.fromEntries(names.map((n) => [n, c]));
  }
  if (typeof color !== "object" || Array.isArray(color)) throw typeError("color", "str, dict, or None", color);
  const given = color as Record<string, unknown>;
  const missing = names.filter((n) => typeof given[n] !== "string");
  if (missing.length > 0) throw new ValueError(`color must name a colour (string) for every section of the cell; missing or not a string: ${missing.join(", ")}`);
  return Object.fromEntries(names.map((n) => [n, cssColor(given[n] as string)]));
}

/**
 * hnn-core `plot_cell_morphology(cell, ax, color=None, pos=(0, 0, 0), xlim=(-250, 150),
 * ylim=(-100, 100), zlim=(-100, 1200), show=True)`: the cell in 3-D from hnn-core's view
 * (`view_init(0, -90)`, axes off). Lines are `line.hnn-section[data-section]`.
 *
 * Deviation: `pos` is in the cell's own (x, y, z) frame; hnn-core's tuple adds its second value
 * to the vertical axis and its third to the depth.
 * @throws ValueError for bad limits, a colour dict missing a section, a `pos` that is not 3 numbers.
 */
export function plotCellMorphology(cell: CellTemplate, options: PlotMorphologyOptions = {}): Figure {
  if (typeof cell !== "object" || cell === null || typeof cell.sections !== "object") throw typeError("cell", "Cell", cell);
  const doc = resolveDocument(options.document);
  const pos = options.pos ?? [0, 0, 0];
  if (!Array.isArray(pos) || pos.length !== 3 || !pos.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new ValueError(`pos must be an array of 3 finite numbers [x, y, z] (µm), got ${JSON.stringify(pos)}`);
  }
  const v = checkView(options, { xlim: [-250, 150], ylim: [-100, 100], zlim: [-100, 1200], elev: 0, azim: -90 });
  const colors = sectionColors(cell, options.color);
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const view = new View3d(
    {
      xlim: [pos[0] + v.xlim[0], pos[0] + v.xlim[1]],
      ylim: [pos[1] + v.ylim[0], pos[1] + v.ylim[1]],
      zlim: [pos[2] + v.zlim[0], pos[2] + v.zlim[1]],
      elev: v.elev,
      azim: v.azim,
    },
    width,
    height,
  );
  const lines = cellLines(cell, pos);
  const pxPerUm = linewidthScale(width, v.xlim);
  const svg = el(doc, "svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "hnn-morphology" });
  svg.appendChild(drawLines(doc, lines, view, (i) => colors[lines[i]!.section]!, (i) => lines[i]!.diam * pxPerUm));
  const fig = new Figure(doc, [{ cells: [{ node: svg, width, height }] }]);
  if (options.show !== undefined) options.show.appendChild(fig.svg);
  return fig;
}
