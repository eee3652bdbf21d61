/**
 * Bad input to the network API. Where hnn-core 0.6.1 checks the same input itself, the expected class
 * and message are what hnn-core raised for the same call (test/fixtures/network/error_messages.json,
 * written by gen_errors.py beside it; the case ids are the script's). The other cases are our own
 * wording: for each, the test also checks what the file records hnn-core doing instead (nothing, a
 * KeyError, or an error from numpy or json rather than a check of its own).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jones2009Model, addErpDrivesToJonesModel } from "../../bindings/model/models";
import { Network } from "../../bindings/model/network";
import { ValueError } from "../../bindings/util/validate";
import { pickConnection } from "../../bindings/model/pickConnection";
import { pyramidal } from "../../bindings/model/cells";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { DEFAULT_PARAMS } from "../../bindings/model/paramsDefault";
import { referenceJson, type AnyJson } from "../helpers/networkFixtures";

const HNN: Record<string, [string, string] | null> = JSON.parse(
  readFileSync(new URL("../fixtures/network/error_messages.json", import.meta.url), "utf8"),
);
/** hnn-core raises AssertionError for failed gid checks; bad input gets a ValueError here. */
const OUR_CLASS: Record<string, string> = { AssertionError: "ValueError" };

const net = jones2009Model({ meshShape: [3, 3] });
addErpDrivesToJonesModel(net);
const add = (...args: unknown[]) => () =>
  (net.addConnection as (...a: unknown[]) => void)(...args);
/** loc, receptor, weight (µS), delay (ms), lamtha of a valid connection (as gen_errors.py's C). */
const C = ["soma", "gabaa", 0.01, 1.0, 3.0];
const ref3x3: AnyJson = referenceJson("neymotin2020_3x3_drives");
const withJson = (edit: (d: AnyJson) => void) => () => {
  const d = structuredClone(ref3x3);
  edit(d);
  readNetworkConfiguration(JSON.stringify(d));
};

/** Our own wording: class, message, and what hnn-core raised for the same call (null: nothing). */
interface Own {
  cls: new (...a: never[]) => Error;
  msg: string | RegExp;
  hnnCore: string | null;
  why: string;
}
/** hnn-core's message, adapted as `why` says. */
interface Adapted {
  adapt: (hnnMessage: string) => string;
  why: string;
}
type Case = [() => unknown, Own | Adapted | null];

const CASES: Record<string, Case> = {
  src_unknown_type: [add("L2_pyr", "L2_pyramidal", ...C), null],
  target_unknown_type: [add("L2_basket", "L6_basket", ...C), null],
  target_is_drive: [add("L2_basket", "evprox1", ...C), null],
  target_gids_of_drive: [add("L2_basket", [30, 31], ...C), {
    cls: ValueError, hnnCore: "KeyError", why: "hnn-core looks up the drive's cell type and fails",
    msg: "targetGids must be gids of a cell type (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal), got gids of 'evdist1'" }],
  probability_above_1: [add("L2_basket", "L2_pyramidal", ...C, { probability: 1.5 }), null],
  probability_zero: [add("L2_basket", "L2_pyramidal", ...C, { probability: 0 }), null],
  probability_nan: [add("L2_basket", "L2_pyramidal", ...C, { probability: NaN }), {
    cls: ValueError, hnnCore: "ValueError", why: "numpy fails inside hnn-core: negative dimensions",
    msg: "probability must be in the range (0,1)" }],
  delay_negative: [add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, -1, 3.0), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it", msg: "delay must be non-negative, got -1" }],
  lamtha_zero: [add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 0), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it", msg: "lamtha must be positive, got 0" }],
  weight_nan: [add("L2_basket", "L2_pyramidal", "soma", "gabaa", NaN, 1.0, 3.0), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it", msg: "weight must be a finite number, got nan" }],
  weight_str: [add("L2_basket", "L2_pyramidal", "soma", "gabaa", "0.01", 1.0, 3.0), null],
  gain_negative: [add("L2_basket", "L2_pyramidal", ...C, { gain: -1 }), null],
  receptor_unknown: [add("L2_basket", "L2_pyramidal", "soma", "glu", 0.01, 1.0, 3.0), null],
  receptor_missing_in_group: [add("L2_pyramidal", "L2_basket", "proximal", "gabab", 0.01, 1.0, 3.0), null],
  loc_unknown: [add("L2_basket", "L2_pyramidal", "apical_2", "gabaa", 0.01, 1.0, 3.0), null],
  loc_not_str: [add("L2_basket", "L2_pyramidal", 5, "gabaa", 0.01, 1.0, 3.0), null],
  src_gid_out_of_range: [add(5000, "L2_pyramidal", ...C), null],
  target_gid_out_of_range: [add("L2_basket", [3, 9999], ...C), null],
  src_gid_not_int: [add([1.5], "L2_pyramidal", ...C), null],
  src_two_types: [add([0, 4], "L2_pyramidal", ...C), null],
  target_two_types: [add("L2_basket", [3, 12], ...C), null],
  target_list_per_src: [add([0, 1, 2], [[3], [4]], ...C), null],
  target_gids_type: [add("L2_basket", { a: 1 }, ...C), null],
  allow_autapses_type: [add("L2_basket", "L2_pyramidal", ...C, { allowAutapses: "no" }), {
    adapt: (m) => m.replace("target_gids", "allow_autapses"), why: "hnn-core names the wrong argument" }],
  conn_seed_negative: [add("L2_basket", "L2_pyramidal", ...C, { probability: 0.5, connSeed: -1 }), {
    cls: TypeError, hnnCore: "ValueError", why: "numpy's default_rng fails inside hnn-core",
    msg: "connSeed must be a non-negative integer or null, got -1" }],
  mesh_shape_zero: [() => new Network({ ...DEFAULT_PARAMS }, { meshShape: [0, 10] }), null],
  mesh_shape_float: [() => new Network({ ...DEFAULT_PARAMS }, { meshShape: [2.5, 3] }), null],
  params_no_threshold: [() => new Network({ celsius: 37.0 }), {
    cls: ValueError, hnnCore: "KeyError", why: "hnn-core reads the missing key",
    msg: "params must contain 'threshold' (the cells' spike threshold in mV)" }],
  inplane_distance_negative: [() => net.setCellPositions({ inplaneDistance: -1 }), null],
  global_gain_negative: [() => net.setGlobalSynapticGains({ eE: -1 }), null],
  pyramidal_unknown: [() => pyramidal("L6_pyramidal" as "L2_pyramidal"), null],
  pick_loc_section: [() => pickConnection(net, { loc: "apical_tuft" }), null],
  pick_receptor_type: [() => pickConnection(net, { receptor: 5 as unknown as string }), null],
  pick_target_drive: [() => pickConnection(net, { targetGids: "evprox1" }), null],
  read_not_network: [withJson((d) => { d.object_type = "Dipole"; }), null],
  read_not_json: [() => readNetworkConfiguration("{oops"), {
    cls: ValueError, hnnCore: "JSONDecodeError", why: "Python's json parser words it",
    msg: /^network JSON: not valid JSON \(Expected property name or '\}' in JSON at position 1.*\)$/ }],
  read_missing_key: [withJson((d) => { delete d.N_pyr_x; }), {
    cls: ValueError, hnnCore: "KeyError", why: "hnn-core reads the missing key",
    msg: "network JSON: N_pyr_x must be an integer, got nothing (missing key)" }],
  read_value_type: [withJson((d) => { d.connectivity[0].nc_dict.A_weight = "0.1"; }), {
    cls: ValueError, hnnCore: "TypeError", why: "hnn-core's add_connection names the argument 'weight', we name the file's field",
    msg: 'network JSON: connectivity[0].nc_dict.A_weight must be a finite number, got "0.1"' }],
  read_unknown_mechanism: [withJson((d) => { d.cell_types.L2_basket.cell_object.sections.soma.mechs.nav = { gbar_nav: 1 }; }), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it",
    msg: "network JSON: cell_types.L2_basket.cell_object.sections.soma.mechs has unknown mechanism 'nav'; hnn-core 0.6.1 mechanisms are hh2, km, ca, cad, kca, cat, ar" }],
  read_target_unknown_type: [withJson((d) => { d.connectivity[0].target_type = "L6_pyramidal"; }), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it",
    msg: "Invalid value for the 'connectivity[0].target_type' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', and 'L5_pyramidal', but got 'L6_pyramidal' instead." }],
  read_legacy_unknown_type: [withJson((d) => { d.cell_types.L6_cell = { name: "x" }; }), {
    cls: ValueError, hnnCore: "KeyError", why: "hnn-core reads a missing key",
    msg: "network JSON: cell_types.L6_cell has no cell_metadata and 'L6_cell' is not a default cell type (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal)" }],
  read_gid_pairs_other_type: [withJson((d) => { d.connectivity[0].gid_pairs = { "0": [0] }; }), {
    cls: ValueError, hnnCore: null, why: "hnn-core accepts it",
    msg: "network JSON: connectivity[0].gid_pairs connect L2_basket -> L2_basket, but src_type/target_type say evdist1 -> L2_basket" }],
  read_receptor_missing: [withJson((d) => { d.connectivity[0].receptor = "gabab"; }), {
    adapt: (m) => `network JSON: connectivity[0]: ${m}`, why: "prefixed with where in the file" }],
  read_drives_type: [() => readNetworkConfiguration(JSON.stringify(ref3x3), { readDrives: "no" as unknown as boolean }), {
    cls: TypeError, hnnCore: null, why: "hnn-core accepts any value",
    msg: "readDrives must be an instance of bool, got <class 'str'> instead" }],
};

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("no error thrown");
}

describe("bad network input is rejected with hnn-core 0.6.1's errors", () => {
  it("has a case for every call of gen_errors.py", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(HNN).sort());
  });
  for (const [id, [call, spec]] of Object.entries(CASES)) {
    if (spec === null || "adapt" in spec) {
      it(`${id}: hnn-core's class and message${spec ? ` (${spec.why})` : ""}`, () => {
        const rec = HNN[id];
        expect(rec, "hnn-core raised nothing").not.toBeNull();
        const [cls, msg] = rec!;
        const err = thrown(call);
        expect(err.name).toBe(OUR_CLASS[cls] ?? cls);
        expect(err.message).toBe(spec ? spec.adapt(msg) : msg);
      });
    } else {
      it(`${id}: our wording (${spec.why})`, () => {
        expect(HNN[id]?.[0] ?? null).toBe(spec.hnnCore);
        const err = thrown(call);
        expect(err).toBeInstanceOf(spec.cls);
        if (typeof spec.msg === "string") expect(err.message).toBe(spec.msg);
        else expect(err.message).toMatch(spec.msg);
      });
    }
  }
  it("a failed addConnection leaves the network unchanged", () => {
    const n = net.connectivity.length;
    expect(add("L2_basket", "L2_pyramidal", "soma", "gabaa", NaN, 1.0, 3.0)).toThrow();
    expect(net.connectivity.length).toBe(n);
  });
});
