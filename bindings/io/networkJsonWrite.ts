/**
 * Writing hnn-core's network configuration JSON (hnn_io.py `network_to_dict`,
 * `write_network_configuration`; NETWORK.md §10): `writeNetworkConfiguration` gives the text of
 * `json.dump(net.to_dict(), indent=4)`: hnn-core's layout and key order, Python float formatting
 * (`1.0`, `7e-06`), ints where hnn-core stores ints (gids, counts, seeds, `nseg`, `numspikes`),
 * `allow_autapses` as 0/1, `src_gids` / `target_gids` in CPython set order. Numbers that hnn-core
 * would keep as Python ints only because the user typed an int (e.g. an int lamtha) are written as
 * floats.
 */

import type { Connection } from "../model/connection";
import { dynamicsToHnn, type ExternalDrive } from "../model/driveTypes";
import { Network } from "../model/network";
import type { CellTemplate } from "../model/types";
import { cpythonSetOrder, PyDict, pythonJsonDumps } from "./pythonJson";

/** Options of {@link networkToDict} / {@link writeNetworkConfiguration}. */
export interface WriteNetworkOptions {
  /** Also write drive events, electrode data and the cell response (hnn-core `write_output`). Default false. */
  writeOutput?: boolean;
}

type Obj = Record<string, unknown>;

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
  return writeOutput && net.cellResponse !== null ? net.cellResponse.toDict() : {};
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
    // hnn-core `_rec_array_to_dict`: the data only with write_output.
    recArrays[name] = (writeOutput ? a : a.at([])).toDict();
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

/** Keys whose numbers hnn-core stores as Python ints (`gid_pairs`: its keys and target gids). */
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
  "gid_pairs",
]);

/**
 * hnn-core `write_network_configuration(net, output)`: the JSON text (indent 4, hnn-core's key order
 * and number formatting; see the module note). With `writeOutput` the drive events, electrode data
 * and cell response are included (as in the reference network.json files).
 */
export function writeNetworkConfiguration(net: Network, opts: WriteNetworkOptions = {}): string {
  if (!(net instanceof Network)) throw new TypeError(`net must be an instance of Network, got ${typeof net}`);
  return pythonJsonDumps(buildDict(net, opts.writeOutput ?? false, true), INT_KEYS);
}
