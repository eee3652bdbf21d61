/**
 * Connectivity figures: connectivity matrix and cell connectivity (hnn-core
 * `plot_connectivity_matrix`, `plot_cell_connectivity`), with the NetCon weights the simulation uses.
 */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, type Cell } from "./figure.js";
import { axis, yaxis, baseOptions, colorDomain, colorScale, colorbarCell, extent, legendCell, plotCell, type LegendEntry } from "./common.js";
import { ValueError } from "../util/validate.js";
import { gaussianConnection, type Connection } from "../model/connection.js";
import type { Network } from "../model/network.js";
import type { NcDict, Vec3 } from "../model/types.js";

/** The NetCon parameters a weight needs; `gain` 1 when absent. */
type WeightParams = Pick<NcDict, "A_weight" | "A_delay" | "lamtha"> & { gain?: number };

/** Weight and delay of one NetCon as the simulation uses them (the model's `gaussianConnection`). */
export function netConWeightDelay(src: ArrayLike<number>, target: ArrayLike<number>, nc: WeightParams, inplane: number): { weight: number; delay: number } {
  return gaussianConnection(src, target, { A_weight: nc.A_weight, A_delay: nc.A_delay, lamtha: nc.lamtha, gain: nc.gain ?? 1 }, inplane);
}

/** Effective weight of one NetCon (µS): A_weight·gain·exp(−d²/(lamtha·inplaneDistance)²), d the in-plane (x, y) distance (NETWORK.md §5). */
export function connectionWeight(src: ArrayLike<number>, target: ArrayLike<number>, nc: WeightParams, inplane = 1): number {
  return netConWeightDelay(src, target, nc, inplane).weight;
}

/** Options shared by the figures with a colour scale. */
export interface ColorbarOptions {
  /** Draw a colour bar (default true). */
  colorbar?: boolean;
  /** Colour scheme (Plot/d3 name); default 'greys' for the connectivity matrix (hnn-core's 'Greys'), 'viridis' for cell connectivity. */
  colormap?: string;
  document?: Document;
}

/** Options of {@link plotConnectivityMatrix}. */
export interface PlotConnectivityMatrixOptions extends ColorbarOptions {
  /** Colour by weight (default); false marks connected pairs with 1. */
  showWeight?: boolean;
  /** Plot-area width (px); the height follows the matrix's aspect. */
  width?: number;
}

/** Options of {@link plotCellConnectivity}. */
export interface PlotCellConnectivityOptions extends ColorbarOptions {
  /** Source cell (default: the first source gid of the connection). */
  srcGid?: number;
  /** Size of each panel (px). */
  panelSize?: number;
}

/** The document to draw in and connection `connIdx` of `net`. */
function connectionFigure(net: Network, connIdx: number, document?: Document): { doc: Document; conn: Connection } {
  const doc = resolveDocument(document);
  if (!net || !Array.isArray(net.connectivity)) throw new TypeError("net must be a Network (with a connectivity list)");
  const n = net.connectivity.length;
  if (!Number.isInteger(connIdx)) throw new TypeError(`connIdx must be an int, got ${JSON.stringify(connIdx)}`);
  if (connIdx < 0 || connIdx >= n) {
    throw new ValueError(
      n === 0
        ? `connIdx ${connIdx} is out of range: net.connectivity is empty`
        : `connIdx ${connIdx} is out of range: net.connectivity has ${n} connections, allowed values are 0..${n - 1}`,
    );
  }
  return { doc, conn: net.connectivity[connIdx]! };
}

/** The gids and positions of a connection's source and target populations. */
export function connectionCells(net: Network, conn: Connection): { srcGids: number[]; tgtGids: number[]; srcPos: Vec3[]; tgtPos: Vec3[] } {
  const pops = net.populations;
  return { srcGids: pops.gids(conn.srcType), tgtGids: pops.gids(conn.targetType), srcPos: net.positions(conn.srcType), tgtPos: net.positions(conn.targetType) };
}

function connTitle(conn: Connection): string {
  return `${conn.srcType} -> ${conn.targetType} (${conn.loc}, ${conn.receptor})`;
}

function rangeText(gids: number[]): string {
  return gids.length === 0 ? "none" : `${gids[0]}-${gids[gids.length - 1]}`;
}

/**
 * Source gid × target gid matrix of one connection's weights (µS), like hnn-core's imshow: sources
 * top to bottom, targets left to right, unconnected pairs 0. Each connected pair is one
 * `rect.hnn-conn-cell`.
 *
 * @throws ValueError when `connIdx` is not an index of `net.connectivity`
 */
export function plotConnectivityMatrix(net: Network, connIdx: number, options: PlotConnectivityMatrixOptions = {}): Figure {
  const { doc, conn } = connectionFigure(net, connIdx, options.document);
  const showWeight = options.showWeight ?? true;
  const { srcGids, tgtGids, srcPos, tgtPos } = connectionCells(net, conn);
  const srcIndex = new Map(srcGids.map((g, i) => [g, i]));
  const tgtIndex = new Map(tgtGids.map((g, i) => [g, i]));
  const inplane = net.inplaneDistance;
  const cells: { s: number; t: number; w: number }[] = [];
  for (const [s, targets] of conn.gidPairs) {
    const si = srcIndex.get(s);
    if (si === undefined) continue;
    for (const t of targets) {
      const ti = tgtIndex.get(t);
      if (ti === undefined) continue;
      const w = showWeight ? connectionWeight(srcPos[si] ?? srcPos[0]!, tgtPos[ti]!, conn.ncDict, inplane) : 1;
      cells.push({ s, t, w });
    }
  }
  const full = cells.length === srcGids.length * tgtGids.length;
  const [wMin, wMax] = extent(cells.map((c) => c.w));
  const domain = colorDomain([full ? wMin : Math.min(0, wMin), wMax]);
  const scheme = options.colormap ?? "greys";
  const color = colorScale(scheme, domain);

  const innerW = options.width ?? 480;
  const aspect = srcGids.length / Math.max(1, tgtGids.length);
  const innerH = Math.max(140, Math.min(480, innerW * aspect));
  const m = { marginLeft: 80, marginRight: 16, marginTop: 14, marginBottom: 48 };
  const width = innerW + m.marginLeft + m.marginRight;
  const height = innerH + m.marginTop + m.marginBottom;
  const x0 = tgtGids[0] ?? 0;
  const x1 = tgtGids[tgtGids.length - 1] ?? 0;
  const y0 = srcGids[0] ?? 0;
  const y1 = srcGids[srcGids.length - 1] ?? 0;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, ...m }),
    x: axis(`${conn.targetType} target gids (${rangeText(tgtGids)})`, { domain: [x0 - 0.5, x1 + 0.5], tickFormat: "d" }),
    y: yaxis(`${conn.srcType} source gids (${rangeText(srcGids)})`, { domain: [y0 - 0.5, y1 + 0.5], reverse: true, tickFormat: "d" }),
    marks: [
      Plot.rect([0], { x1: x0 - 0.5, x2: x1 + 0.5, y1: y0 - 0.5, y2: y1 + 0.5, fill: color(0) }),
      Plot.rect(cells, { x1: (c: { t: number }) => c.t - 0.5, x2: (c: { t: number }) => c.t + 0.5, y1: (c: { s: number }) => c.s - 0.5, y2: (c: { s: number }) => c.s + 0.5, fill: (c: { w: number }) => color(c.w), shapeRendering: "crispEdges", className: "hnn-conn-cell" }),
      Plot.frame(),
    ],
  });
  const row: Cell[] = [plotCell(node, width, height)];
  if (options.colorbar ?? true) {
    row.push(colorbarCell(doc, scheme, domain, showWeight ? "Weight (µS)" : "Connected (1) or not (0)", { height, marginTop: m.marginTop, marginBottom: m.marginBottom }));
  }
  return new Figure(doc, [{ cells: row }], connTitle(conn));
}

/**
 * Weights from one source cell over the target grid (hnn-core `plot_cell_connectivity`): on the left
 * the source cells (connected sources solid, others faint, the chosen one outlined); on the right
 * every target position (× when not connected), connected targets as dots (`circle.hnn-target`,
 * colour = weight) and the source as a red square. Drives (sources that are not cells) get only the
 * right panel.
 *
 * @throws ValueError when `connIdx` is out of range or `srcGid` is not a source of the connection
 */
export function plotCellConnectivity(net: Network, connIdx: number, options: PlotCellConnectivityOptions = {}): Figure {
  const { doc, conn } = connectionFigure(net, connIdx, options.document);
  const pairs = [...conn.gidPairs];
  const validSrc = pairs.map(([s]) => s);
  if (validSrc.length === 0) throw new ValueError(`connection ${connIdx} (${connTitle(conn)}) has no gid pairs`);
  const srcGid = options.srcGid ?? validSrc[0]!;
  if (!Number.isInteger(srcGid)) throw new TypeError(`srcGid must be an int, got ${JSON.stringify(srcGid)}`);
  if (!validSrc.includes(srcGid)) {
    const list = validSrc.length > 20 ? `${validSrc.slice(0, 10).join(", ")}, …, ${validSrc.slice(-3).join(", ")}` : validSrc.join(", ");
    throw new ValueError(`srcGid ${srcGid} is not a valid cell ID for connection ${connIdx}. Allowed values are: ${list}`);
  }
  const { srcGids, tgtGids, srcPos, tgtPos } = connectionCells(net, conn);
  const srcIdx = srcGids.indexOf(srcGid);
  const sPos = srcPos[srcIdx] ?? srcPos[0]!;
  const inplane = net.inplaneDistance;
  const targets = new Set(pairs.find(([s]) => s === srcGid)![1]);
  const connected: { x: number; y: number; w: number; gid: number }[] = [];
  tgtGids.forEach((g, i) => {
    if (targets.has(g)) connected.push({ x: tgtPos[i]![0]!, y: tgtPos[i]![1]!, w: connectionWeight(sPos, tgtPos[i]!, conn.ncDict, inplane), gid: g });
  });
  const [wMin, wMax] = extent(connected.map((c) => c.w));
  const domain = colorDomain([wMin, wMax]);
  const scheme = options.colormap ?? "viridis";
  const color = colorScale(scheme, domain);

  const isCellSource = conn.srcType in net.cellTypes;
  const all = [...tgtPos, ...(isCellSource ? srcPos : []), sPos];
  const [xa, xb] = extent(all.map((p) => p[0]!));
  const [ya, yb] = extent(all.map((p) => p[1]!));
  const padX = Math.max(0.5, (xb - xa) * 0.06);
  const padY = Math.max(0.5, (yb - ya) * 0.06);
  const xDomain: [number, number] = [xa - padX, xb + padX];
  const yDomain: [number, number] = [ya - padY, yb + padY];
  const size = options.panelSize ?? 300;
  const m = { marginLeft: 56, marginRight: 12, marginTop: 30, marginBottom: 48 };
  const width = size;
  const height = size + 40;
  const xAxis = axis("X position (µm)", { domain: xDomain });
  const yAxis = axis("Y position (µm)", { domain: yDomain });
  /** One panel of the x-y plane with a title above it. */
  const panel = (title: string, marks: Plot.Markish[]): Cell => {
    const titleMark = Plot.text([title], { frameAnchor: "top", dy: -20, fontSize: 13 });
    const node = Plot.plot({ ...baseOptions(doc, { width, height, ...m }), x: xAxis, y: yAxis, marks: [Plot.frame(), ...marks, titleMark] });
    return plotCell(node, width, height);
  };
  const xy = { x: (p: number[]) => p[0], y: (p: number[]) => p[1] };
  const row: Cell[] = [];
  if (isCellSource) {
    const valid = new Set(validSrc);
    const srcPts = srcGids.map((g, i) => ({ x: srcPos[i]![0]!, y: srcPos[i]![1]!, valid: valid.has(g), gid: g }));
    row.push(
      panel(`Sources (${conn.srcType})`, [
        Plot.dot(srcPts.filter((p) => !p.valid), { x: "x", y: "y", symbol: "square", r: 5, fill: "red", fillOpacity: 0.2, className: "hnn-source-unconnected" }),
        Plot.dot(srcPts.filter((p) => p.valid), { x: "x", y: "y", symbol: "square", r: 5, fill: "red", className: "hnn-source" }),
        Plot.dot([sPos], { ...xy, symbol: "square", r: 8, stroke: "black", strokeWidth: 2, fill: "none" }),
      ]),
    );
  }
  row.push(
    panel(`Targets (${conn.targetType}) of gid ${srcGid}`, [
      Plot.dot(tgtPos, { ...xy, symbol: "times", r: 3.5, stroke: "black", strokeWidth: 1.5, className: "hnn-target-all" }),
      Plot.dot(connected, { x: "x", y: "y", r: 5.5, fill: (c: { w: number }) => color(c.w), className: "hnn-target" }),
      Plot.dot([sPos], { ...xy, symbol: "square", r: 9, fill: "red", className: "hnn-source-selected" }),
    ]),
  );
  if (options.colorbar ?? true) {
    row.push(colorbarCell(doc, scheme, domain, "Weight (µS)", { height, marginTop: m.marginTop, marginBottom: m.marginBottom }));
  }
  const entries: LegendEntry[] = [
    { label: `source (gid ${srcGid})`, color: "red", shape: "square" },
    { label: "connected target", color: color((domain[0] + domain[1]) / 2), shape: "dot" },
    { label: "not connected", color: "black", shape: "cross" },
  ];
  row.push(legendCell(doc, entries, { dy: m.marginTop }));
  return new Figure(doc, [{ cells: row }], connTitle(conn));
}
