/** Cell positions by type (hnn-core `plot_cells`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure } from "./figure.js";
import { TAB10, axis, yaxis, baseOptions, cssColor, extent, legendCell, plotCell, type LegendEntry } from "./common.js";
import { ValueError } from "../util/validate.js";
import type { Network } from "../model/network.js";

/** Options of {@link plotCells}. */
export interface PlotCellsOptions {
  /** Size of each panel (px). */
  panelSize?: number;
  document?: Document;
}

const CELL_STYLE: Record<string, { color: string; symbol: "triangle" | "times" }> = {
  L5_pyramidal: { color: "b", symbol: "triangle" },
  L2_pyramidal: { color: "c", symbol: "triangle" },
  L5_basket: { color: "r", symbol: "times" },
  L2_basket: { color: "m", symbol: "times" },
};

/**
 * Cell positions by type (hnn-core `plot_cells`, which draws a 3-D scatter): a top view (x, y) and a
 * side view (x, z, depth), colours and markers as hnn-core (pyramidal ▲, basket ×). Marks are
 * `g.hnn-cells` with one symbol per cell. The contacts of each electrode array in `net.recArrays`
 * are small dots (`g.hnn-electrodes`), coloured from 'inferno' and labelled by the array's name, as hnn-core.
 */
export function plotCells(net: Network, options: PlotCellsOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const types = Object.keys(net.cellTypes);
  if (types.length === 0) throw new ValueError("net has no cell types to plot");
  const pts: { x: number; y: number; z: number; type: string }[] = [];
  const style = new Map<string, { color: string; symbol: string }>();
  types.forEach((t, i) => {
    const s = CELL_STYLE[t];
    style.set(t, s ? { color: cssColor(s.color), symbol: s.symbol } : { color: TAB10[i % TAB10.length]!, symbol: "circle" });
    for (const p of net.positions(t)) pts.push({ x: p[0]!, y: p[1]!, z: p[2] ?? 0, type: t });
  });
  // hnn-core: get_cmap('inferno', n + 2), array k coloured cols(k + 1).
  const arrays = Object.entries(net.recArrays);
  const inferno = Plot.scale({ color: { type: "linear", scheme: "inferno", domain: [0, arrays.length + 1] } });
  const contacts = arrays.flatMap(([name, arr], k) => arr.positions.map((p) => ({ x: p[0], y: p[1], z: p[2], name, color: String(inferno.apply(k + 1)) })));
  const size = options.panelSize ?? 320;
  const m = { marginLeft: 64, marginRight: 12, marginTop: 30, marginBottom: 48 };
  const panel = (yKey: "y" | "z", yLabel: string, title: string) => {
    const marks: Plot.Markish[] = [Plot.frame()];
    const order = [...types].sort((a, b) => Number(style.get(a)!.symbol === "times") - Number(style.get(b)!.symbol === "times"));
    for (const t of order) {
      const s = style.get(t)!;
      const mine = pts.filter((p) => p.type === t);
      marks.push(
        Plot.dot(mine, {
          x: "x",
          y: yKey,
          symbol: s.symbol as Plot.SymbolType,
          r: 4,
          ...(s.symbol === "times" ? { stroke: s.color, strokeWidth: 1.5 } : { fill: s.color, stroke: "none" }),
          className: "hnn-cells",
        }),
      );
    }
    if (contacts.length > 0) marks.push(Plot.dot(contacts, { x: "x", y: yKey, r: 2.5, fill: "color", stroke: "none", className: "hnn-electrodes" }));
    marks.push(Plot.text([title], { frameAnchor: "top", dy: -20, fontSize: 13 }));
    const [a, b] = extent([...pts, ...contacts].map((p) => p[yKey]));
    const pad = Math.max(0.5, (b - a) * 0.06);
    return Plot.plot({
      ...baseOptions(doc, { width: size, height: size + 40, ...m }),
      x: axis("x (µm)", { inset: 8 }),
      y: yaxis(yLabel, { domain: [a - pad, b + pad] }),
      marks,
    });
  };
  const entries: LegendEntry[] = types.map((t) => {
    const s = style.get(t)!;
    return { label: t, color: s.color, shape: s.symbol === "times" ? "cross" : s.symbol === "triangle" ? "triangle" : "dot" };
  });
  arrays.forEach(([name], k) => entries.push({ label: name, color: String(inferno.apply(k + 1)), shape: "dot" }));
  return new Figure(
    doc,
    [{ cells: [plotCell(panel("y", "y (µm)", "Top view"), size, size + 40), plotCell(panel("z", "z (µm, depth)", "Side view"), size, size + 40), legendCell(doc, entries, { dy: 30 })] }],
    "Cell positions",
  );
}
