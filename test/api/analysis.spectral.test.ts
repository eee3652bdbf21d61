/**
 * PSD and Morlet TFR against scipy.signal.periodogram and hnn-core 0.6.1's vendored mne
 * tfr_array_morlet, computed as plot_psd / plot_tfr_morlet do
 * (fixtures/dipole_ops/spectral_reference.{py,json.gz}). Relative error = max|Δ| / max|ref| per row.
 */
import { describe, expect, it } from "vitest";
import {
  fft,
  ifft,
  morlet,
  morletPower,
  periodogram,
  periodogramSpectrum,
  psd,
  rfftfreq,
  tfrArrayMorlet,
  tfrMorlet,
} from "../../bindings/analysis";

import { gz, relMaxDiff as rel, trial } from "../helpers/dipoleFixtures";

interface TfrRef {
  freqs: number[];
  n_cycles: number[];
  padding: "zeros" | "mirror" | null;
  tmin: number | null;
  tmax: number | null;
  n_times: number;
  step: number;
  times: number[];
  power: number[][];
}
const REF = JSON.parse(gz("spectral_reference.json")) as {
  sfreq: number;
  psd_agg: { freqs: number[]; trials: number[][] };
  psd_L5_20_150: { freqs: number[]; trials: number[][] };
  tfr_zeros: TfrRef;
  tfr_mirror: TfrRef;
  tfr_none: TfrRef;
};

describe("FFT", () => {
  it("matches a direct DFT for power-of-two and other lengths", () => {
    for (const n of [1, 2, 8, 12, 17, 100, 6800]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i * i) + 0.1 * i);
      const X = fft(x);
      // direct DFT at a few bins
      for (const k of [0, 1, Math.floor(n / 3), n - 1].filter((k) => k < n)) {
        let re = 0;
        let im = 0;
        for (let j = 0; j < n; j++) {
          const a = (-2 * Math.PI * ((j * k) % n)) / n;
          re += x[j] * Math.cos(a);
          im += x[j] * Math.sin(a);
        }
        // Bound relative to Σ|x_j|, the scale of the rounding errors of any DFT.
        const scale = x.reduce((a, v) => a + Math.abs(v), 0);
        expect(Math.abs(X.re[k] - re)).toBeLessThanOrEqual(1e-13 * scale);
        expect(Math.abs(X.im[k] - im)).toBeLessThanOrEqual(1e-13 * scale);
      }
      const back = ifft(X.re, X.im);
      const tol = 1e-14 * (1 + Math.max(...x.map(Math.abs)));
      back.re.forEach((v, i) => expect(Math.abs(v - x[i])).toBeLessThan(tol));
      back.im.forEach((v) => expect(Math.abs(v)).toBeLessThan(tol));
    }
  });
  it("rfftfreq", () => {
    expect(Array.from(rfftfreq(5, 0.1))).toEqual([0, 2, 4]);
  });
});

describe("PSD (plot_psd: scipy periodogram, Hamming window)", () => {
  it("matches scipy for agg over the whole trial, per trial and averaged", () => {
    const r = psd([trial(0), trial(1)]);
    expect(rel(r.freqs, REF.psd_agg.freqs)).toBeLessThan(1e-15);
    let worst = 0;
    r.trialPower.forEach((p, k) => (worst = Math.max(worst, rel(p, REF.psd_agg.trials[k]))));
    console.log(`psd agg max relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-9);
    const mean = REF.psd_agg.trials[0].map((v, i) => (v + REF.psd_agg.trials[1][i]) / 2);
    expect(rel(r.power, mean)).toBeLessThan(1e-9);
    expect(r.scaleApplied).toBe(1);
  });
  it("matches scipy for L5 within [20, 150) ms", () => {
    const r = psd(trial(0), { layer: "L5", tmin: 20, tmax: 150 });
    const err = rel(r.power, REF.psd_L5_20_150.trials[0]);
    console.log(`psd L5 [20,150) max relative error ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-9);
    expect(r.freqs.length).toBe(REF.psd_L5_20_150.freqs.length);
  });
  it("periodogram of a pure tone peaks at its frequency; odd lengths double the last bin", () => {
    const fs = 1000;
    const x = Array.from({ length: 1000 }, (_, i) => Math.sin((2 * Math.PI * 50 * i) / fs));
    const { freqs, pxx } = periodogram(x, fs);
    expect(freqs[pxx.indexOf(Math.max(...pxx))]).toBe(50);
    expect(periodogram([1, 2, 4], 10).pxx.length).toBe(2);
  });
  it("bad input", () => {
    expect(() => psd([trial(0), trial(1).scale(2)])).toThrow(/All dipoles must be scaled equally!/);
    expect(() => psd(trial(0), { layer: "L3" as "L2" })).toThrow(/'layer' parameter.*'agg', 'L2', 'L5'/);
    expect(() => psd([])).toThrow(/non-empty list of Dipole/);
    expect(() => psd(trial(0), { tmin: 500 })).toThrow(/No samples/);
  });
});

describe("Morlet TFR (plot_tfr_morlet: mne tfr_array_morlet)", () => {
  for (const key of ["tfr_zeros", "tfr_mirror", "tfr_none"] as const) {
    it(`matches hnn-core/mne (${key})`, () => {
      const ref = REF[key];
      const r = tfrMorlet([trial(0), trial(1)], ref.freqs, {
        nCycles: ref.n_cycles.length === 1 ? ref.n_cycles[0] : ref.n_cycles,
        padding: ref.padding,
        tmin: ref.tmin,
        tmax: ref.tmax,
      });
      expect(r.times.length).toBe(ref.n_times);
      let worst = 0;
      r.power.forEach((row, f) => {
        const sub = row.filter((_, i) => i % ref.step === 0);
        worst = Math.max(worst, rel(sub, ref.power[f]));
      });
      expect(rel(r.times.filter((_, i) => i % ref.step === 0), ref.times)).toBeLessThan(1e-15);
      console.log(`tfr ${key} max relative error ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-9);
    });
  }
  it("wavelets have mne's length and norm √2", () => {
    const [w] = morlet(1000, [10], 7);
    // σ = 7/(20π) s; 5σ = 0.5570 s → 558 samples per side → 1115 in all.
    expect(w.re.length).toBe(2 * Math.ceil((5 * 7) / (2 * Math.PI * 10) / 0.001) - 1);
    let n2 = 0;
    for (let i = 0; i < w.re.length; i++) n2 += w.re[i] ** 2 + w.im[i] ** 2;
    expect(n2).toBeCloseTo(2, 12);
  });
  it("bad input", () => {
    expect(() => morlet(1000, [0, 10])).toThrow(/greater than 0/);
    expect(() => morlet(1000, [5, 10], [1, 2, 3])).toThrow(/n_cycles should be fixed or defined for each frequency/);
    expect(() => morlet(1000, [5, 10], [7, 0])).toThrow(/nCycles must be positive finite numbers \(cycles per wavelet\), got \[7, 0\]/);
    expect(() => tfrMorlet(trial(0), [20], { nCycles: NaN })).toThrow(/nCycles must be positive finite numbers \(cycles per wavelet\), got NaN/);
    expect(() => tfrArrayMorlet(new Float64Array(100), 1000, [600])).toThrow(/above Nyquist/);
    expect(() => tfrArrayMorlet(new Float64Array(100), 1000, [10])).toThrow(/wavelets is longer than the signal/);
    expect(() => tfrMorlet(trial(0), [20], { padding: "reflect" as "zeros" })).toThrow(/'padding' parameter/);
    expect(() => tfrMorlet(trial(0), [20], { decim: 2 })).toThrow(/decim is not supported yet/);
  });
});

describe("adapters for bindings/viz", () => {
  // plot_psd / plot_tfr_morlet on [tmin, tmax) = the trial less its last sample (6800 of 6801).
  const data = (k: number) => trial(k).data.agg.subarray(0, 6800);

  it("periodogramSpectrum gives scipy's periodogram of each trial", () => {
    for (const k of [0, 1]) {
      const { freqs, psd: p } = periodogramSpectrum(data(k), REF.sfreq);
      expect(rel(freqs, REF.psd_agg.freqs)).toBeLessThan(1e-15);
      expect(rel(p, REF.psd_agg.trials[k])).toBeLessThan(1e-9);
    }
  });

  it("morletPower gives mne's tfr_array_morlet power (tfr_none: 200 and 400 Hz, 7 cycles, no padding)", () => {
    const ref = REF.tfr_none;
    const [p0, p1] = [0, 1].map((k) => morletPower(data(k), REF.sfreq, ref.freqs, ref.n_cycles[0]));
    expect(p0[0].length).toBe(ref.n_times);
    ref.power.forEach((row, f) => {
      // The reference is the mean over both trials, every `step`-th sample.
      const mean = row.map((_, j) => (p0[f][j * ref.step] + p1[f][j * ref.step]) / 2);
      expect(rel(mean, row)).toBeLessThan(1e-9);
    });
  });
});
