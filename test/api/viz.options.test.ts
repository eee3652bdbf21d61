// hnn-core 0.6.1 plot options: the raster's dipole overlay, the histogram's inverted types and hist
// keywords, plotTfrMorlet's colorbarInside. Geometry is read back from the SVG (Plot's px scales).
import { describe, expect, it } from "vitest";
import { Dipole } from "../../bindings/index.js";
import { PANEL } from "../../bindings/viz/common.js";
import { plotSpikesHist, plotSpikesRaster, plotTfrMorlet, type Figure } from "../../bindings/viz/node.js";
import { syntheticCellResponse, syntheticDipole } from "../../scripts/viz-demo.data.js";

const cr = syntheticCellResponse();
const q = (f: Figure, sel: string) => Array.from(f.svg.querySelectorAll(sel));
const ys = (path: Element) => [...path.getAttribute("d")!.matchAll(/[ML][-\d.e]+,([-\d.e]+)/g)].map((m) => Number(m[1]));
const num = (e: Element, a: string) => Number(e.getAttribute(a));

describe("plotSpikesRaster with dpl and overlayDipoles", () => {
  const cellGids = cr.spikeGids[0]!.filter((_, i) => cr.spikeTypes[0]![i]!.startsWith("L"));
  const [gMin, gMax] = [Math.min(...cellGids), Math.max(...cellGids)];
  const height = 420;
  const innerH = height - PANEL.marginTop - PANEL.marginBottom;
  /** px → gid on the raster's reversed axis [gMin − 1, gMax + 1]. */
  const gidAt = (px: number) => gMin - 1 + ((px - PANEL.marginTop) / innerH) * (gMax - gMin + 2);
  const times = Array.from({ length: 681 }, (_, i) => i * 0.25);
  const dipole = (l2: (t: number) => number) => new Dipole(times, { agg: times.map(l2), L2: times.map(l2), L5: times.map(() => 0) });

  it("centres L2 on the upper and L5 on the lower quarter of the raster's depth (hnn-core: gid 75 and 225 for 270 cells)", () => {
    const f = plotSpikesRaster(cr, { dpl: dipole(() => 0), overlayDipoles: true });
    const [l2] = q(f, "g.hnn-dipole-overlay-L2 path");
    const [l5] = q(f, "g.hnn-dipole-overlay-L5 path");
    // Plot writes px with 2 decimals: ±0.005 px is ±0.003 gid rows here
    for (const y of ys(l2!)) expect(gidAt(y)).toBeCloseTo(75, 2);
    for (const y of ys(l5!)) expect(gidAt(y)).toBeCloseTo(225, 2);
    expect(q(f, "text.hnn-title")[0]!.textContent).toBe("Raster Plot with Layer-Specific Dipole Overlays");
    expect(q(f, "g.hnn-legend-entry").map((e) => e.getAttribute("data-label"))).toEqual(expect.arrayContaining(["L2 Dipole", "L5 Dipole"]));
  });

  it("shrinks the dipoles by 0.95 until their joint range is at most half the depth (150 rows), upward positive", () => {
    const f = plotSpikesRaster(cr, { dpl: [dipole((t) => 1000 * Math.sin(t / 10)), dipole((t) => 1000 * Math.sin(t / 10))], overlayDipoles: true });
    const g = ys(q(f, "g.hnn-dipole-overlay-L2 path")[0]!).map(gidAt);
    const range = Math.max(...g) - Math.min(...g);
    const s = times.map((t) => Math.sin(t / 10));
    let expected = 1000 * (Math.max(...s) - Math.min(...s)); // L5 is 0, inside L2's range
    while (expected > 150) expected *= 0.95;
    expect(expected).toBeGreaterThan(150 * 0.95);
    expect(range).toBeCloseTo(expected, 2);
    expect(g[1]!).toBeLessThan(75); // sin > 0 just after t = 0: above the centre (smaller gid)
  });

  it("needs a dipole, and ignores dpl without overlayDipoles", () => {
    expect(() => plotSpikesRaster(cr, { overlayDipoles: true })).toThrow(/Dipole object must be provided to overlay dipoles/);
    expect(q(plotSpikesRaster(cr, { dpl: dipole(() => 1) }), "g.hnn-dipole-overlay")).toHaveLength(0);
    const aggOnly = new Dipole(times, { agg: times });
    expect(() => plotSpikesRaster(cr, { dpl: aggOnly, overlayDipoles: true })).toThrow(/dpl must have L2 and L5 data/);
  });
});

describe("plotSpikesHist options", () => {
  const height = PANEL.height;
  const bottom = height - PANEL.marginBottom;

  it("invertSpikeTypes hangs those bars from the top, the others stand on the bottom", () => {
    const f = plotSpikesHist(cr, { spikeTypes: ["evprox", "evdist"], invertSpikeTypes: "evdist" });
    const inv = q(f, "g.hnn-hist-inverted rect");
    const up = q(f, "g.hnn-hist-bar:not(.hnn-hist-inverted) rect");
    expect(inv.length).toBeGreaterThan(2);
    expect(up.length).toBeGreaterThan(2);
    for (const r of inv) expect(num(r, "y")).toBeCloseTo(PANEL.marginTop, 6);
    for (const r of up) expect(num(r, "y") + num(r, "height")).toBeCloseTo(bottom, 6);
    const plain = plotSpikesHist(cr, { spikeTypes: ["evprox", "evdist"] });
    expect(q(plain, "g.hnn-hist-bar rect")).toHaveLength(inv.length + up.length);
  });

  it("rejects invertSpikeTypes that are not plotted labels", () => {
    expect(() => plotSpikesHist(cr, { spikeTypes: ["evprox"], invertSpikeTypes: ["evdist"] })).toThrow(/Elements of 'invertSpikeTypes' must map to valid input types: 'evdist'.*'evprox'/);
    expect(() => plotSpikesHist(cr, { invertSpikeTypes: 3 as never })).toThrow(TypeError);
  });

  it("density + cumulative ends at 1; step draws one outline per label; rwidth narrows bars", () => {
    const cum = plotSpikesHist(cr, { spikeTypes: ["evprox1"], density: true, cumulative: true });
    const tops = q(cum, "g.hnn-hist-bar rect").map((r) => num(r, "y"));
    const innerH = height - PANEL.marginTop - PANEL.marginBottom;
    expect(Math.min(...tops)).toBeCloseTo(PANEL.marginTop + innerH * (1 - 1 / 1.05), 6); // the domain is 1.05 × the top
    const step = plotSpikesHist(cr, { histtype: "step" });
    expect(q(step, "g.hnn-hist-step path")).toHaveLength(3);
    expect(q(step, "g.hnn-hist-bar rect")).toHaveLength(0);
    const w = (f: Figure) => q(f, "g.hnn-hist-bar rect").map((r) => num(r, "width"));
    const full = w(plotSpikesHist(cr, { spikeTypes: ["evdist"] }));
    w(plotSpikesHist(cr, { spikeTypes: ["evdist"], rwidth: 0.5 })).forEach((x, i) => expect(x).toBeCloseTo(full[i]! / 2, 1));
    expect(() => plotSpikesHist(cr, { histtype: "bars" as never })).toThrow(/'histtype'.*"bars"/);
    expect(() => plotSpikesHist(cr, { alpha: 2 })).toThrow(/alpha must be in \[0, 1\]/);
  });

  it("barstacked puts each label's bars on the previous label's", () => {
    const f = plotSpikesHist(cr, { spikeTypes: { A: ["L5_pyramidal"], B: ["L5_basket"] }, histtype: "barstacked" });
    const all = q(f, "g.hnn-hist-bar rect");
    // every bar stands either on the axis or exactly on another bar of the same bin
    let stacked = 0;
    for (const r of all) {
      const base = num(r, "y") + num(r, "height");
      if (Math.abs(base - bottom) < 1e-6) continue;
      expect(all.some((o) => o !== r && Math.abs(num(o, "x") - num(r, "x")) < 1e-6 && Math.abs(num(o, "y") - base) < 1e-6)).toBe(true);
      stacked++;
    }
    expect(stacked).toBeGreaterThan(0);
  });
});

describe("plotTfrMorlet colorbarInside", () => {
  const d = syntheticDipole([[60, 10, 20]], { oscHz: 20, oscAmp: 15 });
  const freqs = [20, 30, 40];
  it("draws a small white-framed bar inside the map instead of the side bar", () => {
    const inside = plotTfrMorlet(d, freqs, { colorbarInside: true, nCycles: 4 });
    expect(q(inside, "g.hnn-colorbar-inside")).toHaveLength(1);
    expect(q(inside, ".hnn-colorbar")).toHaveLength(0);
    const frame = q(inside, "g.hnn-colorbar-inside rect[stroke='white']")[0]!;
    const innerW = PANEL.width - PANEL.marginLeft - PANEL.marginRight;
    expect(num(frame, "x")).toBeCloseTo(PANEL.marginLeft + 0.9 * innerW, 9);
    expect(num(frame, "width")).toBeCloseTo(0.04 * innerW, 9);
    expect(q(plotTfrMorlet(d, freqs, { nCycles: 4 }), ".hnn-colorbar")).toHaveLength(1);
    expect(q(plotTfrMorlet(d, freqs, { colorbarInside: true, colorbar: false, nCycles: 4 }), "g.hnn-colorbar-inside")).toHaveLength(0);
  });
});
