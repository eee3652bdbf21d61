/**
 * What a network needs in memory to be simulated, from counts alone (nothing is built): cells
 * (nodes, mechanism instances, synapses in the engine), NetCons, the connections' gid pairs. The
 * Network constructor, `addConnection` and the drives check these parts against the network's
 * `maxMemoryBytes` before they allocate (../util/memoryLimit.ts); simulateDipole adds its own
 * (../simulate/simulationMemory.ts).
 *
 * The bytes per item follow the engine's arrays (assembly/): a node holds 8 doubles and 2 ints of
 * tree state, a mechanism instance a node index and about 5 doubles, a synapse 11 doubles and a
 * node index, a NetCon 2 ints, 2 doubles, a CSR slot and its share of the event queue. The engine's
 * arrays grow by doubling and its allocator never frees, and its memory grows by doubling, so
 * what it holds is counted {@link ENGINE_GROWTH} times.
 */
import { checkMemory, type MemoryPart } from "../util/memoryLimit";
import { MECHANISMS } from "./mechanisms";
import type { Populations } from "./populations";
import type { CellTemplate, CellType } from "./types";

/** Engine bytes per node (tree state). */
const ENGINE_NODE_BYTES = 72;
/** Engine bytes per mechanism instance (one mechanism at one segment). */
const ENGINE_MECHANISM_BYTES = 48;
/** Engine bytes per Exp2Syn synapse. */
const ENGINE_SYNAPSE_BYTES = 96;
/** Engine bytes per NetCon, with its share of the event queue. */
export const ENGINE_NETCON_BYTES = 40;
/** How many times the engine's memory holds what it stores (doubling growth, no freeing). */
export const ENGINE_GROWTH = 2;
/** Bytes of a number in a JavaScript array. */
const JS_NUMBER_BYTES = 8;
/** Bytes a lowered trial image holds per NetCon (source, synapse, weight, delay). */
export const IMAGE_NETCON_BYTES = 24;

/** What one cell of a type puts into the engine, and what it can record. */
export interface CellCounts {
  /** Nodes: a root, and per section its segments and its x = 1 end. */
  nodes: number;
  /** Mechanism instances (mechanisms × segments). */
  mechanisms: number;
  synapses: number;
  /** Traces recordVsec 'all' / 'soma' records (sections / the soma). */
  vsecAll: number;
  vsecSoma: number;
  /** Traces recordIsec 'all' / 'soma' records (synapses of every section / of the soma). */
  isecAll: number;
  isecSoma: number;
  /** Traces recordCa 'all' / 'soma' records (sections with the Ca ion / the soma if it has it). */
  caAll: number;
  caSoma: number;
  /** Segments (membrane-current sources of the extracellular potentials). */
  segments: number;
}

const CA_MECHANISMS = new Set(MECHANISMS.filter((m) => m.ions.includes("ca")).map((m) => m.name));

/** Counts of one cell of a template (sections with a non-integer nseg count as 1 segment: validation rejects them later). */
export function cellCounts(t: CellTemplate): CellCounts {
  const c: CellCounts = { nodes: 1, mechanisms: 0, synapses: 0, vsecAll: 0, vsecSoma: 0, isecAll: 0, isecSoma: 0, caAll: 0, caSoma: 0, segments: 0 };
  for (const [name, s] of Object.entries(t.sections)) {
    const nseg = Number.isSafeInteger(s.nseg) && s.nseg > 0 ? s.nseg : 1;
    const mechs = Object.keys(s.mechs ?? {});
    const syns = Array.isArray(s.syns) ? s.syns.length : 0;
    const hasCa = mechs.some((m) => CA_MECHANISMS.has(m)) ? 1 : 0;
    const soma = name === "soma" ? 1 : 0;
    c.nodes += nseg + 1;
    c.segments += nseg;
    c.mechanisms += nseg * mechs.length;
    c.synapses += syns;
    c.vsecAll += 1;
    c.vsecSoma += soma;
    c.isecAll += syns;
    c.isecSoma += soma * syns;
    c.caAll += hasCa;
    c.caSoma += soma * hasCa;
  }
  return c;
}

/** Engine bytes of one cell with these counts (before growth). */
function cellEngineBytes(c: CellCounts): number {
  return c.nodes * ENGINE_NODE_BYTES + c.mechanisms * ENGINE_MECHANISM_BYTES + c.synapses * ENGINE_SYNAPSE_BYTES;
}

/** The part "cells": engine state of one trial of `nCells[type]` cells of each type. */
export function cellsPart(cellTypes: Readonly<Record<string, CellType>>, nCells: Readonly<Record<string, number>>): MemoryPart {
  let bytes = 0;
  let cells = 0;
  for (const [type, n] of Object.entries(nCells)) {
    const t = cellTypes[type];
    if (t === undefined || !(n > 0)) continue;
    cells += n;
    bytes += n * cellEngineBytes(cellCounts(t.cellObject)) * ENGINE_GROWTH;
  }
  return { what: `cells (${cells})`, bytes };
}

/** What the connections of a network amount to. */
export interface ConnectionCounts {
  /** Source–target gid pairs, kept by the Network. */
  pairs: number;
  /** NetCons the engine builds: a pair times the sections of its location. */
  netCons: number;
}

/** Sections a connection at `loc` reaches on a cell of `t` (a sect_loc group or one section). */
export function locSections(t: CellType | undefined, loc: string): number {
  const group = (t?.cellObject.sectLoc as Record<string, string[]> | undefined)?.[loc];
  return Array.isArray(group) ? group.length : 1;
}

/** Gid pairs and NetCons of `connectivity`. */
export function connectionCounts(
  cellTypes: Readonly<Record<string, CellType>>,
  connectivity: readonly { targetType: string; loc: string; gidPairs: ReadonlyMap<number, readonly number[]> }[],
): ConnectionCounts {
  let pairs = 0;
  let netCons = 0;
  for (const conn of connectivity) {
    let n = 0;
    for (const targets of conn.gidPairs.values()) n += targets.length;
    pairs += n;
    netCons += n * locSections(cellTypes[conn.targetType], conn.loc);
  }
  return { pairs, netCons };
}

/** The parts "NetCons" (engine, one trial) and "connection gid pairs" (JavaScript). */
function connectionParts({ pairs, netCons }: ConnectionCounts): MemoryPart[] {
  return [
    { what: `NetCons (${netCons})`, bytes: netCons * (ENGINE_NETCON_BYTES * ENGINE_GROWTH + IMAGE_NETCON_BYTES) },
    { what: `connection gid pairs (${pairs})`, bytes: pairs * JS_NUMBER_BYTES },
  ];
}

/** Baskets per layer of hnn-core's default grid (`_create_cell_coords`: every third x, alternate y). */
function basketCount(nX: number, nY: number): number {
  return Math.ceil(nX / 3) * Math.ceil(nY / 2) + Math.ceil((nX - 1) / 3) * Math.floor(nY / 2);
}

/** Cells per default cell type for a pyramidal grid `[nX, nY]`. */
export function defaultCellCounts([nX, nY]: readonly [number, number]): Record<string, number> {
  const baskets = basketCount(nX, nY);
  return { L2_basket: baskets, L2_pyramidal: nX * nY, L5_basket: baskets, L5_pyramidal: nX * nY };
}

/** Bytes of one drive cell: its position (JavaScript) and its spike source in the engine. */
export const DRIVE_CELL_BYTES = 80 + 48 * ENGINE_GROWTH;

/** What the memory estimate of a network reads (a Network is one). */
export interface NetworkSizes {
  readonly cellTypes: Readonly<Record<string, CellType>>;
  readonly populations: Populations;
  readonly connectivity: readonly { targetType: string; loc: string; gidPairs: ReadonlyMap<number, readonly number[]> }[];
  readonly maxMemoryBytes: number;
}

/** Cells per cell type of a network. */
export function networkCellCounts(net: Pick<NetworkSizes, "cellTypes" | "populations">): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of Object.keys(net.cellTypes)) {
    if (!net.populations.has(type)) continue;
    const r = net.populations.range(type);
    out[type] = r.stop - r.start;
  }
  return out;
}

/** The network's parts (cells, NetCons, gid pairs), with `added` connections counted in. */
function networkParts(net: NetworkSizes, added: ConnectionCounts = { pairs: 0, netCons: 0 }): MemoryPart[] {
  const c = connectionCounts(net.cellTypes, net.connectivity);
  return [cellsPart(net.cellTypes, networkCellCounts(net)), ...connectionParts({ pairs: c.pairs + added.pairs, netCons: c.netCons + added.netCons })];
}

/**
 * Refuses to grow the network past its `maxMemoryBytes`: its parts with `added` connections and
 * `extra` parts (drive cells) counted in.
 * @throws MemoryLimitError naming the estimate and its largest parts.
 */
export function checkNetworkMemory(net: NetworkSizes, task: string, added: ConnectionCounts, extra: MemoryPart[] = []): void {
  checkMemory(task, [...networkParts(net, added), ...extra], net.maxMemoryBytes, "Connect fewer cells (a smaller meshShape, fewer drive cells, a connection probability < 1)");
}
