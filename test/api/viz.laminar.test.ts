// Laminar arrays: calculateCsd2d (hnn-core extracellular.py) and the plot_laminar_lfp / plot_laminar_csd
// figures. Known answers (quadratic and linear depth profiles, cubic splines) and scipy / numpy output
// (test/fixtures/viz/gen_decimate_csd.py).
import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { calculateCsd2d } from "../../bindings/index.js";
import { plotLaminarCsd, plotLaminarLfp, type Figure } from "../../bindings/viz/node.js";
import { SplineInterpolator, csdDepths } from "../../bindings/analysis/csd.js";
import { ExtracellularArray, laminarZCoords } from "../../bindings/model/extracellular.js";
import { fixtureText } from "../helpers/fixtures.js";

interface Fixture {
  csd2d: { delta: number; lfp: number[][]; csd: number[][] }[];
  spline: { depths: number[]; times: number[]; data: number[][]; interpolated: number[][] }[];
}
const fx = JSON.parse(fixtureText("viz/decimate_csd.json")) as Fixture;
const depths = Array.from({ length: 8 }, (_, i) => -100 + 100 * i); // 8 contacts, 100 µm apart
const times = Array.from({ length: 200 }, (_, i) => i * 0.5);

describe("calculateCsd2d", () => {
  it("gives −2a for V = a·z² + b·z + c at every contact, borders included, and 0 for a linear V", () => {
    const lfp = depths.map((z) => times.map((_, k) => 3 * z * z - 7 * z + k));
    for (const row of calculateCsd2d(lfp, 100)) for (const v of row) expect(v).toBeCloseTo(-6, 9);
    const linear = calculateCsd2d(depths.map((z) => times.map(() => 2 * z + 1)), 100);
    for (const row of linear) for (const v of row) expect(v === 0).toBe(true); // ±0
  });

  it("matches hnn-core's formula in numpy, delta = 1 (default) and 100", () => {
    for (const c of fx.csd2d) {
      const ours = c.delta === 1 ? calculateCsd2d(c.lfp) : calculateCsd2d(c.lfp, c.delta);
      ours.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - c.csd[i]![k]!)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(c.csd[i]![k]!)))));
    }
  });

  it("rejects fewer than 4 contacts, ragged rows and a zero spacing", () => {
    expect(() => calculateCsd2d([[1], [2], [3]])).toThrow(/lfpData must have at least 4 rows/);
    expect(() => calculateCsd2d([[1, 2], [2, 3], [3], [4, 5]])).toThrow(/row 2 has 1/);
    expect(() => calculateCsd2d([[1], [2], [3], [4]], 0)).toThrow(/delta must be a finite non-zero number/);
  });
});

describe("CSD depth interpolation", () => {
  it("is scipy's RectBivariateSpline (s=0, cubic) on hnn-core's np.linspace grid", () => {
    for (const c of fx.spline) {
      const at = csdDepths(c.depths[0]!, c.depths[c.depths.length - 1]!);
      expect(at.length).toBe(c.interpolated.length);
      const s = new SplineInterpolator(c.depths, at);
      c.times.forEach((_, k) => {
        const ours = s.evaluate(c.data.map((row) => row[k]!));
        ours.forEach((v, j) => expect(Math.abs(v - c.interpolated[j]![k]!)).toBeLessThan(1e-12));
      });
    }
  });

  it("reproduces a cubic exactly (not-a-knot) and rejects what it cannot use", () => {
    const x = [0, 10, 25, 30, 60];
    const f = (z: number) => 0.001 * z ** 3 - 0.05 * z * z + 2 * z - 1;
    const at = [0, 3.3, 17, 29.9, 44, 60];
    new SplineInterpolator(x, at).evaluate(x.map(f)).forEach((v, i) => expect(v).toBeCloseTo(f(at[i]!), 10));
    expect(() => new SplineInterpolator([0, 1, 2], [1])).toThrow(/at least 4 contacts/);
    expect(() => new SplineInterpolator([0, 2, 1, 3], [1])).toThrow(/strictly increasing/);
    expect(() => csdDepths(0, 0.5)).toThrow(/whole number of at least 2/);
  });
});

const q = (f: Figure, sel: string) => Array.from(f.svg.querySelectorAll(sel));
const texts = (f: Figure) => q(f, "text").map((t) => t.textContent ?? "");
const strokes = (f: Figure) => q(f, "g.hnn-lfp-trace").map((g) => g.getAttribute("stroke") ?? g.querySelector("path")!.getAttribute("stroke"));

describe("plotLaminarLfp", () => {
  const lfp = depths.map((_, c) => times.map((t) => 30 * Math.sin(t / 10 + c)));
  const labels = depths.map(String);

  it("draws one trace per contact, offset and labelled by contact, with a scale bar", () => {
    const f = plotLaminarLfp(times, lfp, labels);
    expect(q(f, "g.hnn-lfp-trace path")).toHaveLength(8);
    expect(texts(f)).toEqual(expect.arrayContaining([...labels, "Individual contact traces", "Time (ms)", "200 µV"]));
    expect(new Set(strokes(f)).size).toBe(8); // cividis sampled once per contact
    // the bar is 200 µV tall on an axis spanning −50 … 8·50 µV
    const bar = q(f, "g.hnn-scalebar")[0]!;
    const big = plotLaminarLfp(times, lfp, labels, { voltageScalebar: 400 });
    expect(Number(q(big, "g.hnn-scalebar")[0]!.getAttribute("data-height-px"))).toBeCloseTo(2 * Number(bar.getAttribute("data-height-px")), 9);
  });

  it("takes decim, colours, no offset and no scale bar", () => {
    const pts = (f: Figure) => q(f, "g.hnn-lfp-trace path").map((p) => (p.getAttribute("d")!.match(/[ML]/g) ?? []).length);
    expect(pts(plotLaminarLfp(times, lfp, labels, { decim: 4 }))).toEqual(new Array(8).fill(50));
    expect(new Set(strokes(plotLaminarLfp(times, lfp, labels, { color: [1, 0, 0] })))).toEqual(new Set(["rgb(255,0,0)"]));
    const each = plotLaminarLfp(times, lfp, labels, { color: labels.map((_, i) => (i % 2 ? "k" : "r")) });
    expect(strokes(each)).toEqual(labels.map((_, i) => (i % 2 ? "#000000" : "#ff0000")));
    const flat = plotLaminarLfp(times, lfp, labels, { voltageOffset: null, voltageScalebar: null });
    expect(texts(flat)).toContain("Electric potential (µV)");
    expect(q(flat, "g.hnn-scalebar")).toHaveLength(0);
  });

  it("rejects mismatched lengths and colours", () => {
    expect(() => plotLaminarLfp(times.slice(1), lfp, labels)).toThrow(/length of times \(199\) and data \(200 samples per contact\) do not match/);
    expect(() => plotLaminarLfp(times, lfp, labels.slice(1))).toThrow(/contactLabels is length 7, but 8 contacts to be plotted/);
    expect(() => plotLaminarLfp(times, lfp, labels, { color: "nosuchmap" })).toThrow(/color 'nosuchmap' is not a colormap name/);
    expect(() => plotLaminarLfp(times, lfp, labels, { color: ["r", "g"] })).toThrow(/one colour per contact \(8\)/);
  });
});

/** The palette and the pixel indices of the heat map's PNG (decoded with zlib, not our encoder). */
function heatmap(f: Figure): { palette: number[][]; rows: Uint8Array[]; vmin: number; vmax: number } {
  const img = q(f, "image.hnn-heatmap")[0]!;
  const png = Buffer.from(img.getAttribute("href")!.split(",")[1]!, "base64");
  let o = 8;
  let palette: number[][] = [];
  const idat: Buffer[] = [];
  let w = 0;
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString("latin1", o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === "IHDR") w = data.readUInt32BE(0);
    if (type === "PLTE") palette = Array.from({ length: len / 3 }, (_, i) => [data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!]);
    if (type === "IDAT") idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows = Array.from({ length: raw.length / (w + 1) }, (_, r) => raw.subarray(r * (w + 1) + 1, (r + 1) * (w + 1)));
  return { palette, rows, vmin: Number(img.getAttribute("data-vmin")), vmax: Number(img.getAttribute("data-vmax")) };
}

describe("plotLaminarCsd", () => {
  // A CSD linear in depth (the spline keeps it exactly): −2 µV/µm² at the bottom contact … +12 at the top.
  const csd = depths.map((z) => times.map((t) => (z / 50) * (1 + t / 200)));
  const peak = (600 / 50) * (1 + times[199]! / 200);

  it("colours ±max|CSD| with matplotlib's jet, the deepest contact at the bottom", () => {
    const f = plotLaminarCsd(times, csd, depths);
    const h = heatmap(f);
    expect(h.vmax).toBeCloseTo(peak, 12);
    expect(h.vmin).toBe(-h.vmax);
    expect(h.palette[0]).toEqual([0, 0, 128]); // jet(0): dark blue, the sinks
    expect(h.palette[255]).toEqual([128, 0, 0]);
    const last = h.rows[0]!.length - 1;
    expect(h.rows[0]![last]).toBeGreaterThan(250); // top right: the largest source
    expect(h.rows[h.rows.length - 1]![last]).toBeLessThan(128); // bottom: negative, bluish
    expect(texts(f)).toEqual(expect.arrayContaining(["Time (ms)", "Electrode depth (µm)", "CSD (µV/µm²)"]));
    expect(q(f, ".hnn-colorbar")).toHaveLength(1);
    expect(f.toPng({ scale: 1 }).length).toBeGreaterThan(1000);
  });

  it("takes sink 'r', vmin/vmax, interpolation null and no colour bar", () => {
    expect(heatmap(plotLaminarCsd(times, csd, depths, { sink: "red" })).palette[0]).toEqual([128, 0, 0]);
    const fixed = heatmap(plotLaminarCsd(times, csd, depths, { vmin: -1, vmax: 1 }));
    expect([fixed.vmin, fixed.vmax]).toEqual([-1, 1]);
    expect(fixed.rows[0]![0]).toBe(255); // clipped above vmax
    const one = heatmap(plotLaminarCsd(times, csd, depths, { vmax: 5 }));
    expect(one.vmin).toBeCloseTo(-2 * (1 + times[199]! / 200), 12); // the data's minimum when only vmax is given
    const raw = plotLaminarCsd(times, csd, depths, { interpolation: null, colorbar: false });
    expect(heatmap(raw).vmax).toBe(peak);
    expect(q(raw, ".hnn-colorbar")).toHaveLength(0);
  });

  it("rejects an unknown sink or interpolation and mismatched labels", () => {
    expect(() => plotLaminarCsd(times, csd, depths, { sink: "g" })).toThrow(/sink must be 'b' .* or 'r'/);
    expect(() => plotLaminarCsd(times, csd, depths, { interpolation: "linear" as never })).toThrow(/interpolation must be 'spline' or null/);
    expect(() => plotLaminarCsd(times, csd, depths.slice(1))).toThrow(/contactLabels is length 7, but data has 8 contacts/);
  });
});

describe("ExtracellularArray.plotLfp / plotCsd (hnn-core plot_lfp / plot_csd)", () => {
  const positions = depths.map((z) => [135, 135, z] as [number, number, number]);
  const trial = (gain: number) => depths.map((z) => times.map((t) => gain * z * z * (1 + t)));
  const arr = new ExtracellularArray(positions, { times, voltages: [trial(1), trial(3)] });

  it("labels the traces by depth and picks trials and contacts", () => {
    const all = arr.plotLfp();
    expect(q(all, "g.hnn-lfp-trace path")).toHaveLength(8);
    expect(texts(all)).toEqual(expect.arrayContaining(depths.map(String)));
    const some = arr.plotLfp({ trialNo: 1, contactNo: [0, -1] });
    expect(q(some, "g.hnn-lfp-trace path")).toHaveLength(2);
    expect(texts(some)).toEqual(expect.arrayContaining(["-100", "600"]));
    expect(() => arr.plotLfp({ contactNo: [8] })).toThrow(RangeError);
  });

  it("draws trial 0's CSD with the contacts' spacing: V = z²(1 + t) gives −2(1 + t) µV/µm² everywhere", () => {
    const h = heatmap(arr.plotCsd({ interpolation: null }));
    expect(h.vmax).toBeCloseTo(2 * (1 + times[199]!), 9);
    expect(h.vmin).toBe(-h.vmax);
  });

  it("refuses arrays that are not laminar, with hnn-core's messages", () => {
    const bent = new ExtracellularArray([[0, 0, 0], [0, 0, 100], [10, 0, 200]], { times: [0, 1], voltages: [[[0, 0], [0, 0], [0, 0]]] });
    expect(() => bent.plotCsd()).toThrow(/equispaced, colinear, and projecting along the z-axis/);
    expect(() => laminarZCoords([[0, 0, 0]])).toThrow(/must contain more than 1 contact/);
    expect(laminarZCoords(positions)).toEqual([depths, 100]);
    expect(() => new ExtracellularArray(positions).plotLfp()).toThrow(/holds no data/);
  });
});
