/**
 * ExtracellularArray (hnn-core extracellular.py) without simulating: transfer resistances against
 * closed forms derived here (a point source 1/(4πσd); a uniform line source, whose potential is the
 * integral of point sources along it: (1/len)·[asinh(z/r)] between its ends), NEURON's 3-D points,
 * the class's methods and errors, and the
 * network file round trip.
 */
import { describe, expect, it } from "vitest";
import { ExtracellularArray } from "../../bindings/model/extracellular";
import { sectionPoints3d, transferResistance, type Section3d } from "../../bindings/model/transferResistance";
import { neymotin2020Model } from "../../bindings/model/models";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { writeNetworkConfiguration } from "../../bindings/io/networkJsonWrite";
import { ValueError } from "../../bindings/util/validate";
import type { Vec3 } from "../../bindings/model/types";

const SIGMA = 0.3;
/** µV per nA for a factor phi (1/µm): 1000·phi/(4πσ). */
const uV = (phi: number) => (1000 * phi) / (4 * Math.PI * SIGMA);
/** A straight section along z from 0 to lengthUm. */
const alongZ = (lengthUm: number): Section3d => ({ start: [0, 0, 0], end: [0, 0, lengthUm], lengthUm });
/** Uniform line source from z0 to z1 on the z axis seen from radial distance r at height z: (1/len)∫dz'/√(r²+(z−z')²). */
const line = (z0: number, z1: number, r: number, z: number) => (Math.asinh((z - z0) / r) - Math.asinh((z - z1) / r)) / (z1 - z0);

describe("transfer resistance (hnn-core _transfer_resistance)", () => {
  it("psa: 1/(4πσ·distance to each segment centre), at least minDistance", () => {
    const opts = { conductivity: SIGMA, method: "psa" as const, minDistance: 0.5 };
    // nseg 3 over 150 µm: centres at z = 25, 75, 125.
    const r = transferResistance(alongZ(150), 3, [40, 0, 75], opts);
    [uV(1 / Math.hypot(40, 50)), uV(1 / 40), uV(1 / Math.hypot(40, 50))].forEach((x, k) => expect(r[k] / x, `segment ${k}`).toBeCloseTo(1, 14));
    expect(transferResistance(alongZ(100), 1, [0, 0, 50], opts)[0]).toBeCloseTo(uV(1 / 0.5), 9);
    expect(transferResistance(alongZ(100), 1, [0, 0.1, 50], { ...opts, minDistance: 2 })[0]).toBeCloseTo(uV(1 / 2), 9);
  });

  it("lsa: a uniform line source, beside, ahead of and behind the line, and within it", () => {
    const opts = { conductivity: SIGMA, method: "lsa" as const, minDistance: 0.5 };
    // nseg 1: the line spans the section (0 … 100 µm).
    for (const [e, r, z] of [
      [[30, 0, 50], 30, 50],
      [[10, 0, 150], 10, 150],
      [[0, -10, -50], 10, -50],
      [[3, 4, 20], 5, 20],
    ] as [Vec3, number, number][]) {
      expect(transferResistance(alongZ(100), 1, e, opts)[0], `electrode ${e}`).toBeCloseTo(uV(line(0, 100, r, z)), 10);
    }
    // nseg 3 over 150 µm: segment 0 from 0 to 50 (its centre ± x·L), segment 1 from 25 to 125 (centre ± one segment), segment 2 from 100 to 150.
    const r = transferResistance(alongZ(150), 3, [20, 0, 60], opts);
    [line(0, 50, 20, 60), line(25, 125, 20, 60), line(100, 150, 20, 60)].forEach((phi, k) => expect(r[k], `segment ${k}`).toBeCloseTo(uV(phi), 10));
    // On the axis the radial distance is minDistance.
    expect(transferResistance(alongZ(100), 1, [0, 0, 200], { ...opts, minDistance: 1 })[0]).toBeCloseTo(uV(line(0, 100, 1, 200)), 10);
  });
});

describe("the sections' 3-D points as NEURON holds them", () => {
  it("float32 points, rescaled to L about the first point, children moved onto their parent's end", () => {
    const pts = sectionPoints3d(
      [
        { endPts: [[0, 0, 0], [0, 0, 10]], L: 20, parent: -1 },
        { endPts: [[0, 0, 10], [0, 10, 10]], L: 5, parent: 0 },
        { endPts: [[0, 0, 0], [0, 0, -7]], L: 7, parent: -1 },
      ],
      [0.1, 0, 1307.4],
    );
    const x = Math.fround(0.1);
    const z = Math.fround(1307.4);
    expect(pts[0].start).toEqual([x, 0, z]);
    expect(pts[0].end).toEqual([x, 0, Math.fround(z + 20)]);
    expect(pts[0].lengthUm).toBeCloseTo(20, 12);
    // Section 1 starts where section 0 ends, and is 5 µm long along y.
    expect(pts[1].start).toEqual(pts[0].end);
    expect(pts[1].end).toEqual([x, 5, pts[0].end[2]]);
    // Attached at the root's x = 0 end: where section 0 starts.
    expect(pts[2].start).toEqual(pts[0].start);
    expect(pts[2].end[2]).toBe(Math.fround(z - 7));
  });
});

describe("ExtracellularArray", () => {
  const times = Float64Array.from({ length: 401 }, (_, i) => i * 0.025);
  const trace = (f: (t: number) => number) => Float64Array.from(times, f);
  const make = () =>
    new ExtracellularArray(
      [
        [0, 0, 0],
        [0, 0, 100],
      ],
      { method: "lsa", times, voltages: [[trace(() => 1), trace((t) => t)], [trace(() => 2), trace((t) => -t)]] },
    );

  it("holds positions, settings and data; sfreq from the sample interval", () => {
    const arr = make();
    expect(arr.nContacts).toBe(2);
    expect(arr.length).toBe(2);
    expect([arr.conductivity, arr.method, arr.minDistance]).toEqual([0.3, "lsa", 0.5]);
    expect(arr.sfreq).toBeCloseTo(40000, 6);
    expect(String(arr)).toBe("<ExtracellularArray | 2 electrodes, conductivity=0.3, method=lsa | 2 trials, 401 times>");
    expect(String(new ExtracellularArray([1, 2, 3]))).toBe("<ExtracellularArray | 1 electrodes, conductivity=0.3, method=psa (no data recorded yet)>");
    expect(new ExtracellularArray([1, 2, 3]).sfreq).toBe(null);
    // times and voltages are copies.
    arr.voltages[0][0][0] = 99;
    arr.times[0] = 99;
    expect([arr.voltages[0][0][0], arr.times[0]]).toEqual([1, 0]);
  });

  it("at(trial) picks trials like hnn-core's indexing; copy() is independent", () => {
    const arr = make();
    expect(arr.at(1).voltages).toEqual([[trace(() => 2), trace((t) => -t)]]);
    expect(arr.at(-2).voltages[0][0][0]).toBe(1);
    expect(arr.at([1, 0]).voltages.map((tr) => tr[0][0])).toEqual([2, 1]);
    expect(() => arr.at(2)).toThrow(new RangeError("the data contain 2 trials, the indices provided are out of range: 2"));
    expect(() => arr.at(0.5)).toThrow(TypeError);
    const c = arr.copy().smooth(1);
    expect(c.voltages[0][0][200]).toBeCloseTo(1, 12); // a Hamming average of a constant, inside the trace
    expect(arr.voltages[0][0][0]).toBe(1);
  });

  it("smooth(windowLen) averages every trace in place with a Hamming window", () => {
    const arr = make();
    // 2.025 ms at 40 kHz: 81 samples, an odd window, centred on its sample (numpy's 'same' mode).
    expect(arr.smooth(2.025)).toBe(arr);
    // A straight line stays straight where the window lies inside the data (the window is symmetric).
    expect(arr.voltages[0][1][200]).toBeCloseTo(times[200], 10);
    expect(arr.voltages[1][1][300]).toBeCloseTo(-times[300], 10);
    expect(arr.voltages[0][1][0]).toBeLessThan(times[40]); // zero padding at the edge
  });

  it("toDict() has hnn-core's keys", () => {
    const d = make().at(0).toDict();
    expect(Object.keys(d)).toEqual(["positions", "conductivity", "method", "min_distance", "times", "voltages"]);
    expect(d.voltages[0][1][400]).toBe(times[400]);
    expect(d.positions).toEqual([
      [0, 0, 0],
      [0, 0, 100],
    ]);
  });

  it("refuses bad arguments with hnn-core's messages", () => {
    expect(() => new ExtracellularArray([[0, 0]] as unknown as Vec3[])).toThrow(new ValueError("positions should be provided as xyz coordinate triplets, got: [[0,0]]"));
    expect(() => new ExtracellularArray([0, 0, 0], { conductivity: -1 })).toThrow(new ValueError("conductivity must be a positive number"));
    expect(() => new ExtracellularArray([0, 0, 0], { minDistance: 0 })).toThrow(new ValueError("min_distance must be a positive number"));
    expect(() => new ExtracellularArray([0, 0, 0], { method: "csd" as "psa" })).toThrow(ValueError);
    expect(() => new ExtracellularArray([0, 0, 0], { times: [0, 1], voltages: [[[0, 1, 2]]] })).toThrow(new ValueError("length of times and voltages must match, got 2 and 3"));
    expect(() => new ExtracellularArray([0, 0, 0], { times: [0], voltages: [[[0], [1]]] })).toThrow(new ValueError("number of voltage traces must match number of channels, got 2 and 1"));
  });
});

describe("network files", () => {
  it("write rec_arrays in hnn-core's to_dict layout (data only with writeOutput); read them back as arrays without data", () => {
    const net = neymotin2020Model();
    net.addElectrodeArray("shank", [
      [0, 0, 0],
      [0, 0, 100],
    ]);
    net.addElectrodeArray("point", [1, 2, 3], { method: "lsa", conductivity: 0.5, minDistance: 1 });
    net.recArrays.shank.appendTrial(Float64Array.of(0, 0.025), [Float64Array.of(0, 1.5), Float64Array.of(0, -2)]);
    const written = JSON.parse(writeNetworkConfiguration(net, { writeOutput: true })).rec_arrays;
    expect(written.shank).toEqual({ positions: [[0, 0, 0], [0, 0, 100]], conductivity: 0.3, method: "psa", min_distance: 0.5, times: [0, 0.025], voltages: [[[0, 1.5], [0, -2]]] });
    expect(JSON.parse(writeNetworkConfiguration(net)).rec_arrays.shank.voltages).toEqual([]);
    const back = readNetworkConfiguration(writeNetworkConfiguration(net, { writeOutput: true }));
    expect(back.recArrays.point).toBeInstanceOf(ExtracellularArray);
    expect(back.recArrays.point.toDict()).toEqual({ positions: [[1, 2, 3]], conductivity: 0.5, method: "lsa", min_distance: 1, times: [], voltages: [] });
    expect(back.recArrays.shank.length).toBe(0);
  });
});
