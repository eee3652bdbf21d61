/**
 * The compile step's second stage: one trial of a validated network, or one partition of its cells,
 * lowered to a {@link TrialImage} of typed arrays and the {@link TrialNames} beside it. No engine is
 * involved: the image is tested as data and can be sent to a worker as it is. Each cell type is
 * lowered once (cellTemplate.ts) and copied for each of its cells.
 */
import { gaussianConnection } from "../model/connection";
import type { Vec3 } from "../model/types";
import { insertionOrder, MECHANISMS, type MechanismSpec } from "../model/mechanisms";
import { ValueError } from "../util/validate";
import { lowerCellType, type CellTemplateImage } from "./cellTemplate";
import { lowerExtracellular } from "./lowerExtracellular";
import { centreSegment, NODE_QUANTITIES, WHOLE_TRIAL, type LoweredTrial, type NodeQuantity, type MechanismInstances, type Partition, type TrialImage } from "./image";
import type { RecordOption } from "./runTrial";
import type { CompileConnection, CompileNetwork } from "./trialNetwork";
import { sectionOrder, validateTrial } from "./validate";

/** The trial to lower: its index (which stored drive events), end, and what to record. */
export interface TrialSpec {
  trialIdx: number;
  /** Simulation end (ms): the end of tonic biases without their own. */
  tstopMs: number;
  /** Membrane potential at section centres: of every section, the soma's, or none (default). */
  recordVsec?: RecordOption;
  /** Synaptic currents: of every synapse, the soma's, or none (default). */
  recordIsec?: RecordOption;
  /** Calcium (cai) at section centres where the Ca ion is: of every section, the soma's, or none (default). */
  recordCa?: RecordOption;
  /** Restrict recordings to these gids (all cells when omitted). */
  recordGids?: readonly number[];
}

/** The local cells of one cell type and its lowered template. */
interface LocalType {
  name: string;
  template: CellTemplateImage;
  gids: number[];
  /** Dipole group of each local cell (TrialNames.dipoleGroups), or null for a type without a dipole. */
  groups: number[] | null;
}

/**
 * The cells of a dipole type fall into this many shards (cell k of the type in shard k mod 8), each
 * summing its cells' dipole terms on its own; a partition holds whole shards, and the trial's
 * dipole adds the shards in shard order (runTrial.ts), so that it is the same to the bit however
 * the trial is split (any nJobs). Costs one dipole trace per shard instead of one per type.
 */
export const DIPOLE_SHARDS = 8;

/** Copies `from` into `to` at `at`, adding `offset` to every value. */
function copyShifted(to: Int32Array, at: number, from: ArrayLike<number>, offset: number): void {
  for (let i = 0; i < from.length; i++) to[at + i] = from[i] + offset;
}

/** Cells, sections, mechanisms, synapses and dipole terms of the local cells. */
function lowerCells(types: LocalType[], thresholdMv: number, mechanisms: readonly MechanismSpec[], nGids: number) {
  let nCells = 0, nSecs = 0, nSyns = 0, nDipoles = 0;
  for (const { template: t, gids, groups } of types) {
    nCells += gids.length;
    nSecs += gids.length * t.names.length;
    nSyns += gids.length * t.synapses.section.length;
    if (groups !== null) nDipoles += gids.length * t.names.length;
  }
  const cells = { gid: new Int32Array(nCells), sectionStart: new Int32Array(nCells + 1), sourceSection: new Int32Array(nCells), sourceSegment: new Int32Array(nCells), thresholdMv: new Float64Array(nCells).fill(thresholdMv) };
  const f64 = () => new Float64Array(nSecs);
  const sections = { cell: new Int32Array(nSecs), parent: new Int32Array(nSecs), lengthUm: f64(), diamUm: f64(), raOhmCm: f64(), cmUfCm2: f64(), nseg: new Int32Array(nSecs), v0Mv: f64() };
  const s64 = () => new Float64Array(nSyns);
  const synapses = { section: new Int32Array(nSyns), segment: new Int32Array(nSyns), eMv: s64(), tau1Ms: s64(), tau2Ms: s64() };
  const dipoles = { section: new Int32Array(nDipoles), cosTheta: new Float64Array(nDipoles), group: new Int32Array(nDipoles) };
  const mechs: MechanismInstances[] = insertionOrder(mechanisms).map((spec, m) => {
    const n = types.reduce((sum, { template, gids }) => sum + gids.length * template.mechanisms[m].section.length, 0);
    return { name: spec.name, nParams: spec.params.length, section: new Int32Array(n), segment: new Int32Array(n), params: new Float64Array(n * spec.params.length) };
  });
  const sectionNames: string[] = [];
  const receptors: string[] = [];
  /** First image section and synapse of each local cell, by gid (-1: not local). */
  const firstSection = new Int32Array(nGids).fill(-1);
  const firstSynapse = new Int32Array(nGids).fill(-1);
  const mechAt = new Int32Array(mechs.length);
  let c = 0, sec = 0, syn = 0, dpl = 0;
  for (const { template: t, gids, groups } of types) {
    const nS = t.names.length;
    const ts = t.synapses;
    for (const [local, gid] of gids.entries()) {
      cells.gid[c] = gid;
      cells.sectionStart[c] = sec;
      cells.sourceSection[c] = sec + t.sourceSection;
      cells.sourceSegment[c] = t.sourceSegment;
      firstSection[gid] = sec;
      firstSynapse[gid] = syn;
      sections.cell.fill(c, sec, sec + nS);
      for (let i = 0; i < nS; i++) sections.parent[sec + i] = t.parent[i] < 0 ? -1 : sec + t.parent[i];
      sections.lengthUm.set(t.lengthUm, sec);
      sections.diamUm.set(t.diamUm, sec);
      sections.raOhmCm.set(t.raOhmCm, sec);
      sections.cmUfCm2.set(t.cmUfCm2, sec);
      sections.nseg.set(t.nseg, sec);
      sections.v0Mv.set(t.v0Mv, sec);
      sectionNames.push(...t.names);
      if (t.cosTheta !== null && groups !== null) {
        for (let i = 0; i < nS; i++) dipoles.section[dpl + i] = sec + i;
        dipoles.cosTheta.set(t.cosTheta, dpl);
        dipoles.group.fill(groups[local], dpl, dpl + nS);
        dpl += nS;
      }
      t.mechanisms.forEach((tm, m) => {
        const at = mechAt[m];
        copyShifted(mechs[m].section, at, tm.section, sec);
        mechs[m].segment.set(tm.segment, at);
        mechs[m].params.set(tm.params, at * mechs[m].nParams);
        mechAt[m] += tm.section.length;
      });
      copyShifted(synapses.section, syn, ts.section, sec);
      synapses.segment.set(ts.segment, syn);
      synapses.eMv.set(ts.eMv, syn);
      synapses.tau1Ms.set(ts.tau1Ms, syn);
      synapses.tau2Ms.set(ts.tau2Ms, syn);
      receptors.push(...ts.receptor);
      c++;
      sec += nS;
      syn += ts.section.length;
    }
  }
  cells.sectionStart[nCells] = nSecs;
  return { cells, sections, synapses, dipoles, mechanisms: mechs, sectionNames, receptors, firstSection, firstSynapse };
}

/** IClamps of the tonic biases at section(0.5) of every local cell of the type (DRIVES.md §10). */
function lowerClamps(net: CompileNetwork, types: LocalType[], firstSection: Int32Array, tstopMs: number): TrialImage["clamps"] {
  const rows: { section: number; segment: number; delay: number; dur: number; amp: number }[] = [];
  for (const bias of Object.values(net.externalBiases)) {
    for (const [cellType, b] of Object.entries(bias)) {
      const local = types.find((t) => t.name === cellType);
      if (local === undefined) continue;
      const i = local.template.sectionIndex.get(b.section)!;
      const tstop = b.tstop ?? tstopMs;
      for (const gid of local.gids) rows.push({ section: firstSection[gid] + i, segment: centreSegment(local.template.nseg[i]), delay: b.t0, dur: tstop - b.t0, amp: b.amplitude });
    }
  }
  return {
    section: Int32Array.from(rows, (r) => r.section),
    segment: Int32Array.from(rows, (r) => r.segment),
    delayMs: Float64Array.from(rows, (r) => r.delay),
    durMs: Float64Array.from(rows, (r) => r.dur),
    ampNa: Float64Array.from(rows, (r) => r.amp),
  };
}

/** Every drive cell (in every partition: they are cheap) with the trial's event times as CSR (CHANNELS.md §vecevent). */
function lowerDrives(net: CompileNetwork, trialIdx: number): TrialImage["drives"] {
  const gids: number[] = [];
  const lists: number[][] = [];
  for (const [name, drive] of Object.entries(net.externalDrives)) {
    const range = net.gidRanges[name];
    const trialEvents = drive.events[trialIdx];
    for (let gid = range.start; gid < range.stop; gid++) {
      gids.push(gid);
      lists.push(trialEvents[gid - range.start] ?? []);
    }
  }
  const eventStart = new Int32Array(gids.length + 1);
  lists.forEach((l, d) => (eventStart[d + 1] = eventStart[d] + l.length));
  const timesMs = new Float64Array(eventStart[gids.length]);
  lists.forEach((l, d) => timesMs.set(l, eventStart[d]));
  return { gid: Int32Array.from(gids), eventStart, timesMs };
}

/**
 * The NetCons of one connection from `src` to its local targets, written from index `j` on; returns
 * the next free index. (A function per source keeps the loop short for the JIT.)
 */
function lowerSource(out: TrialImage["netCons"], j: number, conn: CompileConnection, src: number, targets: readonly number[], sectionOffsets: readonly number[], firstSynapse: Int32Array, positions: Vec3[], inplane: number): number {
  const { srcGid, synapse, weightUs, delayMs } = out;
  const srcPos = positions[src];
  for (let t = 0; t < targets.length; t++) {
    const tgt = targets[t];
    const first = firstSynapse[tgt];
    if (first < 0) continue; // built in another partition
    const { weight, delay } = gaussianConnection(srcPos, positions[tgt], conn.ncDict, inplane);
    if (!Number.isFinite(weight) || !Number.isFinite(delay) || delay < 0) {
      throw new ValueError(`connection ${conn.srcType} -> ${conn.targetType}: gid ${src} -> ${tgt} gets weight ${weight}, delay ${delay} ms; check ncDict (A_weight, A_delay >= 0, gain, lamtha > 0) and the cell positions`);
    }
    for (let o = 0; o < sectionOffsets.length; o++) {
      srcGid[j] = src;
      synapse[j] = first + sectionOffsets[o];
      weightUs[j] = weight;
      delayMs[j] = delay;
      j++;
    }
  }
  return j;
}

/** NetCons onto the local cells' synapses, with distance-dependent weight and delay (NETWORK.md §5). */
function lowerNetCons(net: CompileNetwork, types: LocalType[], firstSynapse: Int32Array, positions: Vec3[]): TrialImage["netCons"] {
  const inplane = net.inplaneDistance ?? 1.0;
  /** Per connection: the local synapse index within a target cell at each target section. */
  const offsets = net.connectivity.map((conn) => {
    const local = types.find((t) => t.name === conn.targetType);
    if (local === undefined) return [];
    const sectLoc = net.cellTypes[conn.targetType].cellObject.sectLoc as Record<string, string[]>;
    const sections = conn.loc in sectLoc ? sectLoc[conn.loc] : [conn.loc];
    return sections.map((s) => local.template.synapseIndex.get(s)!.get(conn.receptor)!);
  });
  // Room for every pair (exact for the whole trial); a partition's arrays are cut to its share below.
  let n = 0;
  net.connectivity.forEach((conn, k) => conn.gidPairs.forEach((targets) => (n += targets.length * offsets[k].length)));
  const out = { srcGid: new Int32Array(n), synapse: new Int32Array(n), weightUs: new Float64Array(n), delayMs: new Float64Array(n) };
  let j = 0;
  net.connectivity.forEach((conn, k) => {
    // forEach, not for…of: no entry array per source, which unoptimised code would destructure slowly.
    conn.gidPairs.forEach((targets, src) => (j = lowerSource(out, j, conn, src, targets, offsets[k], firstSynapse, positions, inplane)));
  });
  return j === n ? out : { srcGid: out.srcGid.slice(0, j), synapse: out.synapse.slice(0, j), weightUs: out.weightUs.slice(0, j), delayMs: out.delayMs.slice(0, j) };
}

/** Local sections of a cell template whose mechanisms use `ion` (where NEURON has the ion's concentrations). */
function ionSections(t: CellTemplateImage, ion: string): Set<number> {
  return new Set(t.mechanisms.filter((m) => m.spec.ions.includes(ion)).flatMap((m) => [...m.section]));
}

/**
 * Node recordings at section centres (v; cai where the Ca ion is, hnn-core's
 * `hasattr(sec(0.5), '_ref_cai')`) and synaptic-current recordings, in hnn-core's section order per cell.
 */
function lowerRecordings(trial: TrialSpec, types: LocalType[], firstSection: Int32Array, firstSynapse: Int32Array): TrialImage["recordings"] {
  const keep = trial.recordGids ? new Set(trial.recordGids) : null;
  const node = { section: [] as number[], segment: [] as number[], quantity: [] as number[] };
  const iSyn: number[] = [];
  const wanted = (option: RecordOption | undefined, section: string) => option !== undefined && option !== false && (option === "all" || section === "soma");
  const nodeOptions: [NodeQuantity, RecordOption | undefined][] = [["v", trial.recordVsec], ["cai", trial.recordCa]];
  for (const { template: t, gids } of types) {
    const withCa = ionSections(t, "ca");
    const has: Record<NodeQuantity, (i: number) => boolean> = { v: () => true, cai: (i) => withCa.has(i) };
    for (const gid of gids) {
      if (keep && !keep.has(gid)) continue;
      for (const [quantity, option] of nodeOptions) {
        for (const i of t.outputSections) {
          if (!wanted(option, t.names[i]) || !has[quantity](i)) continue;
          node.section.push(firstSection[gid] + i);
          node.segment.push(centreSegment(t.nseg[i]));
          node.quantity.push(NODE_QUANTITIES.indexOf(quantity));
        }
      }
      t.outputSections.forEach((i, o) => {
        if (wanted(trial.recordIsec, t.names[i])) for (const s of t.outputSynapses[o]) iSyn.push(firstSynapse[gid] + s);
      });
    }
  }
  return { node: { section: Int32Array.from(node.section), segment: Int32Array.from(node.segment), quantity: Int32Array.from(node.quantity) }, synapse: Int32Array.from(iSyn) };
}

/**
 * Validates and lowers one trial of `net` (validate.ts, then this file): its cells, or the share of
 * them `partition` names (cell k of every type, counted from the type's first gid, where
 * k mod count = index, except that the cells of a dipole type go by shard: (k mod DIPOLE_SHARDS)
 * mod count = index; drive cells everywhere; NetCons only onto local cells).
 * @param mechanisms the mechanisms sections may insert (default hnn-core's); the engine that loads the image must know each.
 * @throws ValueError for a network that cannot be simulated (validate.ts), or a NetCon whose weight or delay is not finite (delay < 0).
 */
export function lowerTrial(net: CompileNetwork, trial: TrialSpec, partition: Partition = WHOLE_TRIAL, mechanisms: readonly MechanismSpec[] = MECHANISMS): LoweredTrial {
  const { populations, positions } = validateTrial(net, trial, mechanisms);
  const dipoleTypes = Object.keys(net.cellTypes).filter((t) => net.cellTypes[t].cellMetadata.measureDipole);
  const dipoleGroups: { type: string; shard: number }[] = [];
  const types: LocalType[] = [];
  for (const [name, cellType] of Object.entries(net.cellTypes)) {
    const range = net.gidRanges[name];
    const measured = dipoleTypes.includes(name);
    const gids: number[] = [];
    const shards: number[] = [];
    for (let gid = range.start; gid < range.stop; gid++) {
      const shard = (gid - range.start) % DIPOLE_SHARDS;
      if ((measured ? shard : gid - range.start) % partition.count !== partition.index) continue;
      gids.push(gid);
      shards.push(shard);
    }
    if (gids.length === 0) continue;
    const first = dipoleGroups.length;
    // The type's local shards get groups first … first + n − 1, in shard order.
    if (measured) for (const shard of new Set(shards)) dipoleGroups.push({ type: name, shard });
    const groups = measured ? shards.map((shard) => first + dipoleGroups.slice(first).findIndex((g) => g.shard === shard)) : null;
    types.push({ name, template: lowerCellType(name, cellType, sectionOrder(name, cellType), mechanisms), gids, groups });
  }
  const cells = lowerCells(types, net.threshold, mechanisms, populations.nGids);
  const image: TrialImage = {
    partition: { index: partition.index, count: partition.count },
    cells: cells.cells,
    sections: cells.sections,
    mechanisms: cells.mechanisms,
    synapses: cells.synapses,
    clamps: lowerClamps(net, types, cells.firstSection, trial.tstopMs),
    drives: lowerDrives(net, trial.trialIdx),
    netCons: lowerNetCons(net, types, cells.firstSynapse, positions),
    dipoles: cells.dipoles,
    recordings: lowerRecordings(trial, types, cells.firstSection, cells.firstSynapse),
    extracellular: lowerExtracellular(net, types),
  };
  const electrodeArrays = Object.entries(net.recArrays ?? {}).map(([name, a]) => ({ name, nContacts: a.positions.length }));
  return { image, names: { populations: [...populations.list], dipoleTypes, dipoleGroups, sectionNames: cells.sectionNames, receptors: cells.receptors, electrodeArrays } };
}
