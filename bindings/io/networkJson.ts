/**
 * hnn-core's network configuration JSON (hnn_io.py; NETWORK.md §10): read a file written by hnn-core
 * 0.6.1 (or by us) into a {@link Network}, and write a Network back in hnn-core's layout and key order.
 *
 * ## Reading deviates from hnn-core on purpose (so a file reproduces the network it describes)
 * - Connectivity is rebuilt from the stored `gid_pairs` exactly. hnn-core re-adds every connection
 *   with its stored `probability`, which prunes a second time with an unseeded generator when the
 *   probability is < 1; we never prune again. We also keep the stored `src_gids`, `target_gids`,
 *   `num_srcs`, `num_targets` (hnn-core recomputes them from the pruned pairs).
 * - Drives are restored from their stored fields, **with their stored `events`** (the reference
 *   network.json files hold the per-trial event times that were simulated). hnn-core re-adds the
 *   drives through `add_*_drive` and clears the events. Spike-train drives are read too (hnn-core
 *   fails on them).
 * - Cell templates keep their stored end points and per-segment values (hnn-core re-runs its
 *   end-point rescaling, which can move points in the last bit).
 * - `cell_response` is not read (hnn-core: `read_output=False`), so `net.cellResponse` is null.
 * Everything is validated; errors name the JSON path and what was expected.
 *
 * ## Writing
 * `writeNetworkConfiguration` gives the text of `json.dump(net.to_dict(), indent=4)`: Python float
 * formatting (`1.0`, `7e-06`), ints where hnn-core stores ints (gids, counts, seeds, `nseg`,
 * `numspikes`), `allow_autapses` as 0/1, `src_gids` / `target_gids` in CPython set order (NETWORK.md
 * §10). Numbers that hnn-core would keep as Python ints only because the user typed an int (e.g. an
 * int lamtha) are written as floats.
 */

import { MECHANISM_NAMES } from "../model/mechanisms";
import { dynamicsFromHnn, dynamicsToHnn, ExternalDrive, type DriveType } from "../model/drives";
import {
  Connection,
  isPosList,
  Network,
  type ElectrodeArrayData,
  type PosDict,
} from "../model/network";
import { pyFloat } from "../util/pyformat";
import { checkBool, checkOption, typeError, ValueError } from "../util/validate";
import type { CellMetadata, CellTemplate, CellType, GidRange, MechParam, NcDict, SectionSpec, SynapseSpec, TonicBias, Vec3 } from "../model/types";

/** Options of {@link readNetworkConfiguration} (hnn-core keyword arguments). */
export interface ReadNetworkOptions {
  /** Keep the drives (default true); false = `clear_drives()` after reading. */
  readDrives?: boolean;
  /** Keep the tonic biases (default true). */
  readExternalBiases?: boolean;
}

/** Options of {@link networkToDict} / {@link writeNetworkConfiguration}. */
export interface WriteNetworkOptions {
  /** Also write drive events, electrode data and the cell response (hnn-core `write_output`). Default false. */
  writeOutput?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Reading

type Json = unknown;
type Obj = Record<string, Json>;

function fail(path: string, expected: string, got: Json): never {
  const desc = got === undefined ? "nothing (missing key)" : Array.isArray(got) ? "a list" : got === null ? "null" : typeof got === "object" ? "an object" : JSON.stringify(got);
  throw new ValueError(`network JSON: ${path} must be ${expected}, got ${desc}`);
}

function obj(v: Json, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object", v);
  return v as Obj;
}

function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) fail(path, "a list", v);
  return v;
}

function num(v: Json, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "a finite number", v);
  return v;
}

function int(v: Json, path: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) fail(path, "an integer", v);
  return v;
}

function str(v: Json, path: string): string {
  if (typeof v !== "string") fail(path, "a string", v);
  return v;
}

function bool(v: Json, path: string): boolean {
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  fail(path, "a boolean (or 0/1)", v);
}

function vec3(v: Json, path: string): Vec3 {
  const a = arr(v, path);
  if (a.length !== 3) fail(path, "[x, y, z]", v);
  return [num(a[0], `${path}[0]`), num(a[1], `${path}[1]`), num(a[2], `${path}[2]`)];
}

function numRecord(v: Json, path: string): Record<string, number> {
  const o = obj(v, path);
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) out[k] = num(x, `${path}.${k}`);
  return out;
}

function readSection(v: Json, path: string): SectionSpec {
  const s = obj(v, path);
  const nseg = int(s.nseg, `${path}.nseg`);
  if (nseg < 1) fail(`${path}.nseg`, "a positive integer", s.nseg);
  const L = num(s.L, `${path}.L`);
  const diam = num(s.diam, `${path}.diam`);
  if (!(L > 0)) fail(`${path}.L`, "a positive length (µm)", s.L);
  if (!(diam > 0)) fail(`${path}.diam`, "a positive diameter (µm)", s.diam);
  const endPtsRaw = arr(s.end_pts, `${path}.end_pts`);
  if (endPtsRaw.length !== 2) fail(`${path}.end_pts`, "two points [[x, y, z], [x, y, z]]", s.end_pts);
  const mechs: Record<string, Record<string, MechParam>> = {};
  for (const [mech, params] of Object.entries(obj(s.mechs, `${path}.mechs`))) {
    if (!MECHANISM_NAMES.includes(mech)) {
      throw new ValueError(
        `network JSON: ${path}.mechs has unknown mechanism '${mech}'; hnn-core 0.6.1 mechanisms are ${MECHANISM_NAMES.join(", ")}`,
      );
    }
    const m: Record<string, MechParam> = {};
    for (const [attr, val] of Object.entries(obj(params, `${path}.mechs.${mech}`))) {
      const p = `${path}.mechs.${mech}.${attr}`;
      if (!attr.endsWith(`_${mech}`)) {
        throw new ValueError(`network JSON: ${p} is not a parameter of mechanism '${mech}' (names end with '_${mech}')`);
      }
      if (Array.isArray(val)) {
        if (val.length !== 2) fail(p, "a number or [segXs, segValues]", val);
        const xs = arr(val[0], `${p}[0]`).map((x, k) => num(x, `${p}[0][${k}]`));
        const ys = arr(val[1], `${p}[1]`).map((x, k) => num(x, `${p}[1][${k}]`));
        if (xs.length !== nseg || ys.length !== nseg) fail(p, `two lists of nseg = ${nseg} values`, val);
        m[attr] = [xs, ys];
      } else {
        m[attr] = num(val, p);
      }
    }
    mechs[mech] = m;
  }
  return {
    L,
    diam,
    cm: num(s.cm, `${path}.cm`),
    Ra: num(s.Ra, `${path}.Ra`),
    endPts: [vec3(endPtsRaw[0], `${path}.end_pts[0]`), vec3(endPtsRaw[1], `${path}.end_pts[1]`)],
    nseg,
    v0: s.v0 === undefined ? -65 : num(s.v0, `${path}.v0`),
    mechs,
    syns: arr(s.syns, `${path}.syns`).map((r, k) => str(r, `${path}.syns[${k}]`)),
  };
}

const LEGACY_METADATA: Record<string, CellMetadata> = {
  L2_basket: { morphoType: "basket", electroType: "inhibitory", layer: "2", measureDipole: false, reference: "https://doi.org/10.7554/eLife.51214" },
  L2_pyramidal: { morphoType: "pyramidal", electroType: "excitatory", layer: "2", measureDipole: true, reference: "https://doi.org/10.7554/eLife.51214" },
  L5_basket: { morphoType: "basket", electroType: "inhibitory", layer: "5", measureDipole: false, reference: "https://doi.org/10.7554/eLife.51214" },
  L5_pyramidal: { morphoType: "pyramidal", electroType: "excitatory", layer: "5", measureDipole: true, reference: "https://doi.org/10.7554/eLife.51214" },
};

function readCellTemplate(v: Json, path: string): CellTemplate {
  const c = obj(v, path);
  const sections: Record<string, SectionSpec> = {};
  for (const [name, s] of Object.entries(obj(c.sections, `${path}.sections`))) {
    sections[name] = readSection(s, `${path}.sections.${name}`);
  }
  if (!("soma" in sections)) throw new ValueError(`network JSON: ${path}.sections must contain 'soma'`);
  const synapses: Record<string, SynapseSpec> = {};
  for (const [r, sv] of Object.entries(obj(c.synapses, `${path}.synapses`))) {
    const so = obj(sv, `${path}.synapses.${r}`);
    synapses[r] = {
      e: num(so.e, `${path}.synapses.${r}.e`),
      tau1: num(so.tau1, `${path}.synapses.${r}.tau1`),
      tau2: num(so.tau2, `${path}.synapses.${r}.tau2`),
    };
  }
  for (const [name, s] of Object.entries(sections)) {
    for (const r of s.syns) {
      if (!(r in synapses)) throw new ValueError(`network JSON: ${path}.sections.${name}.syns names receptor '${r}' that ${path}.synapses does not define`);
    }
  }
  let cellTree: Record<string, string[]> | null = null;
  if (c.cell_tree !== null && c.cell_tree !== undefined) {
    cellTree = {};
    for (const [parent, children] of Object.entries(obj(c.cell_tree, `${path}.cell_tree`))) {
      const list = arr(children, `${path}.cell_tree.${parent}`).map((x, k) => str(x, `${path}.cell_tree.${parent}[${k}]`));
      for (const node of [parent, ...list]) {
        const [sec, end] = node.split(",");
        if (!(sec in sections) || (end !== "0" && end !== "1")) {
          throw new ValueError(`network JSON: ${path}.cell_tree node '${node}' must be '<section>,0' or '<section>,1' of a defined section`);
        }
      }
      cellTree[parent] = list;
    }
  }
  const sl = obj(c.sect_loc, `${path}.sect_loc`);
  const sectLoc: Record<string, string[]> = {};
  for (const [group, secs] of Object.entries(sl)) {
    sectLoc[group] = arr(secs, `${path}.sect_loc.${group}`).map((x, k) => {
      const s = str(x, `${path}.sect_loc.${group}[${k}]`);
      if (!(s in sections)) throw new ValueError(`network JSON: ${path}.sect_loc.${group} names unknown section '${s}'`);
      return s;
    });
  }
  return {
    name: str(c.name, `${path}.name`),
    pos: vec3(c.pos, `${path}.pos`),
    sections,
    synapses,
    cellTree,
    sectLoc: { proximal: sectLoc.proximal ?? [], distal: sectLoc.distal ?? [], ...sectLoc },
  };
}

function readCellTypes(v: Json): Record<string, CellType> {
  const out: Record<string, CellType> = {};
  for (const [name, entry] of Object.entries(obj(v, "cell_types"))) {
    const e = obj(entry, `cell_types.${name}`);
    if ("cell_object" in e && "cell_metadata" in e) {
      const md = obj(e.cell_metadata, `cell_types.${name}.cell_metadata`);
      out[name] = {
        cellObject: readCellTemplate(e.cell_object, `cell_types.${name}.cell_object`),
        cellMetadata: {
          morphoType: str(md.morpho_type, `cell_types.${name}.cell_metadata.morpho_type`),
          electroType: str(md.electro_type, `cell_types.${name}.cell_metadata.electro_type`),
          layer: str(md.layer, `cell_types.${name}.cell_metadata.layer`),
          measureDipole: bool(md.measure_dipole, `cell_types.${name}.cell_metadata.measure_dipole`),
          reference: md.reference === undefined ? "" : str(md.reference, `cell_types.${name}.cell_metadata.reference`),
        },
      };
    } else {
      // Legacy layout: the cell dict itself; metadata from the name (hnn_io.py `_read_cell_types`).
      const md = LEGACY_METADATA[name];
      if (md === undefined) {
        throw new ValueError(
          `network JSON: cell_types.${name} has no cell_metadata and '${name}' is not a default cell type (${Object.keys(LEGACY_METADATA).join(", ")})`,
        );
      }
      out[name] = { cellObject: readCellTemplate(e, `cell_types.${name}`), cellMetadata: { ...md } };
    }
  }
  return out;
}

const DRIVE_TYPES: readonly DriveType[] = ["evoked", "gaussian", "poisson", "bursty", "spike_train"];

function readEvents(v: Json, path: string, nCells: number): number[][][] {
  return arr(v, path).map((trial, t) => {
    const cells = arr(trial, `${path}[${t}]`);
    if (cells.length !== nCells) fail(`${path}[${t}]`, `one list per drive cell (${nCells})`, trial);
    return cells.map((times, c) => arr(times, `${path}[${t}][${c}]`).map((x, k) => num(x, `${path}[${t}][${c}][${k}]`)));
  });
}

function readDrive(name: string, v: Json, net: Network): ExternalDrive {
  const p = `external_drives.${name}`;
  const d = obj(v, p);
  const type = str(d.type, `${p}.type`) as DriveType;
  if (!DRIVE_TYPES.includes(type)) fail(`${p}.type`, `one of ${DRIVE_TYPES.join(", ")}`, d.type);
  const nDriveCells = int(d.n_drive_cells, `${p}.n_drive_cells`);
  const r = net.gidRanges[name];
  if (r === undefined) throw new ValueError(`network JSON: drive '${name}' has no entry in gid_ranges`);
  if (r.stop - r.start !== nDriveCells) {
    throw new ValueError(`network JSON: ${p}.n_drive_cells is ${nDriveCells} but gid_ranges.${name} holds ${r.stop - r.start} gids`);
  }
  const weights = (x: Json, path: string) => (x === null || x === undefined ? null : numRecord(x, path));
  const numOrRecord = (x: Json, path: string) => (typeof x === "number" ? num(x, path) : numRecord(x, path));
  const targetTypes = arr(d.target_types, `${p}.target_types`).map((t, k) => {
    const s = str(t, `${p}.target_types[${k}]`);
    checkOption(`${p}.target_types[${k}]`, s, Object.keys(net.cellTypes));
    return s;
  });
  const dyn = obj(d.dynamics, `${p}.dynamics`);
  let sourceToGidMap: Record<string, number> | undefined;
  if (d.source_to_gid_map !== undefined && d.source_to_gid_map !== null) {
    sourceToGidMap = {};
    for (const [k, g] of Object.entries(obj(d.source_to_gid_map, `${p}.source_to_gid_map`))) sourceToGidMap[k] = int(g, `${p}.source_to_gid_map.${k}`);
  }
  return new ExternalDrive({
    type,
    location: str(d.location, `${p}.location`),
    nDriveCells,
    ...(sourceToGidMap !== undefined ? { sourceToGidMap } : {}),
    eventSeed: int(d.event_seed, `${p}.event_seed`),
    connSeed: d.conn_seed === null ? null : int(d.conn_seed, `${p}.conn_seed`),
    dynamics: dynamicsFromHnn(type, dyn),
    events: readEvents(d.events ?? [], `${p}.events`, nDriveCells),
    weightsAmpa: weights(d.weights_ampa, `${p}.weights_ampa`),
    weightsNmda: weights(d.weights_nmda, `${p}.weights_nmda`),
    synapticDelays: numOrRecord(d.synaptic_delays, `${p}.synaptic_delays`),
    probability: numOrRecord(d.probability, `${p}.probability`),
    name: d.name === undefined ? name : str(d.name, `${p}.name`),
    targetTypes,
    cellSpecific: bool(d.cell_specific, `${p}.cell_specific`),
  });
}

function readBiases(v: Json, net: Network): Record<string, Record<string, TonicBias>> {
  const out: Record<string, Record<string, TonicBias>> = {};
  for (const [biasName, perType] of Object.entries(obj(v, "external_biases"))) {
    out[biasName] = {};
    for (const [cellType, b] of Object.entries(obj(perType, `external_biases.${biasName}`))) {
      const p = `external_biases.${biasName}.${cellType}`;
      checkOption(`external_biases.${biasName} cell type`, cellType, Object.keys(net.cellTypes));
      const bo = obj(b, p);
      const section = str(bo.section ?? "soma", `${p}.section`);
      checkOption(`${p}.section`, section, Object.keys(net.cellTypes[cellType].cellObject.sections));
      out[biasName][cellType] = {
        amplitude: num(bo.amplitude, `${p}.amplitude`),
        t0: num(bo.t0 ?? 0, `${p}.t0`),
        tstop: bo.tstop === null || bo.tstop === undefined ? null : num(bo.tstop, `${p}.tstop`),
        section,
      };
    }
  }
  return out;
}

function readConnection(v: Json, idx: number, net: Network): Connection {
  const p = `connectivity[${idx}]`;
  const c = obj(v, p);
  const srcType = str(c.src_type, `${p}.src_type`);
  const targetType = str(c.target_type, `${p}.target_type`);
  checkOption(`${p}.src_type`, srcType, Object.keys(net.gidRanges));
  checkOption(`${p}.target_type`, targetType, Object.keys(net.cellTypes));
  const nc = obj(c.nc_dict, `${p}.nc_dict`);
  const ncDict: NcDict = {
    A_delay: num(nc.A_delay, `${p}.nc_dict.A_delay`),
    A_weight: num(nc.A_weight, `${p}.nc_dict.A_weight`),
    lamtha: num(nc.lamtha, `${p}.nc_dict.lamtha`),
    threshold: nc.threshold === undefined ? net.threshold : num(nc.threshold, `${p}.nc_dict.threshold`),
    gain: nc.gain === undefined ? 1.0 : num(nc.gain, `${p}.nc_dict.gain`),
  };
  const pairs = obj(c.gid_pairs, `${p}.gid_pairs`);
  const srcKeys = Object.keys(pairs);
  const srcs = srcKeys.map((k) => {
    const g = Number(k);
    if (!Number.isSafeInteger(g) || String(g) !== k) fail(`${p}.gid_pairs key '${k}'`, "a gid (integer)", k);
    return g;
  });
  const lists = srcKeys.map((k) => arr(pairs[k], `${p}.gid_pairs.${k}`).map((t, j) => int(t, `${p}.gid_pairs.${k}[${j}]`)));
  const allowAutapses = bool(c.allow_autapses ?? true, `${p}.allow_autapses`);
  const probability = num(c.probability ?? 1.0, `${p}.probability`);
  const loc = str(c.loc, `${p}.loc`);
  const receptor = str(c.receptor, `${p}.receptor`);
  let conn: Connection;
  if (srcs.length > 0 && lists.every((l) => l.length > 0)) {
    // Validate everything (types of gids, loc, receptor, nc_dict) through addConnection, without pruning.
    const n0 = net.connectivity.length;
    try {
      net.addConnection(srcs, lists, loc, receptor, ncDict.A_weight, ncDict.A_delay, ncDict.lamtha, {
        threshold: ncDict.threshold,
        gain: ncDict.gain,
        allowAutapses,
        probability: 1.0,
      });
    } catch (e) {
      throw new ValueError(`network JSON: ${p}: ${(e as Error).message}`);
    }
    conn = net.connectivity.splice(n0, 1)[0];
    if (conn.srcType !== srcType || conn.targetType !== targetType) {
      throw new ValueError(`network JSON: ${p}.gid_pairs connect ${conn.srcType} -> ${conn.targetType}, but src_type/target_type say ${srcType} -> ${targetType}`);
    }
  } else {
    // No pairs (or empty target lists): nothing for addConnection to check gids against.
    const gp = new Map<number, number[]>();
    srcs.forEach((s, k) => gp.set(s, lists[k]));
    conn = new Connection({
      srcType,
      srcGids: [],
      numSrcs: 0,
      targetType,
      targetGids: [],
      numTargets: 0,
      gidPairs: gp,
      loc,
      receptor,
      ncDict,
      allowAutapses,
      probability,
    });
  }
  const gidList = (x: Json, path: string, type: string): number[] =>
    arr(x, path).map((g, k) => {
      const gid = int(g, `${path}[${k}]`);
      if (net.gidToType(gid) !== type) throw new ValueError(`network JSON: ${path}[${k}] = ${gid} is not a gid of ${type}`);
      return gid;
    });
  conn.srcGids = new Set(c.src_gids === undefined ? srcs : gidList(c.src_gids, `${p}.src_gids`, srcType));
  conn.targetGids = new Set(c.target_gids === undefined ? [...conn.targetGids] : gidList(c.target_gids, `${p}.target_gids`, targetType));
  conn.numSrcs = c.num_srcs === undefined ? conn.srcGids.size : int(c.num_srcs, `${p}.num_srcs`);
  conn.numTargets = c.num_targets === undefined ? conn.targetGids.size : int(c.num_targets, `${p}.num_targets`);
  conn.probability = probability;
  conn.ncDict = ncDict;
  return conn;
}

function readRecArrays(v: Json): Record<string, ElectrodeArrayData> {
  const out: Record<string, ElectrodeArrayData> = {};
  for (const [name, a] of Object.entries(obj(v ?? {}, "rec_arrays"))) {
    const p = `rec_arrays.${name}`;
    const o = obj(a, p);
    out[name] = {
      positions: arr(o.positions, `${p}.positions`).map((x, k) => vec3(x, `${p}.positions[${k}]`)),
      conductivity: num(o.conductivity ?? 0.3, `${p}.conductivity`),
      method: str(o.method ?? "psa", `${p}.method`),
      minDistance: num(o.min_distance ?? 0.5, `${p}.min_distance`),
      times: [],
      voltages: [],
    };
  }
  return out;
}

/**
 * hnn-core `read_network_configuration(fname, read_drives=True, read_external_biases=True)` from the
 * JSON text (or the parsed object). See the module note for where it deliberately differs.
 * @throws ValueError naming the JSON path for a wrong schema, an unknown cell type, mechanism,
 *   receptor or location, or gids outside their populations.
 */
export function readNetworkConfiguration(jsonTextOrObject: string | object, opts: ReadNetworkOptions = {}): Network {
  let data: Json = jsonTextOrObject;
  if (typeof jsonTextOrObject === "string") {
    try {
      data = JSON.parse(jsonTextOrObject);
    } catch (e) {
      throw new ValueError(`network JSON: not valid JSON (${(e as Error).message})`);
    }
  }
  const d = obj(data, "the top level");
  if (d.object_type !== "Network") {
    throw new ValueError(`The json should encode a Network object. The file contains object of type ${String(d.object_type)}`);
  }
  if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
  const readDrives = checkBool("readDrives", opts.readDrives ?? true);
  const readBiasesOpt = checkBool("readExternalBiases", opts.readExternalBiases ?? true);

  const cellTypes = readCellTypes(d.cell_types);
  const posRaw = obj(d.pos_dict, "pos_dict");
  const posDict: PosDict = {};
  for (const [name, p] of Object.entries(posRaw)) {
    posDict[name] = name === "origin" ? vec3(p, "pos_dict.origin") : arr(p, `pos_dict.${name}`).map((x, k) => vec3(x, `pos_dict.${name}[${k}]`));
  }
  if (!("origin" in posDict)) fail("pos_dict.origin", "[x, y, z]", undefined);
  for (const name of Object.keys(cellTypes)) {
    if (!(name in posDict)) throw new ValueError(`network JSON: cell type '${name}' has no positions in pos_dict`);
  }
  const net = new Network(
    { celsius: num(d.celsius, "celsius"), threshold: num(d.threshold, "threshold") },
    {
      meshShape: [int(d.N_pyr_x, "N_pyr_x"), int(d.N_pyr_y, "N_pyr_y")],
      legacyMode: bool(d.legacy_mode ?? false, "legacy_mode"),
      posDict,
      cellTypes,
    },
  );

  // gid_ranges from the file (cells, then drives).
  const gr = obj(d.gid_ranges, "gid_ranges");
  const gidRanges: Record<string, GidRange> = {};
  let nGids = 0;
  for (const [name, r] of Object.entries(gr)) {
    const ro = obj(r, `gid_ranges.${name}`);
    const start = int(ro.start, `gid_ranges.${name}.start`);
    const stop = int(ro.stop, `gid_ranges.${name}.stop`);
    if (stop < start) fail(`gid_ranges.${name}`, "a range with stop >= start", r);
    gidRanges[name] = { start, stop };
    nGids = Math.max(nGids, stop);
  }
  const drivesRaw = obj(d.external_drives ?? {}, "external_drives");
  for (const name of Object.keys(cellTypes)) {
    const r = gidRanges[name];
    if (r === undefined) throw new ValueError(`network JSON: cell type '${name}' has no entry in gid_ranges`);
    const n = (posDict[name] as Vec3[]).length;
    if (r.stop - r.start !== n) throw new ValueError(`network JSON: gid_ranges.${name} holds ${r.stop - r.start} gids but pos_dict.${name} has ${n} positions`);
  }
  for (const name of Object.keys(gidRanges)) {
    if (!(name in cellTypes) && !(name in drivesRaw)) {
      throw new ValueError(`network JSON: gid_ranges.${name} is neither a cell type (${Object.keys(cellTypes).join(", ")}) nor a drive`);
    }
  }
  net.gidRanges = gidRanges;
  net._nGids = nGids;

  // Drives in ascending order of their first gid (hnn_io.py `_order_drives`), with their events.
  const driveNames = Object.keys(drivesRaw).sort((a, b) => (gidRanges[a]?.start ?? 0) - (gidRanges[b]?.start ?? 0));
  for (const name of driveNames) {
    const drive = readDrive(name, drivesRaw[name], net);
    net.externalDrives[name] = drive;
    if (!isPosList(net.posDict[name])) {
      const o = net.origin;
      net.posDict[name] = Array.from({ length: drive.nDriveCells }, () => [o[0], o[1], o[2]] as Vec3);
    }
  }
  if (readBiasesOpt) net.externalBiases = readBiases(d.external_biases ?? {}, net);

  const conns = arr(d.connectivity, "connectivity");
  net.connectivity = [];
  const read = conns.map((c, i) => readConnection(c, i, net));
  net.connectivity = read;
  net.recArrays = readRecArrays(d.rec_arrays);
  net.threshold = num(d.threshold, "threshold");
  net.delay = num(d.delay ?? 1.0, "delay");
  if (!readDrives) net.clearDrives();
  return net;
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Iteration order of a CPython 3.11 `set` of non-negative ints built by adding `items` in order
 * (setobject.c: hash = value, linear probes of 9, perturbed probing, resize ×4 at 60 % fill).
 */
export function cpythonSetOrder(items: Iterable<number>): number[] {
  const LINEAR_PROBES = 9;
  let mask = 7;
  let table: (number | undefined)[] = new Array(8);
  let fill = 0;
  const insertClean = (tbl: (number | undefined)[], m: number, key: number) => {
    let perturb = key;
    let i = key & m;
    for (;;) {
      if (tbl[i] === undefined) {
        tbl[i] = key;
        return;
      }
      if (i + LINEAR_PROBES <= m) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (tbl[i + j] === undefined) {
            tbl[i + j] = key;
            return;
          }
        }
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) % (m + 1);
    }
  };
  for (const key of items) {
    let perturb = key;
    let i = key & mask;
    let slot = -1;
    outer: for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) {
        const e = table[i + j];
        if (e === undefined) {
          slot = i + j;
          break outer;
        }
        if (e === key) break outer;
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) % (mask + 1);
    }
    if (slot < 0) continue; // already present
    table[slot] = key;
    fill++;
    if (fill * 5 >= mask * 3) {
      const minused = fill > 50000 ? fill * 2 : fill * 4;
      let newsize = 8;
      while (newsize <= minused) newsize *= 2;
      const nt: (number | undefined)[] = new Array(newsize);
      for (const e of table) if (e !== undefined) insertClean(nt, newsize - 1, e);
      table = nt;
      mask = newsize - 1;
    }
  }
  return table.filter((e): e is number => e !== undefined);
}

/** Ordered dict for the writer (JS objects would reorder integer-like keys such as gid_pairs'). */
class PyDict {
  constructor(readonly entries: [string, unknown][]) {}
}

function cellTemplateToDict(t: CellTemplate): Obj {
  const sections: Obj = {};
  for (const [name, s] of Object.entries(t.sections)) {
    sections[name] = {
      L: s.L,
      diam: s.diam,
      cm: s.cm,
      Ra: s.Ra,
      end_pts: s.endPts.map((p) => [...p]),
      nseg: s.nseg,
      v0: s.v0,
      mechs: structuredClone(s.mechs),
      syns: [...s.syns],
    };
  }
  return {
    name: t.name,
    pos: [...t.pos],
    sections,
    synapses: structuredClone(t.synapses),
    cell_tree: t.cellTree === null ? null : structuredClone(t.cellTree),
    sect_loc: structuredClone(t.sectLoc),
    gid: null,
    dipole_pp: [],
    vsec: {},
    isec: {},
    ca: {},
    tonic_biases: [],
  };
}

function driveToDict(d: ExternalDrive, writeOutput: boolean): Obj {
  const out: Obj = {
    type: d.type,
    location: d.location,
    n_drive_cells: d.nDriveCells,
  };
  if (d.sourceToGidMap !== undefined) out.source_to_gid_map = { ...d.sourceToGidMap };
  Object.assign(out, {
    event_seed: d.eventSeed,
    conn_seed: d.connSeed,
    dynamics: dynamicsToHnn(d.type, d.dynamics),
    events: writeOutput ? structuredClone(d.events) : [],
    weights_ampa: d.weightsAmpa === null ? null : { ...d.weightsAmpa },
    weights_nmda: d.weightsNmda === null ? null : { ...d.weightsNmda },
    synaptic_delays: typeof d.synapticDelays === "number" ? d.synapticDelays : { ...d.synapticDelays },
    probability: typeof d.probability === "number" ? d.probability : { ...d.probability },
    name: d.name,
    target_types: [...d.targetTypes],
    cell_specific: d.cellSpecific,
  });
  return out;
}

function connToDict(c: Connection, ordered: boolean): Obj {
  const pairs = [...c.gidPairs].map(([s, t]) => [String(s), [...t]] as [string, unknown]);
  return {
    target_type: c.targetType,
    target_gids: cpythonSetOrder(cpythonSetOrder(c.targetGids)),
    num_targets: c.numTargets,
    src_type: c.srcType,
    src_gids: cpythonSetOrder(cpythonSetOrder(c.srcGids)),
    num_srcs: c.numSrcs,
    gid_pairs: ordered ? new PyDict(pairs) : Object.fromEntries(pairs),
    loc: c.loc,
    receptor: c.receptor,
    nc_dict: { ...c.ncDict },
    allow_autapses: c.allowAutapses ? 1 : 0,
    probability: c.probability,
  };
}

function cellResponseToDict(net: Network, writeOutput: boolean): Obj {
  const cr = net.cellResponse as { toDict?: () => Obj } | null;
  if (!writeOutput || cr === null || typeof cr !== "object" || typeof cr.toDict !== "function") return {};
  return cr.toDict();
}

function buildDict(net: Network, writeOutput: boolean, ordered: boolean): Obj {
  const cellTypes: Obj = {};
  for (const [name, ct] of Object.entries(net.cellTypes)) {
    const md = ct.cellMetadata;
    cellTypes[name] = {
      cell_object: cellTemplateToDict(ct.cellObject),
      cell_metadata: {
        morpho_type: md.morphoType,
        electro_type: md.electroType,
        layer: md.layer,
        measure_dipole: md.measureDipole,
        reference: md.reference,
      },
    };
  }
  const gidRanges: Obj = {};
  for (const [name, r] of Object.entries(net.gidRanges)) gidRanges[name] = { start: r.start, stop: r.stop };
  const drives: Obj = {};
  for (const [name, d] of Object.entries(net.externalDrives)) drives[name] = driveToDict(d, writeOutput);
  const recArrays: Obj = {};
  for (const [name, a] of Object.entries(net.recArrays)) {
    recArrays[name] = {
      positions: a.positions.map((p) => [...p]),
      conductivity: a.conductivity,
      method: a.method,
      min_distance: a.minDistance,
      times: writeOutput ? [...a.times] : [],
      voltages: writeOutput ? structuredClone(a.voltages) : [],
    };
  }
  return {
    object_type: "Network",
    legacy_mode: net.legacyMode,
    N_pyr_x: net.meshShape[0],
    N_pyr_y: net.meshShape[1],
    celsius: net.celsius,
    cell_types: cellTypes,
    gid_ranges: gidRanges,
    pos_dict: structuredClone(net.posDict),
    cell_response: cellResponseToDict(net, writeOutput),
    external_drives: drives,
    external_biases: structuredClone(net.externalBiases),
    connectivity: net.connectivity.map((c) => connToDict(c, ordered)),
    rec_arrays: recArrays,
    threshold: net.threshold,
    delay: net.delay,
  };
}

/**
 * hnn-core `network_to_dict(net, write_output=False)`: the network as a plain JSON-ready object with
 * hnn-core's (snake_case) keys. Note: `gid_pairs` is a plain object, so its keys iterate in ascending
 * gid order (a JavaScript rule); `writeNetworkConfiguration` keeps the connection's own order.
 */
export function networkToDict(net: Network, opts: WriteNetworkOptions = {}): Record<string, unknown> {
  if (!(net instanceof Network)) throw new TypeError(`net must be an instance of Network, got ${typeof net}`);
  return buildDict(net, opts.writeOutput ?? false, false);
}

/** Keys whose numbers hnn-core stores as Python ints. */
const INT_KEYS = new Set([
  "N_pyr_x",
  "N_pyr_y",
  "start",
  "stop",
  "nseg",
  "num_targets",
  "num_srcs",
  "target_gids",
  "src_gids",
  "allow_autapses",
  "n_drive_cells",
  "event_seed",
  "conn_seed",
  "gid",
  "numspikes",
  "spike_gids",
  "source_to_gid_map",
  "gids",
]);

function jsonStr(s: string): string {
  return JSON.stringify(s);
}

function dump(v: unknown, indent: string, intContext: boolean): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (intContext && Number.isInteger(v)) return String(v);
    return pyFloat(v);
  }
  if (typeof v === "string") return jsonStr(v);
  const inner = indent + "    ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => inner + dump(x, inner, intContext)).join(",\n") + "\n" + indent + "]";
  }
  const entries: [string, unknown][] = v instanceof PyDict ? v.entries : Object.entries(v as Obj);
  if (entries.length === 0) return "{}";
  return (
    "{\n" +
    entries.map(([k, x]) => inner + jsonStr(k) + ": " + dump(x, inner, intContext || INT_KEYS.has(k) || k === "gid_pairs")).join(",\n") +
    "\n" +
    indent +
    "}"
  );
}

/**
 * hnn-core `write_network_configuration(net, output)`: the JSON text (indent 4, hnn-core's key order
 * and number formatting; see the module note). With `writeOutput` the drive events, electrode data
 * and cell response are included (as in the reference network.json files).
 */
export function writeNetworkConfiguration(net: Network, opts: WriteNetworkOptions = {}): string {
  if (!(net instanceof Network)) throw new TypeError(`net must be an instance of Network, got ${typeof net}`);
  return dump(buildDict(net, opts.writeOutput ?? false, true), "", false);
}

export type { CellType };
