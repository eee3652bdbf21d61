/**
 * matplotlib colormaps by name as 256-colour lookup tables (matplotlib's `N = 256`), sampled from
 * the same colour ramps in @observablehq/plot (d3-scale-chromatic: viridis and its siblings are
 * matplotlib's own data), and a colour bar drawn from such a table.
 */
import * as Plot from "@observablehq/plot";
import { axis, baseOptions, plotCell } from "./common.js";
import type { Cell } from "./figure.js";
import { checkOneOf } from "../util/validate.js";

/** matplotlib colormap names accepted (each also with `_r`, reversed) -> Plot scheme. */
const SCHEMES: Record<string, string> = {
  viridis: "viridis", plasma: "plasma", inferno: "inferno", magma: "magma", cividis: "cividis", turbo: "turbo",
  Greys: "greys", Blues: "blues", Reds: "reds", Greens: "greens", RdBu: "rdbu", RdYlBu: "rdylbu", Spectral: "spectral",
};

/** The colormap names {@link colormapLut} accepts. */
export const COLORMAP_NAMES: readonly string[] = Object.keys(SCHEMES).flatMap((n) => [n, `${n}_r`]);

/** A colormap: 256 CSS colours, and matplotlib's lookup of a value normalised to [0, 1]. */
export interface Colormap {
  name: string;
  lut: string[];
  /** matplotlib `cmap(x)`: `lut[floor(x * 256)]`, clipped to the ends (NaN gives the lowest colour). */
  at(x: number): string;
}

/**
 * The colormap `name` (matplotlib's name, e.g. 'viridis', 'RdBu_r').
 * @throws ValueError for a name not in {@link COLORMAP_NAMES}.
 */
export function colormapLut(name: string): Colormap {
  checkOneOf("voltage_colormap", name, COLORMAP_NAMES);
  const reversed = name.endsWith("_r");
  const scheme = SCHEMES[reversed ? name.slice(0, -2) : name]!;
  const scale = Plot.scale({ color: { type: "linear", scheme: scheme as Plot.ColorScheme, domain: [0, 1] } });
  const lut = Array.from({ length: 256 }, (_, i) => rgbHex(String(scale.apply(reversed ? 1 - i / 255 : i / 255))));
  return {
    name,
    lut,
    at(x: number): string {
      const i = Math.floor(x * 256);
      return lut[Number.isNaN(i) || i < 0 ? 0 : i > 255 ? 255 : i]!;
    },
  };
}

/** `rgb(r, g, b)` -> `#rrggbb` (shorter SVG, and what GIF frames are compared with). */
function rgbHex(c: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (!m) return c;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, "0")).join("")}`;
}

/** Round steps (1, 2, 2.5, 5 × 10^k) for about `n` ticks between `lo` and `hi`. */
function niceTicks(lo: number, hi: number, n = 7): number[] {
  const raw = (hi - lo) / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** A vertical colour bar of `cmap` from `vmin` to `vmax` (class `hnn-colorbar`), `height` px tall. */
export function lutColorbarCell(doc: Document, cmap: Colormap, vmin: number, vmax: number, label: string, height: number, margins: { top: number; bottom: number }): Cell {
  const steps = cmap.lut.map((color, i) => ({ y1: vmin + ((vmax - vmin) * i) / 256, y2: vmin + ((vmax - vmin) * (i + 1)) / 256, color }));
  const width = 90;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, marginLeft: 8, marginRight: 58, marginTop: margins.top, marginBottom: margins.bottom }),
    x: { axis: null, domain: [0, 1] },
    y: { ...axis(label), domain: [vmin, vmax], axis: "right", labelOffset: 52, ticks: niceTicks(vmin, vmax) } as Plot.ScaleOptions,
    marks: [Plot.rect(steps, { x1: 0, x2: 1, y1: "y1", y2: "y2", fill: "color", shapeRendering: "crispEdges" }), Plot.frame()],
  });
  node.setAttribute("class", `${node.getAttribute("class") ?? ""} hnn-colorbar`);
  return plotCell(node, width, height);
}
