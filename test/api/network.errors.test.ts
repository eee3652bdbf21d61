/**
 * Bad input: every case asserts the error class and the exact one-line message.
 * The table (call -> message) is the one reported in the issue note.
 */
import { describe, expect, it } from "vitest";
import { jones2009Model, addErpDrivesToJonesModel } from "../../bindings/model/models";
import { Network } from "../../bindings/model/network";
import { ValueError } from "../../bindings/util/validate";
import { pickConnection } from "../../bindings/model/pickConnection";
import { pyramidal } from "../../bindings/model/cells";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { DEFAULT_PARAMS } from "../../bindings/model/paramsDefault";
import { referenceJson, type AnyJson } from "./networkFixtures";

const net = jones2009Model({ meshShape: [3, 3] });
addErpDrivesToJonesModel(net);
const add = (...args: unknown[]) => () =>
  (net.addConnection as (...a: unknown[]) => void)(...args);
const ref3x3: AnyJson = referenceJson("neymotin2020_3x3_drives");
const withJson = (edit: (d: AnyJson) => void) => () => {
  const d = structuredClone(ref3x3);
  edit(d);
  readNetworkConfiguration(JSON.stringify(d));
};

const L2PYR_LOCS =
  "'proximal', 'distal', 'apical_trunk', 'apical_1', 'apical_tuft', 'apical_oblique', 'basal_1', 'basal_2', 'basal_3', and 'soma'";

type Case = [string, () => unknown, new (...a: never[]) => Error, string | RegExp];
const CASES: Case[] = [
  ["unknown source cell type", add("L2_pyr", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "Invalid value for the 'srcGids' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', 'L5_pyramidal', 'evdist1', 'evprox1', and 'evprox2', but got 'L2_pyr' instead."],
  ["unknown target cell type", add("L2_basket", "L6_basket", "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "Invalid value for the 'targetGids' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', and 'L5_pyramidal', but got 'L6_basket' instead."],
  ["a drive as target", add("L2_basket", "evprox1", "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "Invalid value for the 'targetGids' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', and 'L5_pyramidal', but got 'evprox1' instead."],
  ["target gids of a drive", add("L2_basket", [30, 31], "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "targetGids must be gids of a cell type (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal), got gids of 'evdist1'"],
  ["probability above 1", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { probability: 1.5 }), ValueError,
    "probability must be in the range (0,1), got 1.5"],
  ["probability 0", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { probability: 0 }), ValueError,
    "probability must be in the range (0,1), got 0"],
  ["probability NaN", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { probability: NaN }), ValueError,
    "probability must be in the range (0,1), got nan"],
  ["negative delay", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, -1.0, 3.0), ValueError,
    "delay must be non-negative, got -1"],
  ["lamtha 0", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 0), ValueError,
    "lamtha must be positive, got 0"],
  ["NaN weight", add("L2_basket", "L2_pyramidal", "soma", "gabaa", NaN, 1.0, 3.0), ValueError,
    "weight must be a finite number, got nan"],
  ["weight as a string", add("L2_basket", "L2_pyramidal", "soma", "gabaa", "0.01", 1.0, 3.0), TypeError,
    "weight must be an instance of int or float, got <class 'str'> instead"],
  ["negative gain", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { gain: -1 }), ValueError,
    "Synaptic gains must be non-negative.Got -1 for connection L2_basket->L2_pyramidal."],
  ["unknown receptor", add("L2_basket", "L2_pyramidal", "soma", "glu", 0.01, 1.0, 3.0), ValueError,
    "Invalid value for the 'receptor' parameter (the 'glu' receptor is not defined for the 'soma' of 'L2_pyramidal' cells). Allowed values are 'gabaa', and 'gabab', but got 'glu' instead."],
  ["receptor missing in a group section", add("L2_pyramidal", "L2_basket", "proximal", "gabab", 0.01, 1.0, 3.0), ValueError,
    "Invalid value for the 'receptor' parameter (the 'gabab' receptor is not defined for the 'soma' of 'L2_basket' cells). Allowed values are 'ampa', 'gabaa', and 'nmda', but got 'gabab' instead."],
  ["a loc the target does not have", add("L2_basket", "L2_pyramidal", "apical_2", "gabaa", 0.01, 1.0, 3.0), ValueError,
    `Invalid value for the 'loc' parameter (the loc 'apical_2' is not defined for 'L2_pyramidal' cells). Allowed values are ${L2PYR_LOCS}, but got 'apical_2' instead.`],
  ["loc not a string", add("L2_basket", "L2_pyramidal", 5, "gabaa", 0.01, 1.0, 3.0), TypeError,
    "loc must be an instance of str, got <class 'int'> instead"],
  ["source gid out of range", add(5000, "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "srcGids 5000 not in net.gid_ranges"],
  ["target gid out of range", add("L2_basket", [3, 9999], "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "target_gid 9999 not in net.gid_ranges"],
  ["non-integer gid", add([1.5], "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0), TypeError,
    "srcGids must be an instance of int, got <class 'float'> instead"],
  ["sources of two types", add([0, 4], "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "All srcGids must be of the same type"],
  ["targets of two types", add("L2_basket", [3, 12], "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "All target_gids must be of the same type"],
  ["one target list per source", add([0, 1, 2], [[3], [4]], "soma", "gabaa", 0.01, 1.0, 3.0), ValueError,
    "targetGids must have a list for each src."],
  ["targetGids of a wrong type", add("L2_basket", { a: 1 }, "soma", "gabaa", 0.01, 1.0, 3.0), TypeError,
    "targetGids must be an instance of int, list, range or str, got <class 'dict'> instead"],
  ["allowAutapses not a boolean", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { allowAutapses: "no" }), TypeError,
    "allowAutapses must be an instance of bool, got <class 'str'> instead"],
  ["bad connSeed", add("L2_basket", "L2_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0, { probability: 0.5, connSeed: -1 }), TypeError,
    "connSeed must be a non-negative integer or null, got -1"],
  ["meshShape with a zero", () => new Network({ ...DEFAULT_PARAMS }, { meshShape: [0, 10] }), ValueError,
    "meshShape must be a tuple of positive integers, got: (0, 10)"],
  ["meshShape not integers", () => new Network({ ...DEFAULT_PARAMS }, { meshShape: [2.5, 3] }), TypeError,
    "meshShape[0] must be an instance of int, got <class 'float'> instead"],
  ["params without threshold", () => new Network({ celsius: 37.0 }), ValueError,
    "params must contain 'threshold' (the cells' spike threshold in mV)"],
  ["negative in-plane distance", () => net.setCellPositions({ inplaneDistance: -1 }), ValueError,
    "In-plane distance must be positive, got: -1"],
  ["negative global gain", () => net.setGlobalSynapticGains({ eE: -1 }), ValueError,
    "Synaptic gains must be non-negative. Got -1 for 'eE'."],
  ["unknown pyramidal template", () => pyramidal("L6_pyramidal" as "L2_pyramidal"), Error,
    "Unknown pyramidal cell type: L6_pyramidal"],
  ["pickConnection: a section name as loc", () => pickConnection(net, { loc: "apical_tuft" }), ValueError,
    "Invalid value for the 'loc' parameter. Allowed values are 'proximal', 'distal', and 'soma', but got 'apical_tuft' instead."],
  ["pickConnection: receptor of a wrong type", () => pickConnection(net, { receptor: 5 as unknown as string }), TypeError,
    "receptor must be an instance of str, list, or None, got <class 'int'> instead"],
  ["pickConnection: unknown target type", () => pickConnection(net, { targetGids: "evprox1" }), ValueError,
    "Invalid value for the 'targetGids' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', and 'L5_pyramidal', but got 'evprox1' instead."],
  ["read: not a Network", withJson((d) => { d.object_type = "Dipole"; }), ValueError,
    "The json should encode a Network object. The file contains object of type Dipole"],
  ["read: not JSON", () => readNetworkConfiguration("{oops"), ValueError,
    /^network JSON: not valid JSON \(Expected property name or '\}' in JSON at position 1.*\)$/],
  ["read: missing key", withJson((d) => { delete d.N_pyr_x; }), ValueError,
    "network JSON: N_pyr_x must be an integer, got nothing (missing key)"],
  ["read: wrong type of a value", withJson((d) => { d.connectivity[0].nc_dict.A_weight = "0.1"; }), ValueError,
    'network JSON: connectivity[0].nc_dict.A_weight must be a finite number, got "0.1"'],
  ["read: unknown mechanism", withJson((d) => { d.cell_types.L2_basket.cell_object.sections.soma.mechs.nav = { gbar_nav: 1 }; }), ValueError,
    "network JSON: cell_types.L2_basket.cell_object.sections.soma.mechs has unknown mechanism 'nav'; hnn-core 0.6.1 mechanisms are hh2, km, ca, cad, kca, cat, ar"],
  ["read: connection to an unknown cell type", withJson((d) => { d.connectivity[0].target_type = "L6_pyramidal"; }), ValueError,
    "Invalid value for the 'connectivity[0].target_type' parameter. Allowed values are 'L2_basket', 'L2_pyramidal', 'L5_basket', and 'L5_pyramidal', but got 'L6_pyramidal' instead."],
  ["read: legacy cell layout of an unknown type", withJson((d) => { d.cell_types.L6_cell = { name: "x" }; }), ValueError,
    "network JSON: cell_types.L6_cell has no cell_metadata and 'L6_cell' is not a default cell type (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal)"],
  ["read: gid_pairs outside the source type", withJson((d) => { d.connectivity[0].gid_pairs = { "0": [0] }; }), ValueError,
    "network JSON: connectivity[0].gid_pairs connect L2_basket -> L2_basket, but src_type/target_type say evdist1 -> L2_basket"],
  ["read: receptor the section lacks", withJson((d) => { d.connectivity[0].receptor = "gabab"; }), ValueError,
    "network JSON: connectivity[0]: Invalid value for the 'receptor' parameter (the 'gabab' receptor is not defined for the 'soma' of 'L2_basket' cells). Allowed values are 'ampa', 'gabaa', and 'nmda', but got 'gabab' instead."],
  ["read: readDrives of a wrong type", () => readNetworkConfiguration(JSON.stringify(ref3x3), { readDrives: "no" as unknown as boolean }), TypeError,
    "readDrives must be an instance of bool, got <class 'str'> instead"],
];

describe("bad input is rejected with hnn-core-style messages", () => {
  it("has at least 15 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(15));
  for (const [what, fn, cls, msg] of CASES) {
    it(what, () => {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(err, "no error thrown").toBeInstanceOf(cls);
      if (typeof msg === "string") expect((err as Error).message).toBe(msg);
      else expect((err as Error).message).toMatch(msg);
    });
  }
  it("a failed addConnection leaves the network unchanged", () => {
    const n = net.connectivity.length;
    expect(add("L2_basket", "L2_pyramidal", "soma", "gabaa", NaN, 1.0, 3.0)).toThrow();
    expect(net.connectivity.length).toBe(n);
  });
});
