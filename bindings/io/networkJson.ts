/**
 * Reading hnn-core's network configuration JSON (hnn_io.py `read_network_configuration`; NETWORK.md
 * §10): a file written by hnn-core 0.6.1 (or by ./networkJsonWrite.ts) into a {@link Network}. Cell
 * types are read by ./readCellTypes.ts, fields by ./jsonFields.ts.
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
 */

import { makeConnection, Connection } from "../model/connection";
import { dynamicsFromHnn, ExternalDrive, type DriveType } from "../model/driveTypes";
import { ExtracellularArray } from "../model/extracellular";
import { Network } from "../model/network";
import type { PosDict } from "../model/positions";
import type { CellType, GidRange, NcDict, TonicBias } from "../model/types";
import { checkBool, checkOption, typeError, ValueError } from "../util/validate";
import { arr, bool, describeJson, fail, int, num, numRecord, obj, str, vec3, type Json } from "./jsonFields";
import { readCellTypes } from "./readCellTypes";

/** Options of {@link readNetworkConfiguration} (hnn-core keyword arguments). */
export interface ReadNetworkOptions {
  /** Keep the drives (default true); false = `clear_drives()` after reading. */
  readDrives?: boolean;
  /** Keep the tonic biases (default true). */
  readExternalBiases?: boolean;
}

const DRIVE_TYPES: readonly DriveType[] = ["evoked", "gaussian", "poisson", "bursty", "spike_train"];

function readEvents(v: Json, path: string, nCells: number): number[][][] {
  return arr(v, path).map((trial, t) => {
    const cells = arr(trial, `${path}[${t}]`);
    if (cells.length !== nCells) fail(`${path}[${t}]`, `one list per drive cell (${nCells})`, trial);
    return cells.map((times, c) => arr(times, `${path}[${t}][${c}]`).map((x, k) => num(x, `${path}[${t}][${c}][${k}]`)));
  });
}

function readDrive(name: string, v: Json, cellTypeNames: string[]): ExternalDrive {
  const p = `external_drives.${name}`;
  const d = obj(v, p);
  const type = str(d.type, `${p}.type`) as DriveType;
  if (!DRIVE_TYPES.includes(type)) fail(`${p}.type`, `one of ${DRIVE_TYPES.join(", ")}`, d.type);
  const nDriveCells = int(d.n_drive_cells, `${p}.n_drive_cells`);
  const weights = (x: Json, path: string) => (x === null || x === undefined ? null : numRecord(x, path));
  const numOrRecord = (x: Json, path: string) => (typeof x === "number" ? num(x, path) : numRecord(x, path));
  const targetTypes = arr(d.target_types, `${p}.target_types`).map((t, k) => {
    const s = str(t, `${p}.target_types[${k}]`);
    checkOption(`${p}.target_types[${k}]`, s, cellTypeNames);
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

function readBiases(v: Json, cellTypes: Record<string, CellType>): Record<string, Record<string, TonicBias>> {
  const out: Record<string, Record<string, TonicBias>> = {};
  for (const [biasName, perType] of Object.entries(obj(v, "external_biases"))) {
    out[biasName] = {};
    for (const [cellType, b] of Object.entries(obj(perType, `external_biases.${biasName}`))) {
      const p = `external_biases.${biasName}.${cellType}`;
      checkOption(`external_biases.${biasName} cell type`, cellType, Object.keys(cellTypes));
      const bo = obj(b, p);
      const section = str(bo.section ?? "soma", `${p}.section`);
      checkOption(`${p}.section`, section, Object.keys(cellTypes[cellType].cellObject.sections));
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
    // Validate everything (types of gids, loc, receptor, nc_dict) as addConnection does, without pruning.
    try {
      conn = makeConnection(net, srcs, lists, loc, receptor, ncDict.A_weight, ncDict.A_delay, ncDict.lamtha, {
        threshold: ncDict.threshold,
        gain: ncDict.gain,
        allowAutapses,
        probability: 1.0,
      });
    } catch (e) {
      throw new ValueError(`network JSON: ${p}: ${(e as Error).message}`);
    }
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
      if (net.populations.typeOf(gid) !== type) throw new ValueError(`network JSON: ${path}[${k}] = ${gid} is not a gid of ${type}`);
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

/** hnn-core `_read_rec_arrays(..., read_output=False)`: the arrays, their recorded data left out. */
function readRecArrays(v: Json): Record<string, ExtracellularArray> {
  const out: Record<string, ExtracellularArray> = {};
  for (const [name, a] of Object.entries(obj(v ?? {}, "rec_arrays"))) {
    const p = `rec_arrays.${name}`;
    const o = obj(a, p);
    const positions = arr(o.positions, `${p}.positions`).map((x, k) => vec3(x, `${p}.positions[${k}]`));
    const settings = {
      conductivity: num(o.conductivity ?? 0.3, `${p}.conductivity`),
      method: str(o.method ?? "psa", `${p}.method`) as "psa" | "lsa",
      minDistance: num(o.min_distance ?? 0.5, `${p}.min_distance`),
    };
    try {
      out[name] = new ExtracellularArray(positions, settings);
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(`network JSON: ${p}: ${e.message}`);
      throw e;
    }
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
    throw new ValueError(`The json should encode a Network object. The file contains object of type ${typeof d.object_type === "string" ? d.object_type : describeJson(d.object_type)}`);
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
  const threshold = num(d.threshold, "threshold");
  const params = { celsius: num(d.celsius, "celsius"), threshold };
  const meshShape: [number, number] = [int(d.N_pyr_x, "N_pyr_x"), int(d.N_pyr_y, "N_pyr_y")];
  const legacyMode = bool(d.legacy_mode ?? false, "legacy_mode");

  // gid_ranges from the file (cells, then drives).
  const gidRanges: Record<string, GidRange> = {};
  for (const [name, r] of Object.entries(obj(d.gid_ranges, "gid_ranges"))) {
    const ro = obj(r, `gid_ranges.${name}`);
    const start = int(ro.start, `gid_ranges.${name}.start`);
    const stop = int(ro.stop, `gid_ranges.${name}.stop`);
    if (stop < start) fail(`gid_ranges.${name}`, "a range with stop >= start", r);
    gidRanges[name] = { start, stop };
  }
  // Drives in ascending order of their first gid (hnn_io.py `_order_drives`), with their events.
  const drivesRaw = obj(d.external_drives ?? {}, "external_drives");
  const driveNames = Object.keys(drivesRaw).sort((a, b) => (gidRanges[a]?.start ?? 0) - (gidRanges[b]?.start ?? 0));
  const externalDrives: Record<string, ExternalDrive> = {};
  for (const name of driveNames) externalDrives[name] = readDrive(name, drivesRaw[name], Object.keys(cellTypes));
  const externalBiases = readBiasesOpt ? readBiases(d.external_biases ?? {}, cellTypes) : {};
  const recArrays = readRecArrays(d.rec_arrays);
  const delay = num(d.delay ?? 1.0, "delay");

  let net: Network;
  try {
    net = Network.fromConfig({ params, meshShape, legacyMode, cellTypes, posDict, gidRanges, externalDrives, externalBiases, recArrays, threshold, delay });
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`network JSON: ${e.message}`);
    throw e;
  }
  net.connectivity = arr(d.connectivity, "connectivity").map((c, i) => readConnection(c, i, net));
  if (!readDrives) net.clearDrives();
  return net;
}
