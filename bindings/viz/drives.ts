/** Drive strengths onto cell types (hnn-core `plot_drive_strength`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, el, text, type Cell } from "./figure.js";
import { axis, yaxis, baseOptions, colorDomain, colorScale, colorbarCell, extent, plotCell } from "./common.js";
import { connectionCells, connectionWeight, netConWeightDelay } from "./connectivity.js";
import { checkOneOf, ValueError } from "../util/validate.js";
import type { Network } from "../model/network.js";

/** Options of {@link plotDriveStrength}. */
export interface PlotDriveStrengthOptions {
  /** Use distance-scaled weights (default); false counts connections (1 per NetCon). */
  showWeight?: boolean;
  /** Rescale the matrix to 0–1 (default true). */
  normalize?: boolean;
  /** 'linear' (default) or 'log' (log1p of the values). */
  colorScale?: "linear" | "log";
  /** Draw a colour bar (default true). */
  colorbar?: boolean;
  /**
   * 'weight' (default): total effective weight (µS) of every NetCon from the drive onto the cell type,
   * summed over receptors. 'hnn-core': hnn-core 0.6.1's number, reproduced exactly: for the last
   * connection of each drive/cell-type pair the sum of weight (without gain) plus delay over all
   * NetCons (this is what its figures show; it mixes µS and ms).
   */
  quantity?: "weight" | "hnn-core";
  width?: number;
  height?: number;
  document?: Document;
}

/** The drive × cell-type strength matrix behind {@link plotDriveStrength} (rows: drives, columns: cell types). */
export function driveStrengthMatrix(
  net: Network,
  options: Pick<PlotDriveStrengthOptions, "showWeight" | "normalize" | "colorScale" | "quantity"> = {},
): { drives: string[]; cellTypes: string[]; values: number[][] } {
  const drives = Object.keys(net.externalDrives);
  const cellTypes = Object.keys(net.cellTypes);
  const showWeight = options.showWeight ?? true;
  const quantity = checkOneOf("quantity", options.quantity ?? "weight", ["weight", "hnn-core"] as const, JSON.stringify);
  checkOneOf("colorScale", options.colorScale ?? "linear", ["linear", "log"] as const, JSON.stringify);
  const values = drives.map(() => cellTypes.map(() => 0));
  const inplane = net.inplaneDistance;
  for (const conn of net.connectivity) {
    const di = drives.indexOf(conn.srcType);
    const ci = cellTypes.indexOf(conn.targetType);
    if (di < 0 || ci < 0) continue;
    const { srcGids, tgtGids, srcPos, tgtPos } = connectionCells(net, conn);
    let total = 0;
    for (const [s, targets] of conn.gidPairs) {
      const sp = srcPos[srcGids.indexOf(s)] ?? srcPos[0]!;
      const tset = new Set(targets);
      tgtGids.forEach((g, ti) => {
        if (!tset.has(g)) return;
        if (!showWeight) total += 1;
        else if (quantity === "weight") total += connectionWeight(sp, tgtPos[ti]!, conn.ncDict, inplane);
        else {
          const { weight, delay } = netConWeightDelay(sp, tgtPos[ti]!, { ...conn.ncDict, gain: 1 }, inplane);
          total += weight + delay;
        }
      });
    }
    if (quantity === "weight") values[di]![ci]! += total;
    else values[di]![ci] = total;
  }
  let out = values;
  if (options.normalize ?? true) {
    const [lo, hi] = extent(values.flat());
    if (hi > lo) out = values.map((r) => r.map((v) => (v - lo) / (hi - lo)));
  }
  if (options.colorScale === "log") out = out.map((r) => r.map((v) => Math.log1p(v)));
  return { drives, cellTypes, values: out };
}

/**
 * Strength of every external drive onto every cell type as a heatmap with the values written in the
 * cells (hnn-core `plot_drive_strength`). Cells are `rect.hnn-drive-cell`, values `text.hnn-drive-value`.
 */
export function plotDriveStrength(net: Network, options: PlotDriveStrengthOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const { drives, cellTypes, values } = driveStrengthMatrix(net, options);
  if (drives.length === 0) throw new ValueError("net has no external drives to plot (add drives first)");
  const flat = values.flat();
  const [lo, hi] = extent(flat);
  const domain = colorDomain([lo, hi]);
  const color = colorScale("viridis", domain);
  const data = drives.flatMap((d, i) => cellTypes.map((c, j) => ({ drive: d, cellType: c, v: values[i]![j]! })));
  const width = options.width ?? 760;
  const height = options.height ?? 420;
  const m = { marginLeft: 100, marginRight: 10, marginTop: 14, marginBottom: 100 };
  const normalize = options.normalize ?? true;
  const showWeight = options.showWeight ?? true;
  const units = !showWeight
    ? "Units: number of connections"
    : normalize
      ? "Units: Relative Strength (0-1)"
      : (options.quantity ?? "weight") === "weight"
        ? "Units: µS (microsiemens)"
        : "Units: hnn-core 0.6.1 sum (µS weights + ms delays)";
  const fmt = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(2) : v.toFixed(2));
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, ...m }),
    x: axis("Cell Types", { domain: cellTypes, tickRotate: -40, padding: 0, labelOffset: 90 }),
    y: yaxis("Drive Names", { domain: drives, padding: 0, labelOffset: 90 }),
    marks: [
      Plot.cell(data, { x: "cellType", y: "drive", fill: (d: { v: number }) => color(d.v), shapeRendering: "crispEdges", className: "hnn-drive-cell" }),
      Plot.text(data, {
        x: "cellType",
        y: "drive",
        text: (d: { v: number }) => fmt(d.v),
        fill: (d: { v: number }) => (d.v > hi * 0.7 ? "black" : "white"),
        fontWeight: "bold",
        fontSize: 13,
        className: "hnn-drive-value",
      }),
      Plot.frame(),
    ],
  });
  // Units box in the lower right of the plot area, as hnn-core writes it.
  const w = units.length * 12 * 0.62 + 12;
  const g = el(doc, "g", { class: "hnn-units" });
  g.appendChild(el(doc, "rect", { x: width - m.marginRight - w - 6, y: height - m.marginBottom - 26, width: w, height: 20, fill: "white", "fill-opacity": 0.75, stroke: "black" }));
  g.appendChild(text(doc, units, width - m.marginRight - 12, height - m.marginBottom - 11, { anchor: "end" }));
  node.appendChild(g);
  const row: Cell[] = [plotCell(node, width, height)];
  if (options.colorbar ?? true) {
    const label = normalize ? "Relative strength" : showWeight ? "Strength" : "Connections";
    row.push(colorbarCell(doc, "viridis", domain, label, { height, marginTop: m.marginTop, marginBottom: m.marginBottom }));
  }
  return new Figure(doc, [{ cells: row }], "External Drive Strengths");
}
