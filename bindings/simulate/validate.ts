/**
 * The compile step's first stage: checks that a network can be lowered for one trial (cell templates,
 * gid ranges, tonic biases, drive events, connections), so that lowering (lower.ts) only computes.
 * The one check left to lowering is on values it computes: NetCon weights and delays.
 */
import type { CellType, SectionSpec, Vec3 } from "../model/types";
import { Populations } from "../model/populations";
import { ValueError } from "../util/validate";
import { checkSectionMechanisms, mechanismParamAt, type MechanismSpec } from "../model/mechanisms";
import type { CompileNetwork } from "./trialNetwork";

/** A section in load order: its name and the index (in this order) of the section at whose x = 1 end it attaches, or -1 (the root node). */
export interface OrderedSection {
  name: string;
  parent: number;
}

/**
 * A cell type's sections in parent-before-child order from hnn-core's cell_tree (root = soma's 0 end).
 * @throws ValueError for a tree without exactly one root, one that misses sections, or a child at an x = 0 end other than the root section's.
 */
export function sectionOrder(cellType: string, t: CellType): OrderedSection[] {
  const names = Object.keys(t.cellObject.sections);
  const tree = t.cellObject.cellTree;
  if (tree === null || tree === undefined) {
    if (names.length !== 1) throw new ValueError(`cell type '${cellType}': cell_tree is null but there are ${names.length} sections`);
    return [{ name: names[0], parent: -1 }];
  }
  const parentOf = new Map<string, { parent: string; end: 0 | 1 }>();
  for (const [key, children] of Object.entries(tree)) {
    const [pName, pEnd] = key.split(",");
    for (const child of children) {
      const [cName, cEnd] = child.split(",");
      if (cName === pName) continue; // a section's own 0 → 1 edge
      if (cEnd !== "0") throw new ValueError(`cell type '${cellType}': cell_tree attaches '${child}'; only x = 0 ends can attach`);
      parentOf.set(cName, { parent: pName, end: pEnd === "1" ? 1 : 0 });
    }
  }
  const roots = names.filter((n) => !parentOf.has(n));
  if (roots.length !== 1) throw new ValueError(`cell type '${cellType}': cell_tree must have exactly one root section, found ${JSON.stringify(roots)}`);
  const order: OrderedSection[] = [{ name: roots[0], parent: -1 }];
  for (let i = 0; i < order.length; i++) {
    for (const n of names) {
      const p = parentOf.get(n);
      if (p === undefined || p.parent !== order[i].name) continue;
      if (p.end === 0 && i !== 0) throw new ValueError(`cell type '${cellType}': section '${n}' attaches at x = 0 of '${p.parent}', which only the root section supports`);
      order.push({ name: n, parent: p.end === 1 ? i : -1 });
    }
  }
  if (order.length !== names.length) throw new ValueError(`cell type '${cellType}': cell_tree does not reach every section`);
  return order;
}

/** Checks one section's geometry, mechanisms (every segment's parameters) and receptors. */
function checkSection(cellType: string, t: CellType, name: string, s: SectionSpec, mechanisms: readonly MechanismSpec[]): void {
  const where = `cell type '${cellType}', section '${name}'`;
  for (const [key, val] of Object.entries({ L: s.L, diam: s.diam, Ra: s.Ra, cm: s.cm, v0: s.v0 })) {
    if (typeof val !== "number" || !Number.isFinite(val) || (key !== "v0" && val <= 0)) throw new ValueError(`${where}: ${key} must be a positive finite number, got ${val}`);
  }
  if (!Number.isInteger(s.nseg) || s.nseg < 1) throw new ValueError(`${where}: nseg must be a positive integer, got ${s.nseg}`);
  if (t.cellMetadata.measureDipole && t.cellObject.sections["apical_trunk"] === undefined) throw new ValueError(`cell type '${cellType}' measures a dipole but has no apical_trunk section`);
  checkSectionMechanisms(where, s.mechs, mechanisms);
  for (const spec of mechanisms) {
    const given = s.mechs[spec.name];
    if (given === undefined) continue;
    for (let k = 0; k < s.nseg; k++) for (const p of spec.params) mechanismParamAt(where, p, given[p.name], k);
  }
  for (const receptor of s.syns) {
    if (t.cellObject.synapses[receptor] === undefined) throw new ValueError(`${where}: synapse '${receptor}' is not in the cell's synapses (${Object.keys(t.cellObject.synapses).join(", ")})`);
  }
}

/** Position of `gid` of population `type` (µm). @throws ValueError when posDict has none. */
export function positionOf(net: CompileNetwork, type: string, gid: number): Vec3 {
  const pos = net.posDict[type];
  const range = net.gidRanges[type];
  if (pos === undefined || range === undefined) throw new ValueError(`no positions for '${type}' in posDict`);
  if (!Array.isArray(pos[0])) return pos as Vec3;
  const p = (pos as Vec3[])[gid - range.start];
  if (p === undefined) throw new ValueError(`no position for gid ${gid} of '${type}'`);
  return p;
}

/** The first of `gids` outside [start, stop), if any. */
function outOfRange(gids: readonly number[], start: number, stop: number): number | undefined {
  for (let i = 0; i < gids.length; i++) if (!(gids[i] >= start && gids[i] < stop)) return gids[i];
  return undefined;
}

/**
 * Checks the connections: known target types, gids in their ranges, the receptor at every target
 * section, and positions of the sources and of every cell of a target type. Returns the positions
 * (µm) of the gids connections use, by gid.
 */
function checkConnections(net: CompileNetwork, populations: Populations): Vec3[] {
  const positions: Vec3[] = new Array<Vec3>(populations.nGids);
  const positioned = new Set<string>();
  for (const conn of net.connectivity) {
    const name = `connection ${conn.srcType} -> ${conn.targetType}`;
    const target = net.cellTypes[conn.targetType];
    if (target === undefined) throw new ValueError(`${name}: unknown target cell type`);
    const { start, stop } = net.gidRanges[conn.targetType];
    if (conn.gidPairs.size === 0) continue;
    if (!positioned.has(conn.targetType)) {
      for (let gid = start; gid < stop; gid++) positions[gid] = positionOf(net, conn.targetType, gid);
      positioned.add(conn.targetType);
    }
    let firstTarget: number | undefined;
    for (const [src, targets] of conn.gidPairs) {
      if (positions[src] === undefined) {
        const srcType = populations.typeOf(src);
        if (srcType === null) throw new ValueError(`gid ${src} is in no gid range`);
        positions[src] = positionOf(net, srcType, src);
      }
      const bad = outOfRange(targets, start, stop);
      if (bad !== undefined) throw new ValueError(`${name}: target gid ${bad} is not a ${conn.targetType} gid`);
      firstTarget ??= targets[0];
    }
    if (firstTarget === undefined) continue;
    const sectLoc = target.cellObject.sectLoc as Record<string, string[]>;
    for (const section of conn.loc in sectLoc ? sectLoc[conn.loc] : [conn.loc]) {
      if (!target.cellObject.sections[section]?.syns.includes(conn.receptor)) throw new ValueError(`${name}: gid ${firstTarget} has no '${conn.receptor}' synapse at '${section}'`);
    }
  }
  return positions;
}

/** What validation learnt that lowering uses. */
export interface ValidatedTrial {
  populations: Populations;
  /** Position (µm) of every gid a connection uses, by gid. */
  positions: Vec3[];
}

/**
 * Checks that trial `trialIdx` of the network can be lowered with the given mechanisms.
 * @throws ValueError naming the cell type, section, bias, drive or connection at fault.
 */
export function validateTrial(net: CompileNetwork, trial: { trialIdx: number; tstopMs: number }, mechanisms: readonly MechanismSpec[]): ValidatedTrial {
  if (!Number.isFinite(net.threshold)) throw new ValueError(`network threshold must be a finite number (mV), got ${net.threshold}`);
  const populations = Populations.fromRanges(net.gidRanges, Object.keys(net.cellTypes));
  for (const [cellType, t] of Object.entries(net.cellTypes)) {
    const range = net.gidRanges[cellType];
    if (range === undefined) throw new ValueError(`cell type '${cellType}' has no gid range`);
    if (range.stop <= range.start) continue; // no cells to build
    for (const { name } of sectionOrder(cellType, t)) checkSection(cellType, t, name, t.cellObject.sections[name], mechanisms);
  }
  // Tonic biases: IClamp at section(0.5) of every cell of the type (DRIVES.md §10).
  for (const bias of Object.values(net.externalBiases)) {
    for (const [cellType, b] of Object.entries(bias)) {
      if (net.gidRanges[cellType] === undefined || !(cellType in net.cellTypes)) throw new ValueError(`tonic bias targets unknown cell type '${cellType}'`);
      if (net.cellTypes[cellType].cellObject.sections[b.section] === undefined) throw new ValueError(`tonic bias on '${cellType}': no section '${b.section}'`);
      for (const [key, val] of Object.entries({ amplitude: b.amplitude, t0: b.t0, tstop: b.tstop ?? trial.tstopMs })) {
        if (typeof val !== "number" || !Number.isFinite(val)) throw new ValueError(`tonic bias on '${cellType}': ${key} must be a finite number, got ${val}`);
      }
    }
  }
  // Drive cells replay the trial's stored events (CHANNELS.md §vecevent).
  for (const [name, drive] of Object.entries(net.externalDrives)) {
    const range = net.gidRanges[name];
    if (range === undefined) throw new ValueError(`drive '${name}' has no gid range`);
    const trialEvents = drive.events[trial.trialIdx];
    if (trialEvents === undefined) throw new ValueError(`drive '${name}' has no events for trial ${trial.trialIdx} (it has ${drive.events.length} trial(s))`);
    for (let cell = 0; cell < range.stop - range.start; cell++) {
      for (const time of trialEvents[cell] ?? []) {
        if (!Number.isFinite(time)) throw new ValueError(`drive '${name}': event time ${time} of drive cell ${cell} is not finite`);
      }
    }
  }
  return { populations, positions: checkConnections(net, populations) };
}
