/**
 * Network JSON (bindings/io/networkJson.ts): reading hnn-core 0.6.1's files and writing them back.
 */
import { describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { networkToDict, writeNetworkConfiguration } from "../../bindings/io/networkJsonWrite";
import { cpythonSetOrder } from "../../bindings/io/pythonJson";
import { jones2009Model, addErpDrivesToJonesModel } from "../../bindings/model/models";
import { referenceJson, referenceText, type AnyJson } from "../helpers/networkFixtures";

const NETWORK_FILES = ["jones2009_erp", "beta", "alpha", "gamma", "seed_custom_all", "seed_custom_sparse"];

/** Lines equal, or equal after reading every number token as a number (1 vs 1.0). */
function sameLayout(ours: string, ref: string): { lines: number; textDiff: number } {
  const a = ours.split("\n");
  const b = ref.split("\n");
  expect(a.length).toBe(b.length);
  const norm = (s: string) => s.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, (m) => String(Number(m)));
  let textDiff = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      textDiff++;
      expect(norm(a[i]), `line ${i + 1}`).toBe(norm(b[i]));
    }
  }
  return { lines: a.length, textDiff };
}

describe("read -> write round trip of hnn-core's network.json files", () => {
  for (const name of NETWORK_FILES) {
    it(`${name}: cells, gids, positions, drives (with events), biases, connectivity survive`, () => {
      const ref = referenceJson(name);
      const net = readNetworkConfiguration(referenceText(name));
      const back = JSON.parse(writeNetworkConfiguration(net, { writeOutput: true }));
      const expected: AnyJson = { ...ref, cell_response: {} };
      expect(back).toStrictEqual(expected);
      // key order of the top level, of a connection and of a drive is hnn-core's
      expect(Object.keys(back)).toStrictEqual(Object.keys(ref));
      expect(Object.keys(back.connectivity[0])).toStrictEqual(Object.keys(ref.connectivity[0]));
      const d0 = Object.keys(ref.external_drives)[0];
      if (d0 !== undefined) expect(Object.keys(back.external_drives[d0])).toStrictEqual(Object.keys(ref.external_drives[d0]));
      // src_gids / target_gids lists in CPython set order, as hnn-core wrote them
      back.connectivity.forEach((c: AnyJson, i: number) => {
        expect(c.src_gids).toStrictEqual(ref.connectivity[i].src_gids);
        expect(c.target_gids).toStrictEqual(ref.connectivity[i].target_gids);
      });
      // and reading our own output gives the same network again
      const again = readNetworkConfiguration(writeNetworkConfiguration(net, { writeOutput: true }));
      expect(networkToDict(again, { writeOutput: true })).toStrictEqual(networkToDict(net, { writeOutput: true }));
    });
  }

  it("the reader keeps the stored pruned pairs (no second pruning) and the full src/target sets", () => {
    const ref = referenceJson("seed_custom_sparse");
    const net = readNetworkConfiguration(referenceText("seed_custom_sparse"));
    const c = net.connectivity[25];
    expect(c.probability).toBe(0.1);
    expect(c.nPairs).toBe(122);
    expect(c.numSrcs).toBe(ref.connectivity[25].num_srcs);
    expect(c.srcGids.size).toBe(35);
  });

  it("drive events and seeds are kept; readDrives / readExternalBiases false drop them", () => {
    const net = readNetworkConfiguration(referenceText("jones2009_erp"));
    const ev = net.externalDrives.evprox1;
    expect(ev.events.length).toBe(2);
    expect(ev.events[0][0]).toStrictEqual([25.482400029849224]);
    expect(ev.eventSeed).toBe(507);
    const noDrives = readNetworkConfiguration(referenceText("jones2009_erp"), { readDrives: false });
    expect(noDrives.connectivity.length).toBe(16);
    expect(Object.keys(noDrives.externalDrives)).toStrictEqual([]);
    expect(noDrives.nGids).toBe(270);
    const withBias = readNetworkConfiguration(referenceText("neymotin2020_3x3_drives"));
    expect(withBias.externalBiases.tonic.L2_pyramidal.amplitude).toBe(1.0);
    const noBias = readNetworkConfiguration(referenceText("neymotin2020_3x3_drives"), { readExternalBiases: false });
    expect(noBias.externalBiases).toStrictEqual({});
  });
});

describe("hnn-core's own test assets (written by write_network_configuration, no events)", () => {
  it("neymotin2020_3x3_drives: our text has hnn-core's exact layout (numbers differ only as int vs float)", () => {
    const text = referenceText("neymotin2020_3x3_drives");
    const net = readNetworkConfiguration(text);
    expect(Object.keys(net.externalDrives)).toStrictEqual(["evdist1", "evprox1", "evprox2", "alpha_prox", "poisson"]);
    expect(Object.keys(net.recArrays)).toStrictEqual(["el1", "arr1"]);
    const ours = writeNetworkConfiguration(net);
    const { lines } = sameLayout(ours, text.replace(/\n$/, ""));
    expect(lines).toBeGreaterThan(1000);
  });

  it("gamma_L5weak_L2weak_hierarchical: legacy cell layout and nc_dict without gain", () => {
    const net = readNetworkConfiguration(referenceText("gamma_L5weak_L2weak_hierarchical"));
    expect(net.cellTypes.L2_basket.cellMetadata.electroType).toBe("inhibitory");
    expect(net.connectivity.length).toBe(24);
    expect(net.connectivity.every((c) => c.ncDict.gain === 1.0)).toBe(true);
    const back = JSON.parse(writeNetworkConfiguration(net));
    expect(Object.keys(back.cell_types.L5_pyramidal)).toStrictEqual(["cell_object", "cell_metadata"]);
  });
});

describe("writing our own networks", () => {
  it("jones2009Model + ERP drives writes hnn-core's structure and reads back identically", () => {
    const net = jones2009Model();
    addErpDrivesToJonesModel(net);
    const text = writeNetworkConfiguration(net);
    const d = JSON.parse(text);
    expect(d.connectivity.length).toBe(30);
    expect(d.external_drives.evprox1.events).toStrictEqual([]);
    expect(d.connectivity[0].allow_autapses).toBe(0);
    expect(d.connectivity[16].allow_autapses).toBe(1);
    expect(text).toContain('"A_weight": 7e-06');
    expect(text).toContain('"N_pyr_x": 10,');
    expect(networkToDict(readNetworkConfiguration(text))).toStrictEqual(networkToDict(net));
  });

  it("CPython set order of gids (NETWORK.md §10 examples)", () => {
    const r = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
    expect(cpythonSetOrder(r(505, 540))).toStrictEqual([...r(512, 540), ...r(505, 512)]);
    expect(cpythonSetOrder(r(280, 290))).toStrictEqual([288, 289, ...r(280, 288)]);
    expect(cpythonSetOrder(r(945, 1045))).toStrictEqual([...r(1024, 1045), ...r(945, 1024)]);
    expect(cpythonSetOrder([3, 1, 2, 1])).toStrictEqual([1, 2, 3]);
  });
});
