// `decim` of plotDipole / plotTfrMorlet: scipy.signal.decimate as hnn-core calls it, checked against
// scipy's own output (test/fixtures/viz/gen_decimate_csd.py), and its effect on the figures.
import { describe, expect, it } from "vitest";
import { decimate, decimatePlotData, plotDipole, plotTfrMorlet, type Figure } from "../../bindings/viz/node.js";
import { decimationSos } from "../../bindings/analysis/decimate.js";
import { syntheticDipole } from "../../scripts/viz-demo.data.js";
import { fixtureText } from "../helpers/fixtures.js";

interface Fixture {
  sos: Record<string, number[][]>;
  x: number[];
  x28: number[];
  decimate: { n: number; factors: number[]; y: number[] }[];
}
const fx = JSON.parse(fixtureText("viz/decimate_csd.json")) as Fixture;

/** Largest |a − b| relative to the largest |b|. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}

describe("scipy.signal.decimate", () => {
  it("designs scipy's cheby1(8, 0.05, 0.8/q) sections for q = 1..13", () => {
    for (const [q, sos] of Object.entries(fx.sos)) {
      const ours = decimationSos(Number(q));
      expect(ours).toHaveLength(4);
      sos.forEach((row, i) => expect(relErr(ours[i]!, row)).toBeLessThan(1e-13));
    }
  });

  it("matches scipy's output for single factors, successive lists and the shortest signal", () => {
    for (const c of fx.decimate) {
      const x = c.n === 300 ? fx.x : fx.x28;
      const { data, times, sfreq } = decimatePlotData(c.factors, x, x.map((_, i) => i * 0.025), 40000);
      expect(relErr(data, c.y)).toBeLessThan(1e-12);
      const q = c.factors.reduce((p, f) => p * f, 1);
      expect(Array.from(times)).toEqual(Array.from({ length: c.y.length }, (_, i) => i * q * 0.025));
      expect(sfreq).toBe(40000 / q);
    }
  });

  it("scales a constant by the filter's DC gain twice and removes a tone above the new Nyquist frequency", () => {
    const n = 400;
    // An even-order Chebyshev I passes DC at the bottom of its 0.05 dB ripple; forward and back: 10^(−0.05/10).
    const flat = decimate(new Array(n).fill(3), 4);
    for (const v of flat) expect(v).toBeCloseTo(3 * 10 ** (-0.05 / 10), 12);
    // 0.45 cycles/sample is far above the cut-off 0.8/4 of Nyquist (0.1 cycles/sample); the odd
    // padding's transient takes a few hundred samples to die out.
    const tone = decimate(Array.from({ length: 2000 }, (_, i) => Math.sin(2 * Math.PI * 0.45 * i)), 4);
    expect(Math.max(...tone.slice(150, -150).map(Math.abs))).toBeLessThan(1e-9);
  });

  it("rejects bad factors and signals within the filter padding, as scipy and hnn-core do", () => {
    expect(() => decimatePlotData(2.5, fx.x, fx.x)).toThrow(/each decimation factor of decim must be a positive int, but 2.5/);
    expect(() => decimatePlotData([3, 0], fx.x, fx.x)).toThrow(/positive int, but 0/);
    expect(() => decimate(fx.x.slice(0, 27), 2)).toThrow(/greater than padlen, which is 27/);
  });
});

const pathPoints = (f: Figure, sel: string) => Array.from(f.svg.querySelectorAll(sel)).map((p) => (p.getAttribute("d")!.match(/[ML]/g) ?? []).length);

describe("decim in the figures", () => {
  const d = syntheticDipole([[50, 5, 20]], { oscHz: 20, oscAmp: 5, tstop: 100 }); // 4001 samples

  it("plotDipole draws every q-th sample of each trace, a list multiplying the factors", () => {
    expect(pathPoints(plotDipole(d), "g.hnn-dipole-line path")).toEqual([4001]);
    expect(pathPoints(plotDipole(d, { decim: 5 }), "g.hnn-dipole-line path")).toEqual([801]);
    expect(pathPoints(plotDipole([d, d], { decim: [5, 4] }), "g.hnn-dipole-line path")).toEqual([201, 201]);
    expect(() => plotDipole(d, { decim: -1 })).toThrow(/positive int, but -1/);
  });

  it("plotTfrMorlet transforms the decimated trace at the reduced sampling rate", () => {
    const freqs = [40, 60, 80];
    let seen: { n: number; sfreq: number } | undefined;
    plotTfrMorlet(d, freqs, {
      decim: [2, 5],
      tfr: (data, sfreq) => {
        seen = { n: data.length, sfreq };
        return freqs.map(() => new Float64Array(data.length));
      },
    });
    // [tmin, tmax) leaves 4000 samples; decimated by 10 → 400, zero-padded with 399 on each side.
    expect(seen).toEqual({ n: 400 + 2 * 399, sfreq: 40000 / 10 });
    const f = plotTfrMorlet(d, freqs, { decim: 10, nCycles: 4 });
    expect(f.svg.querySelectorAll("g.hnn-tfr-cell rect")).toHaveLength(300 * 3);
  });
});
