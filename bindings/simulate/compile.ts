/**
 * The compile step (DESIGN.md): the only place that knows both the model (cell templates, gids,
 * connectivity, drives) and the engine's build calls. It turns one trial of a network into an
 * engine instance and keeps the bookkeeping needed to name the engine's outputs.
 */
import type { CellType, GidRange, NcDict, SectionSpec, TonicBias, Vec3 } from "../model/types";
import { insertMechanism, type Engine, type EngineMechanism } from "../wasm";
import { gaussianConnection } from "../model/connection";
import { Populations } from "../model/populations";
import { ValueError } from "../util/validate";
import { MECHANISMS, checkSectionMechanisms, insertionOrder, mechanismParamAt, type MechanismSpec } from "../model/mechanisms";

/** A connection as the compile step needs it (structurally satisfied by the model's Connection). */
export interface CompileConnection {
  srcType: string;
  targetType: string;
  gidPairs: Map<number, number[]>;
  loc: string;
  receptor: string;
  ncDict: NcDict;
}

/** A drive as the compile step needs it: its stored events, trial → drive cell → times (ms). */
export interface CompileDrive {
  events: number[][][];
}

/** What a network must expose to be simulated (structurally satisfied by `Network`). */
export interface CompileNetwork {
  cellTypes: Record<string, CellType>;
  gidRanges: Record<string, GidRange>;
  posDict: Record<string, Vec3[] | Vec3>;
  connectivity: CompileConnection[];
  externalDrives: Record<string, CompileDrive>;
  externalBiases: Record<string, Record<string, TonicBias>>;
  threshold: number;
  inplaneDistance?: number;
}

/** Where one section of one cell lives in the engine. */
export interface SectionRef {
  gid: number;
  cellType: string;
  section: string;
  engineSection: number;
}

/** A synapse point process of one cell. */
export interface SynapseRef {
  gid: number;
  section: string;
  receptor: string;
  engineSynapse: number;
}

/** Bookkeeping from compiling one trial. */
export interface CompiledNetwork {
  engine: Engine;
  /** Dipole group index -> cell type name (cells with measureDipole). */
  dipoleTypes: string[];
  sections: SectionRef[];
  synapses: SynapseRef[];
  /** The gid ranges of the cell types and drives. */
  populations: Populations;
  /** The cell section an engine node belongs to (a cell's root node counts as its root section). */
  sectionOfNode: (node: number) => SectionRef | undefined;
}

/** Options of compileTrial. */
export interface CompileOptions {
  trialIdx: number;
  tstopMs: number;
  /**
   * This instance's share of the cells when a trial is split across workers: cell k of every type
   * (k counted from the type's first gid) is built where k mod count = index. Drive cells are built
   * everywhere (they are cheap); NetCons only onto local cells. Default: all cells.
   */
  partition?: { index: number; count: number };
  /** The mechanisms sections may insert (default: hnn-core's, {@link MECHANISMS}); the engine must know each. */
  mechanisms?: readonly MechanismSpec[];
}

/** The table's mechanisms with the engine's kinds, in insertion order (pools first). */
function engineMechanisms(engine: Engine, table: readonly MechanismSpec[]): { spec: MechanismSpec; mech: EngineMechanism }[] {
  return insertionOrder(table).map((spec) => {
    const mech = engine.mechanisms.get(spec.name);
    if (mech?.nParams !== spec.params.length) throw new Error(`engine.wasm has no mechanism '${spec.name}' with ${spec.params.length} parameter(s): rebuild with \`npm run build\``);
    return { spec, mech };
  });
}

/** Sections in parent-before-child order from hnn-core's cell_tree (root = soma's 0 end). */
function sectionOrder(cellType: string, t: CellType): { name: string; parent: string | null; parentEnd: 0 | 1 }[] {
  const names = Object.keys(t.cellObject.sections);
  const tree = t.cellObject.cellTree;
  if (tree === null || tree === undefined) {
    if (names.length !== 1) throw new ValueError(`cell type '${cellType}': cell_tree is null but there are ${names.length} sections`);
    return [{ name: names[0], parent: null, parentEnd: 0 }];
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
  const order: { name: string; parent: string | null; parentEnd: 0 | 1 }[] = [{ name: roots[0], parent: null, parentEnd: 0 }];
  for (let i = 0; i < order.length; i++) {
    for (const n of names) {
      const p = parentOf.get(n);
      if (p && p.parent === order[i].name) order.push({ name: n, parent: p.parent, parentEnd: p.end });
    }
  }
  if (order.length !== names.length) throw new ValueError(`cell type '${cellType}': cell_tree does not reach every section`);
  return order;
}

function direction(sec: SectionSpec): Vec3 {
  const [a, b] = sec.endPts;
  return [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
}

/** cos θ between a section and the apical trunk (DIPOLE.md §2). */
function cosTheta(sec: SectionSpec, trunk: SectionSpec): number {
  const u = direction(sec);
  const w = direction(trunk);
  const dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
  return dot / (Math.hypot(...u) * Math.hypot(...w));
}

/** Node of sec(0.5): NEURON's segment index floor(0.5·nseg) (CELLS.md §4). */
export function centreSegment(nseg: number): number {
  return Math.min(Math.floor(0.5 * nseg), nseg - 1);
}

function positionOf(net: CompileNetwork, type: string, gid: number): Vec3 {
  const pos = net.posDict[type];
  const range = net.gidRanges[type];
  if (pos === undefined || range === undefined) throw new ValueError(`no positions for '${type}' in posDict`);
  if (!Array.isArray(pos[0])) return pos as Vec3;
  const p = (pos as Vec3[])[gid - range.start];
  if (p === undefined) throw new ValueError(`no position for gid ${gid} of '${type}'`);
  return p;
}

/** Builds the engine model of one trial; the engine must be a fresh instance. */
export function compileTrial(engine: Engine, net: CompileNetwork, opts: CompileOptions): CompiledNetwork {
  if (!Number.isFinite(net.threshold)) throw new ValueError(`network threshold must be a finite number (mV), got ${net.threshold}`);
  const populations = Populations.fromRanges(net.gidRanges, Object.keys(net.cellTypes));
  const gidType = (gid: number): string => {
    const t = populations.typeOf(gid);
    if (t === null) throw new ValueError(`gid ${gid} is in no gid range`);
    return t;
  };

  const part = opts.partition ?? { index: 0, count: 1 };
  const isLocal = (gid: number, range: GidRange): boolean => (gid - range.start) % part.count === part.index;
  const mechTable = opts.mechanisms ?? MECHANISMS;
  const mechs = engineMechanisms(engine, mechTable);
  const dipoleTypes = Object.keys(net.cellTypes).filter((t) => net.cellTypes[t].cellMetadata.measureDipole);
  const sections: SectionRef[] = [];
  const synapses: SynapseRef[] = [];
  /** gid -> section name -> receptor -> engine synapse. */
  const synIndex = new Map<number, Map<string, Map<string, number>>>();
  /** gid -> section name -> engine section. */
  const secIndex = new Map<number, Map<string, number>>();

  for (const cellType of Object.keys(net.cellTypes)) {
    const t = net.cellTypes[cellType];
    const range = net.gidRanges[cellType];
    if (range === undefined) throw new ValueError(`cell type '${cellType}' has no gid range`);
    const order = sectionOrder(cellType, t);
    const secs = t.cellObject.sections;
    const trunk = secs["apical_trunk"];
    const group = dipoleTypes.indexOf(cellType);
    for (let gid = range.start; gid < range.stop; gid++) {
      if (!isLocal(gid, range)) continue;
      const root = engine.addRoot(secs[order[0].name].v0);
      const mySecs = new Map<string, number>();
      const mySyns = new Map<string, Map<string, number>>();
      for (const { name, parent, parentEnd } of order) {
        const s = secs[name];
        const parentNode = parent === null ? root : parentEnd === 1 ? engine.sectionEndNode(mySecs.get(parent)!) : parent === order[0].name ? root : -1;
        if (parentNode < 0) throw new ValueError(`cell type '${cellType}': section '${name}' attaches at x = 0 of '${parent}', which only the root section supports`);
        for (const [key, val] of Object.entries({ L: s.L, diam: s.diam, Ra: s.Ra, cm: s.cm, v0: s.v0 })) {
          if (typeof val !== "number" || !Number.isFinite(val) || (key !== "v0" && val <= 0)) throw new ValueError(`cell type '${cellType}', section '${name}': ${key} must be a positive finite number, got ${val}`);
        }
        if (!Number.isInteger(s.nseg) || s.nseg < 1) throw new ValueError(`cell type '${cellType}', section '${name}': nseg must be a positive integer, got ${s.nseg}`);
        const sec = engine.addSection(parentNode, s.L, s.diam, s.Ra, s.cm, s.nseg, s.v0);
        mySecs.set(name, sec);
        if (group >= 0) {
          if (trunk === undefined) throw new ValueError(`cell type '${cellType}' measures a dipole but has no apical_trunk section`);
          engine.addDipoleSection(sec, s.L, cosTheta(s, trunk), group);
        }
        const where = `cell type '${cellType}', section '${name}'`;
        checkSectionMechanisms(where, s.mechs, mechTable);
        for (let k = 0; k < s.nseg; k++) {
          const node = engine.sectionNode(sec, k);
          for (const { spec, mech } of mechs) {
            const given = s.mechs[spec.name];
            if (given !== undefined) insertMechanism(engine, mech, node, spec.params.map((p) => mechanismParamAt(where, p, given[p.name], k)));
          }
        }
        const synNode = engine.sectionNode(sec, centreSegment(s.nseg));
        const bySyn = new Map<string, number>();
        for (const receptor of s.syns) {
          const c = t.cellObject.synapses[receptor];
          if (c === undefined) throw new ValueError(`cell type '${cellType}', section '${name}': synapse '${receptor}' is not in the cell's synapses (${Object.keys(t.cellObject.synapses).join(", ")})`);
          bySyn.set(receptor, engine.addExp2Syn(synNode, c.e, c.tau1, c.tau2));
        }
        mySyns.set(name, bySyn);
      }
      // Outputs list sections in hnn-core's cell.sections order (CELLS.md §2), synapses within them.
      for (const name of Object.keys(secs)) {
        sections.push({ gid, cellType, section: name, engineSection: mySecs.get(name)! });
        for (const [receptor, idx] of mySyns.get(name)!) synapses.push({ gid, section: name, receptor, engineSynapse: idx });
      }
      const soma = secs["soma"] ? "soma" : order[0].name;
      engine.addCellSource(gid, engine.sectionNode(mySecs.get(soma)!, centreSegment(secs[soma].nseg)), net.threshold);
      secIndex.set(gid, mySecs);
      synIndex.set(gid, mySyns);
    }
  }

  // Tonic biases: IClamp at section(0.5) of every cell of the type (DRIVES.md §10).
  for (const bias of Object.values(net.externalBiases)) {
    for (const [cellType, b] of Object.entries(bias)) {
      const range = net.gidRanges[cellType];
      if (range === undefined || !(cellType in net.cellTypes)) throw new ValueError(`tonic bias targets unknown cell type '${cellType}'`);
      const s = net.cellTypes[cellType].cellObject.sections[b.section];
      if (s === undefined) throw new ValueError(`tonic bias on '${cellType}': no section '${b.section}'`);
      const tstop = b.tstop === null || b.tstop === undefined ? opts.tstopMs : b.tstop;
      for (const [key, val] of Object.entries({ amplitude: b.amplitude, t0: b.t0, tstop })) {
        if (typeof val !== "number" || !Number.isFinite(val)) throw new ValueError(`tonic bias on '${cellType}': ${key} must be a finite number, got ${val}`);
      }
      for (let gid = range.start; gid < range.stop; gid++) {
        if (!isLocal(gid, range)) continue;
        engine.addIClamp(engine.sectionNode(secIndex.get(gid)!.get(b.section)!, centreSegment(s.nseg)), b.t0, tstop - b.t0, b.amplitude);
      }
    }
  }

  // Drive cells replay the trial's stored events (CHANNELS.md §vecevent).
  for (const [name, drive] of Object.entries(net.externalDrives)) {
    const range = net.gidRanges[name];
    if (range === undefined) throw new ValueError(`drive '${name}' has no gid range`);
    const trialEvents = drive.events[opts.trialIdx];
    if (trialEvents === undefined) throw new ValueError(`drive '${name}' has no events for trial ${opts.trialIdx} (it has ${drive.events.length} trial(s))`);
    for (let gid = range.start; gid < range.stop; gid++) {
      engine.addVecStim(gid);
      for (const time of trialEvents[gid - range.start] ?? []) {
        if (!Number.isFinite(time)) throw new ValueError(`drive '${name}': event time ${time} of drive cell ${gid - range.start} is not finite`);
        engine.addVecStimTime(time);
      }
    }
  }

  // NetCons with distance-dependent weight and delay (NETWORK.md §5).
  const inplane = net.inplaneDistance ?? 1.0;
  for (const conn of net.connectivity) {
    const targetTemplate = net.cellTypes[conn.targetType];
    if (targetTemplate === undefined) throw new ValueError(`connection ${conn.srcType} -> ${conn.targetType}: unknown target cell type`);
    const sectLoc = targetTemplate.cellObject.sectLoc as Record<string, string[]>;
    const targetSections = conn.loc in sectLoc ? sectLoc[conn.loc] : [conn.loc];
    const targetRange = net.gidRanges[conn.targetType];
    for (const [src, targets] of conn.gidPairs) {
      const srcPos = positionOf(net, gidType(src), src);
      for (const tgt of targets) {
        if (!secIndex.has(tgt)) {
          if (tgt < targetRange.start || tgt >= targetRange.stop) throw new ValueError(`connection ${conn.srcType} -> ${conn.targetType}: target gid ${tgt} is not a ${conn.targetType} gid`);
          continue; // built in another partition
        }
        const { weight, delay } = gaussianConnection(srcPos, positionOf(net, conn.targetType, tgt), conn.ncDict, inplane);
        if (!Number.isFinite(weight) || !Number.isFinite(delay) || delay < 0) {
          throw new ValueError(`connection ${conn.srcType} -> ${conn.targetType}: gid ${src} -> ${tgt} gets weight ${weight}, delay ${delay} ms; check ncDict (A_weight, A_delay >= 0, gain, lamtha > 0) and the cell positions`);
        }
        for (const section of targetSections) {
          const syn = synIndex.get(tgt)?.get(section)?.get(conn.receptor);
          if (syn === undefined) throw new ValueError(`connection ${conn.srcType} -> ${conn.targetType}: gid ${tgt} has no '${conn.receptor}' synapse at '${section}'`);
          engine.addNetCon(src, syn, weight, delay);
        }
      }
    }
  }

  const sectionOfNode = (node: number): SectionRef | undefined => {
    // A root node (soma x = 0) belongs to no engine section; its root section's nodes follow it.
    const sec = engine.nodeSectionIndex(node) >= 0 ? engine.nodeSectionIndex(node) : engine.nodeSectionIndex(node + 1);
    return sections.find((s) => s.engineSection === sec);
  };
  return { engine, dipoleTypes, sections, synapses, populations, sectionOfNode };
}
