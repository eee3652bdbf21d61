/**
 * hnn-core 0.6.1's `Params` (params.py `Params.__getitem__` / `__setitem__`: keys as `fnmatch`
 * patterns) and `Network.__eq__` (network.py) with `remove_nulled_drives` (params.py).
 */
import { describe, expect, it } from "vitest";
import { jones2009Model, KeyError, Network, Params, readParams, removeNulledDrives } from "../../bindings/index";
import { fnmatchFilter } from "../../bindings/model/paramsObject";
import { DEFAULT_PARAMS_JSON } from "../../bindings/model/paramsDefault";

const defaults = (): Params => new Params(DEFAULT_PARAMS_JSON);

describe("Params with pattern keys", () => {
  it("reads the matching parameters as a new Params, as hnn-core's fnmatch.filter selects them", () => {
    const p = defaults();
    const sub = p["gbar_L2Pyr*"] as unknown as Params;
    expect(sub).toBeInstanceOf(Params);
    const expected = Object.keys(p).filter((k) => k.startsWith("gbar_L2Pyr"));
    expect(expected.length).toBeGreaterThan(3);
    expect(Object.keys(sub)).toEqual(expected);
    for (const k of expected) expect(sub[k]).toBe(p[k]);
    // hnn-core's test_read_legacy_params idiom: every seed key
    expect(Object.keys(p["prng_seedcore*"] as unknown as Params).every((k) => k.startsWith("prng_seedcore"))).toBe(true);
  });

  it("the subset is a copy: writing it leaves the original alone", () => {
    const p = defaults();
    const before = p.gbar_L2Pyr_L2Pyr_ampa;
    const sub = p["gbar_L2Pyr*"] as unknown as Params;
    sub.gbar_L2Pyr_L2Pyr_ampa = 99;
    expect(p.gbar_L2Pyr_L2Pyr_ampa).toBe(before);
  });

  it("writing a pattern sets every matching parameter and nothing else", () => {
    const p = defaults();
    const others = Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith("gbar_L2Pyr")));
    p["gbar_L2Pyr*"] = 0.25;
    for (const [k, v] of Object.entries(p)) expect(v).toBe(k.startsWith("gbar_L2Pyr") ? 0.25 : others[k]);
    expect(Object.keys(p).length).toBe(Object.keys(defaults()).length);
  });

  it("a pattern matching nothing: KeyError on read (hnn-core's dict.__getitem__), a new literal key on write", () => {
    const p = defaults();
    expect(() => p["gbar_nothing*"]).toThrow(new KeyError("'gbar_nothing*'"));
    p["gbar_nothing*"] = 1;
    expect(p["gbar_nothing*"]).toBe(1);
  });

  it("a key that exists is read and written as itself even when it looks like a pattern", () => {
    const p = defaults();
    p["odd*"] = 3; // added literally (no match)
    p["odd*"] = 4; // now an existing key
    expect(p["odd*"]).toBe(4);
  });

  it("fnmatch: ?, [seq], [!seq], ranges, an unclosed [ and regex characters as literals", () => {
    const keys = ["a1", "a2", "ab", "a.", "a[", "b1", "a]", "a-"];
    expect(fnmatchFilter(keys, "a?")).toEqual(["a1", "a2", "ab", "a.", "a[", "a]", "a-"]);
    expect(fnmatchFilter(keys, "a[12]")).toEqual(["a1", "a2"]);
    expect(fnmatchFilter(keys, "a[!12]")).toEqual(["ab", "a.", "a[", "a]", "a-"]);
    expect(fnmatchFilter(keys, "?[0-9]")).toEqual(["a1", "a2", "b1"]);
    expect(fnmatchFilter(keys, "a[")).toEqual(["a["]);
    expect(fnmatchFilter(keys, "a.")).toEqual(["a."]);
    expect(fnmatchFilter(keys, "a[]]")).toEqual(["a]"]);
    expect(fnmatchFilter(keys, "a[-]")).toEqual(["a-"]);
  });

  it("readParams returns a Params; Params(non-dict) is hnn-core's error; a network copy keeps the Params", () => {
    const p = readParams(JSON.stringify(DEFAULT_PARAMS_JSON), "default.json");
    expect(p).toBeInstanceOf(Params);
    expect(() => new Params([] as unknown as Record<string, number>)).toThrow("params_input must be dict or None. Got list");
    const net = new Network(p);
    const copy = net.copy();
    expect(copy.params).toBeInstanceOf(Params);
    expect(copy.params).not.toBe(p);
    expect({ ...copy.params }).toEqual({ ...p });
  });
});

describe("Network.equals (hnn-core Network.__eq__)", () => {
  const small = (): Network => jones2009Model({ meshShape: [3, 3], addDrivesFromParams: true });

  it("two networks built alike are equal; a copy is equal", () => {
    expect(small().equals(small())).toBe(true);
    expect(small().equals(small().copy())).toBe(true);
  });

  it("connection order does not matter (_compare_lists), but connection contents do", () => {
    const a = small();
    const b = small();
    b.connectivity.reverse();
    expect(a.equals(b)).toBe(true);
    b.connectivity[0].ncDict.A_weight += 1e-9;
    expect(a.equals(b)).toBe(false);
    const c = small();
    c.connectivity.pop();
    expect(a.equals(c)).toBe(false);
  });

  it("what hnn-core compares: drives, cell templates, positions, threshold, delay, biases", () => {
    const base = small();
    const edits: ((n: Network) => void)[] = [
      (n) => n.clearDrives(),
      (n) => (n.threshold = 1),
      (n) => (n.delay = 2),
      (n) => n.cellTypes.L2_basket.cellObject.modifySection("soma", { L: n.cellTypes.L2_basket.cellObject.sections.soma.L + 1 }),
      (n) => (n.cellTypes.L2_pyramidal.cellMetadata.layer = "3"),
      (n) => (n.externalDrives.evprox1.eventSeed += 1),
      (n) => n.addTonicBias({ cellType: "L2_basket", amplitude: 1.0, t0: 0, tstop: 10 }),
      (n) => n.addElectrodeArray("shank", [[0, 0, 0]]),
    ];
    for (const edit of edits) {
      const n = small();
      edit(n);
      expect(base.equals(n)).toBe(false);
    }
  });

  it("what hnn-core does not compare: parameters, legacy mode; end points agree to 5 decimals", () => {
    const a = small();
    const b = jones2009Model({ meshShape: [3, 3], addDrivesFromParams: true, params: new Params({ ...DEFAULT_PARAMS_JSON, N_trials: 7 }) });
    expect(a.equals(b)).toBe(true);
    const soma = b.cellTypes.L5_pyramidal.cellObject.sections.soma;
    soma.endPts[0][2] += 1e-6;
    expect(a.equals(b)).toBe(true);
    soma.endPts[0][2] += 1e-4;
    expect(a.equals(b)).toBe(false);
  });
});

describe("removeNulledDrives (hnn-core remove_nulled_drives)", () => {
  it("drops drives that start after they stop or have no positive weight, and renumbers drive gids", () => {
    const net = jones2009Model({ meshShape: [3, 3], legacyMode: true }); // legacy: no argument checks, as for .param files
    net.addBurstyDrive("nulled", { tstart: 100, tstop: 50, burstRate: 10, location: "distal", weightsAmpa: { L2_pyramidal: 0.1 } });
    net.addPoissonDrive("zero", { rateConstant: 10, location: "proximal", weightsAmpa: { L2_pyramidal: 0 } });
    net.addEvokedDrive("kept", { mu: 10, sigma: 1, numspikes: 1, location: "proximal", weightsAmpa: { L2_pyramidal: 0.1 } });
    const out = removeNulledDrives(net);
    expect(Object.keys(out.externalDrives)).toEqual(["kept"]);
    const driveConns = (n: Network): string[] => n.connectivity.filter((c) => c.srcType in net.externalDrives).map((c) => c.srcType);
    expect(driveConns(out)).toEqual(driveConns(net).filter((s) => s === "kept"));
    const cells = net.gidRanges.L5_pyramidal.stop;
    const size = net.gidRanges.kept.stop - net.gidRanges.kept.start;
    expect(net.gidRanges.kept.start).toBeGreaterThan(cells);
    expect(out.gidRanges.kept).toEqual({ start: cells, stop: cells + size });
    expect(out.equals(net)).toBe(false);
    expect(Object.keys(net.externalDrives)).toEqual(["nulled", "zero", "kept"]); // the input is left alone
  });
});
