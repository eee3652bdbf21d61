/**
 * Objectives against hnn-core 0.6.1's own values (fixtures/optim/objectives_oracle.json, a copy of
 * ../shared/spec/optim) and the objective pipeline, scipy's resample and numpy's FFT
 * (fixtures/optim/objectives_reference.{py,json.gz}), on jones2009_erp's dipoles.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Dipole } from "../../bindings/analysis";
import { fft } from "../../bindings/analysis/fft";
import { resample } from "../../bindings/optim/resample";
import {
  anticorrelation,
  OBJECTIVES,
  relativeBandpower,
  rmse,
  type FrequencyBand,
  type ObjectiveOptions,
} from "../../bindings/optim/objectives";
import { trial } from "../helpers/dipoleFixtures";

const fixture = (name: string): unknown =>
  JSON.parse(gunzipSync(readFileSync(join(__dirname, "../fixtures/optim", name + ".gz"))).toString("utf8"));

interface OracleCase {
  fn: "rmse" | "anticorr" | "relative_bandpower";
  sim: string;
  exp?: string;
  kwargs?: { tstart: number; tstop: number; weights?: string };
  f_bands?: [number, number][];
  relative_bandpower?: number | number[];
  value: number;
}
const ORACLE = (fixture("objectives_oracle.json") as { cases: OracleCase[] }).cases;
const REF = fixture("objectives_reference.json") as {
  fft: { n: number; re: number[]; im: number[] }[];
  resample: { start: number; n: number; num: number; y: number[] }[];
  objectives: {
    obj_fun: keyof typeof OBJECTIVES;
    trials: number[];
    kwargs: { tstop?: number; scale_factor?: number; smooth_window_len?: number; f_bands?: FrequencyBand[]; relative_bandpower?: number | number[] };
    value: number;
  }[];
};

/** The oracle's series names: "trial0" or "trial1[::k]" (every k-th sample of the agg column). */
function series(name: string): Dipole {
  const m = /^trial(\d)(?:\[::(\d+)\])?$/.exec(name);
  if (m === null) throw new Error(`unknown series ${name}`);
  const d = trial(Number(m[1]));
  const k = m[2] === undefined ? 1 : Number(m[2]);
  const every = (a: Float64Array): number[] => Array.from(a).filter((_, i) => i % k === 0);
  return new Dipole(every(d.times), every(d.data.agg));
}

/** numpy linspace(0, 2, n). */
const linspace02 = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? 2 : (2 * i) / (n - 1)));

const relDiff = (ours: number, ref: number): number => Math.abs(ours - ref) / Math.abs(ref);

describe("objectives oracle (hnn-core 0.6.1 _rmse, _anticorr, _get_relative_power)", () => {
  for (const [i, c] of ORACLE.entries()) {
    it(`case ${i}: ${c.fn} ${c.sim}${c.exp ? " vs " + c.exp : ""} ${JSON.stringify(c.kwargs ?? c.f_bands)}`, () => {
      const sim = series(c.sim);
      let value: number;
      if (c.fn === "relative_bandpower") {
        value = relativeBandpower(sim, c.f_bands!, c.relative_bandpower!);
      } else {
        const { tstart, tstop, weights } = c.kwargs!;
        const opts = { tstart, tstop, weights: weights === undefined ? undefined : linspace02(sim.times.length) };
        if (weights !== undefined) expect(weights).toBe("linspace(0, 2, n_samples_of_sim)");
        value = (c.fn === "rmse" ? rmse : anticorrelation)(sim, series(c.exp!), opts);
      }
      const err = relDiff(value, c.value);
      console.log(`objectives oracle case ${i} (${c.fn}): relative difference ${err.toExponential(2)}`);
      expect(err).toBeLessThanOrEqual(1e-12);
    });
  }
});

describe("objective pipeline (scale, smooth, average over trials, compare)", () => {
  for (const [i, c] of REF.objectives.entries()) {
    it(`${c.obj_fun} on trials ${c.trials} ${JSON.stringify(c.kwargs)}`, () => {
      const d1 = trial(1);
      const every4 = (a: Float64Array): number[] => Array.from(a).filter((_, j) => j % 4 === 0);
      const target = new Dipole(every4(d1.times), every4(d1.data.agg).map((v) => v * 3000));
      const dpls = c.trials.map((k) => trial(k));
      const before = dpls.map((d) => d.data.agg.slice());
      const opts: ObjectiveOptions = {
        tstop: c.kwargs.tstop,
        scaleFactor: c.kwargs.scale_factor,
        smoothWindowLen: c.kwargs.smooth_window_len,
        fBands: c.kwargs.f_bands,
        relativeBandpower: c.kwargs.relative_bandpower,
      };
      const value = OBJECTIVES[c.obj_fun](dpls, target, opts);
      const err = relDiff(value, c.value);
      console.log(`objective pipeline ${i} (${c.obj_fun}): relative difference ${err.toExponential(2)}`);
      expect(err).toBeLessThanOrEqual(1e-12);
      dpls.forEach((d, k) => expect(d.data.agg).toEqual(before[k])); // the trials are not modified
    });
  }
});

describe("resample (scipy.signal.resample) and the FFT under it (numpy.fft.fft)", () => {
  const agg = trial(0).data.agg;
  it("FFT matches numpy", () => {
    for (const r of REF.fft) {
      const X = fft(agg.subarray(0, r.n));
      const scale = Math.max(...r.re.map(Math.abs), ...r.im.map(Math.abs));
      const err = Math.max(...r.re.map((v, k) => Math.abs(X.re[k] - v)), ...r.im.map((v, k) => Math.abs(X.im[k] - v))) / scale;
      console.log(`fft n=${r.n}: max difference / max |X| ${err.toExponential(2)}`);
      expect(err).toBeLessThan(1e-14);
    }
  });
  for (const r of REF.resample) {
    it(`${r.n} → ${r.num} samples`, () => {
      const x = agg.subarray(r.start, r.start + r.n);
      const y = resample(x, r.num);
      expect(y.length).toBe(r.num);
      // Rounding errors of a DFT scale with the input, not with an output that cancels (5 → 1).
      const err = Math.max(...y.map((v, i) => Math.abs(v - r.y[i]))) / Math.max(...x.map(Math.abs));
      expect(err).toBeLessThan(1e-14);
    });
  }
  it("rejects bad lengths", () => {
    expect(() => resample([], 3)).toThrow(/at least 1 sample/);
    expect(() => resample([1, 2], 0)).toThrow(/num must be a positive integer, got 0/);
    expect(() => resample([1, 2], 2.5)).toThrow(/num must be a positive integer/);
  });
});

describe("bad input", () => {
  const d = trial(0);
  it("names the argument", () => {
    expect(() => rmse(d, d, { tstart: 50, tstop: 50 })).toThrow(/holds no samples/);
    expect(() => rmse(d, d, { tstop: 100, weights: [1, 2] })).toThrow(/weights must have at least 4000 values/);
    expect(() => relativeBandpower(d, [[8, 12]], [1, 2])).toThrow("Length of relative_bandpower must match length of f_bands.");
    expect(() => OBJECTIVES.dipole_rmse([d], undefined, { tstop: 100 })).toThrow("target must be specified");
    expect(() => OBJECTIVES.maximize_psd([d], undefined, { fBands: [[8, 12]] })).toThrow(
      "f_bands and relative_bandpower must be specified",
    );
    expect(() => OBJECTIVES.dipole_corr([], d, { tstop: 100 })).toThrow(/non-empty list of Dipole/);
  });
});
