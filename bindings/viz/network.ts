/**
 * Network figures: connectivity matrix, cell connectivity, drive strengths and cell positions
 * (hnn-core `plot_connectivity_matrix`, `plot_cell_connectivity`, `plot_drive_strength`, `plot_cells`).
 */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure, el, text, type Cell } from "./figure.js";
import {
  TAB10, axis, yaxis, baseOptions, colorDomain, colorScale, colorbarCell, cssColor, extent, legendCell, plotCell,
  type LegendEntry,
} from "./common.js";
import { checkOneOf } from "../util/validate.js";
import { gaussianConnection } from "../model/network.js";
import type { ConnectionLike, GidRangeLike, NcDictLike, NetworkLike, Table } from "./types.js";

// ---------------------------------------------------------------------------------------------
// Reading the network (tolerant of Map or plain-object tables).

function tableGet<T>(t: Table<T> | undefined, key: string): T | undefined {
  if (!t) return undefined;
  return t instanceof Map ? t.get(key) : (t as Record<string, T>)[key];
}

function tableKeys(t: Table<unknown> | string[] | undefined): string[] {
  if (!t) return [];
  if (Array.isArray(t)) return [...t];
  return t instanceof Map ? [...t.keys()] : Object.keys(t);
}

function gidsOf(net: NetworkLike, type: string): number[] {
  const r: GidRangeLike | undefined = tableGet(net.gidRanges, type);
  if (r === undefined) throw new Error(`net.gidRanges has no entry for '${type}'`);
  if ("start" in r && "stop" in r && typeof (r as { start: unknown }).start === "number") {
    const { start, stop } = r as { start: number; stop: number };
    return Array.from({ length: stop - start }, (_, i) => start + i);
  }
  return Array.from(r as ArrayLike<number>, Number);
}

function positionsOf(net: NetworkLike, type: string): number[][] {
  const p = tableGet(net.posDict, type);
  if (p === undefined) throw new Error(`net.posDict has no entry for '${type}'`);
  const list = Array.from(p as ArrayLike<ArrayLike<number> | number>);
  if (list.length > 0 && typeof list[0] === "number") return [Array.from(p as ArrayLike<number>, Number)];
  return (list as ArrayLike<number>[]).map((q) => Array.from(q, Number));
}

function gidPairEntries(conn: ConnectionLike): [number, number[]][] {
  const gp = conn.gidPairs;
  const entries: [number, ArrayLike<number>][] = gp instanceof Map ? [...gp.entries()] : Object.entries(gp).map(([k, v]) => [Number(k), v]);
  return entries.map(([k, v]) => [Number(k), Array.from(v, Number)]);
}

function inplaneDistance(net: NetworkLike): number {
  return net.inplaneDistance ?? net._inplaneDistance ?? 1;
}

/** Weight and delay of one NetCon as the simulation uses them (the model's `gaussianConnection`); gain 1 when absent. */
function netConWeightDelay(src: ArrayLike<number>, target: ArrayLike<number>, nc: NcDictLike, inplane: number): { weight: number; delay: number } {
  return gaussianConnection(src, target, { A_weight: nc.A_weight, A_delay: nc.A_delay, lamtha: nc.lamtha, gain: nc.gain ?? 1 }, inplane);
}

/** Effective weight of one NetCon (µS): A_weight·gain·exp(−d²/(lamtha·inplaneDistance)²), d the in-plane (x, y) distance (NETWORK.md §5). */
export function connectionWeight(src: ArrayLike<number>, target: ArrayLike<number>, nc: NcDictLike, inplane = 1): number {
  return netConWeightDelay(src, target, nc, inplane).weight;
}

function getConnection(net: NetworkLike, connIdx: number): ConnectionLike {
  if (!net || !Array.isArray(net.connectivity)) throw new TypeError("net must be a Network (with a connectivity list)");
  const n = net.connectivity.length;
  if (!Number.isInteger(connIdx)) throw new TypeError(`connIdx must be an int, got ${JSON.stringify(connIdx)}`);
  if (connIdx < 0 || connIdx >= n) {
    throw new RangeError(
      n === 0
        ? `connIdx ${connIdx} is out of range: net.connectivity is empty`
        : `connIdx ${connIdx} is out of range: net.connectivity has ${n} connections, allowed values are 0..${n - 1}`,
    );
  }
  return net.connectivity[connIdx]!;
}

function connTitle(conn: ConnectionLike): string {
  return `${conn.srcType} -> ${conn.targetType} (${conn.loc}, ${conn.receptor})`;
}

function rangeText(gids: number[]): string {
  return gids.length === 0 ? "none" : `${gids[0]}-${gids[gids.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------

/** Options of {@link plotConnectivityMatrix}. */
export interface PlotConnectivityMatrixOptions {
  /** Colour by weight (default); false marks connected pairs with 1. */
  showWeight?: boolean;
  /** Draw a colour bar (default true). */
  colorbar?: boolean;
  /** Colour scheme (Plot/d3 name; default 'greys', hnn-core's 'Greys'). */
  colormap?: string;
  /** Plot-area width (px); the height follows the matrix's aspect. */
  width?: number;
  document?: Document;
}

/**
 * Source gid × target gid matrix of one connection's weights (µS), like hnn-core's imshow: sources
 * top to bottom, targets left to right, unconnected pairs 0. Each connected pair is one
 * `rect.hnn-conn-cell`.
 *
 * @throws RangeError when `connIdx` is not an index of `net.connectivity`
 */
export function plotConnectivityMatrix(net: NetworkLike, connIdx: number, options: PlotConnectivityMatrixOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const conn = getConnection(net, connIdx);
  const showWeight = options.showWeight ?? true;
  const srcGids = gidsOf(net, conn.srcType);
  const tgtGids = gidsOf(net, conn.targetType);
  const srcPos = positionsOf(net, conn.srcType);
  const tgtPos = positionsOf(net, conn.targetType);
  const srcIndex = new Map(srcGids.map((g, i) => [g, i]));
  const tgtIndex = new Map(tgtGids.map((g, i) => [g, i]));
  const inplane = inplaneDistance(net);
  const cells: { s: number; t: number; w: number }[] = [];
  for (const [s, targets] of gidPairEntries(conn)) {
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

// ---------------------------------------------------------------------------------------------

/** Options of {@link plotCellConnectivity}. */
export interface PlotCellConnectivityOptions {
  /** Source cell (default: the first source gid of the connection). */
  srcGid?: number;
  /** Draw a colour bar (default true). */
  colorbar?: boolean;
  /** Colour scheme of the weights (default 'viridis'). */
  colormap?: string;
  /** Size of each panel (px). */
  panelSize?: number;
  document?: Document;
}

/**
 * Weights from one source cell over the target grid (hnn-core `plot_cell_connectivity`): on the left
 * the source cells (connected sources solid, others faint, the chosen one outlined); on the right
 * every target position (× when not connected), connected targets as dots (`circle.hnn-target`,
 * colour = weight) and the source as a red square. Drives (sources that are not cells) get only the
 * right panel.
 *
 * @throws RangeError when `connIdx` is out of range; Error when `srcGid` is not a source of the connection
 */
export function plotCellConnectivity(net: NetworkLike, connIdx: number, options: PlotCellConnectivityOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const conn = getConnection(net, connIdx);
  const pairs = gidPairEntries(conn);
  const validSrc = pairs.map(([s]) => s);
  if (validSrc.length === 0) throw new Error(`connection ${connIdx} (${connTitle(conn)}) has no gid pairs`);
  const srcGid = options.srcGid ?? validSrc[0]!;
  if (!Number.isInteger(srcGid)) throw new TypeError(`srcGid must be an int, got ${JSON.stringify(srcGid)}`);
  if (!validSrc.includes(srcGid)) {
    const list = validSrc.length > 20 ? `${validSrc.slice(0, 10).join(", ")}, …, ${validSrc.slice(-3).join(", ")}` : validSrc.join(", ");
    throw new Error(`srcGid ${srcGid} is not a valid cell ID for connection ${connIdx}. Allowed values are: ${list}`);
  }
  const srcGids = gidsOf(net, conn.srcType);
  const tgtGids = gidsOf(net, conn.targetType);
  const srcPos = positionsOf(net, conn.srcType);
  const tgtPos = positionsOf(net, conn.targetType);
  const srcIdx = srcGids.indexOf(srcGid);
  const sPos = srcPos[srcIdx] ?? srcPos[0]!;
  const inplane = inplaneDistance(net);
  const targets = new Set(pairs.find(([s]) => s === srcGid)![1]);
  const connected: { x: number; y: number; w: number; gid: number }[] = [];
  tgtGids.forEach((g, i) => {
    if (targets.has(g)) connected.push({ x: tgtPos[i]![0]!, y: tgtPos[i]![1]!, w: connectionWeight(sPos, tgtPos[i]!, conn.ncDict, inplane), gid: g });
  });
  const [wMin, wMax] = extent(connected.map((c) => c.w));
  const domain = colorDomain([wMin, wMax]);
  const scheme = options.colormap ?? "viridis";
  const color = colorScale(scheme, domain);

  const isCellSource = tableKeys(net.cellTypes).includes(conn.srcType);
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
  const row: Cell[] = [];

  if (isCellSource) {
    const valid = new Set(validSrc);
    const srcPts = srcGids.map((g, i) => ({ x: srcPos[i]![0]!, y: srcPos[i]![1]!, valid: valid.has(g), gid: g }));
    const left = Plot.plot({
      ...baseOptions(doc, { width, height, ...m }),
      x: xAxis,
      y: yAxis,
      marks: [
        Plot.frame(),
        Plot.dot(srcPts.filter((p) => !p.valid), { x: "x", y: "y", symbol: "square", r: 5, fill: "red", fillOpacity: 0.2, className: "hnn-source-unconnected" }),
        Plot.dot(srcPts.filter((p) => p.valid), { x: "x", y: "y", symbol: "square", r: 5, fill: "red", className: "hnn-source" }),
        Plot.dot([sPos], { x: (p: number[]) => p[0], y: (p: number[]) => p[1], symbol: "square", r: 8, stroke: "black", strokeWidth: 2, fill: "none" }),
        Plot.text([`Sources (${conn.srcType})`], { frameAnchor: "top", dy: -20, fontSize: 13 }),
      ],
    });
    row.push(plotCell(left, width, height));
  }
  const right = Plot.plot({
    ...baseOptions(doc, { width, height, ...m }),
    x: xAxis,
    y: yAxis,
    marks: [
      Plot.frame(),
      Plot.dot(tgtPos, { x: (p: number[]) => p[0], y: (p: number[]) => p[1], symbol: "times", r: 3.5, stroke: "black", strokeWidth: 1.5, className: "hnn-target-all" }),
      Plot.dot(connected, { x: "x", y: "y", r: 5.5, fill: (c: { w: number }) => color(c.w), className: "hnn-target" }),
      Plot.dot([sPos], { x: (p: number[]) => p[0], y: (p: number[]) => p[1], symbol: "square", r: 9, fill: "red", className: "hnn-source-selected" }),
      Plot.text([`Targets (${conn.targetType}) of gid ${srcGid}`], { frameAnchor: "top", dy: -20, fontSize: 13 }),
    ],
  });
  row.push(plotCell(right, width, height));
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

// ---------------------------------------------------------------------------------------------

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
  net: NetworkLike,
  options: Pick<PlotDriveStrengthOptions, "showWeight" | "normalize" | "colorScale" | "quantity"> = {},
): { drives: string[]; cellTypes: string[]; values: number[][] } {
  const drives = tableKeys(net.externalDrives);
  const cellTypes = tableKeys(net.cellTypes);
  const showWeight = options.showWeight ?? true;
  const quantity = checkOneOf("quantity", options.quantity ?? "weight", ["weight", "hnn-core"] as const, JSON.stringify);
  checkOneOf("colorScale", options.colorScale ?? "linear", ["linear", "log"] as const, JSON.stringify);
  const values = drives.map(() => cellTypes.map(() => 0));
  const inplane = inplaneDistance(net);
  for (const conn of net.connectivity) {
    const di = drives.indexOf(conn.srcType);
    const ci = cellTypes.indexOf(conn.targetType);
    if (di < 0 || ci < 0) continue;
    const srcGids = gidsOf(net, conn.srcType);
    const tgtGids = gidsOf(net, conn.targetType);
    const srcPos = positionsOf(net, conn.srcType);
    const tgtPos = positionsOf(net, conn.targetType);
    let total = 0;
    for (const [s, targets] of gidPairEntries(conn)) {
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
export function plotDriveStrength(net: NetworkLike, options: PlotDriveStrengthOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const { drives, cellTypes, values } = driveStrengthMatrix(net, options);
  if (drives.length === 0) throw new Error("net has no external drives to plot (add drives first)");
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

// ---------------------------------------------------------------------------------------------

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
 * `g.hnn-cells` with one symbol per cell.
 */
export function plotCells(net: NetworkLike, options: PlotCellsOptions = {}): Figure {
  const doc = resolveDocument(options.document);
  const types = tableKeys(net.cellTypes);
  if (types.length === 0) throw new Error("net has no cell types to plot");
  const pts: { x: number; y: number; z: number; type: string }[] = [];
  const style = new Map<string, { color: string; symbol: string }>();
  types.forEach((t, i) => {
    const s = CELL_STYLE[t];
    style.set(t, s ? { color: cssColor(s.color), symbol: s.symbol } : { color: TAB10[i % TAB10.length]!, symbol: "circle" });
    for (const p of positionsOf(net, t)) pts.push({ x: p[0]!, y: p[1]!, z: p[2] ?? 0, type: t });
  });
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
    marks.push(Plot.text([title], { frameAnchor: "top", dy: -20, fontSize: 13 }));
    const [a, b] = extent(pts.map((p) => p[yKey]));
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
  return new Figure(
    doc,
    [{ cells: [plotCell(panel("y", "y (µm)", "Top view"), size, size + 40), plotCell(panel("z", "z (µm, depth)", "Side view"), size, size + 40), legendCell(doc, entries, { dy: 30 })] }],
    "Cell positions",
  );
}

