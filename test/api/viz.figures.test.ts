// Figures (bindings/viz): marks, legends, labels, errors, PNG output. Synthetic data from
// scripts/viz-demo.data.ts (hnn-core's grid, gid order and ERP drive parameters).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import {
  Figure, RESVG_FONT_OPTIONS, connectionWeight, createDocument, driveStrengthMatrix, histogram, linspace, plotCellConnectivity, plotCells, plotConnectivityMatrix, plotDipole, plotDriveStrength, plotPsd,
  plotSpikesHist, plotSpikesRaster, plotTfrMorlet, resolveDocument, setDefaultDocument, stackFigures,
} from "../../bindings/viz/node.js";
import type { Dipole } from "../../bindings/analysis/dipole.js";
import { syntheticCellResponse, syntheticDipole, syntheticNetwork } from "../../scripts/viz-demo.data.js";

const net = syntheticNetwork();
const netSparse = syntheticNetwork({ sparse: true });
const cr = syntheticCellResponse({ nTrials: 2 });
const dA = syntheticDipole([[30, 5, -40], [80, 10, 30]]);
const dB = syntheticDipole([[50, 5, 20]]);
const dC = syntheticDipole([[100, 8, -10]]);

/** A copy of `d` labelled as scaled by `factor` (its data unchanged). */
const scaled = (d: Dipole, factor: number): Dipole => {
  const c = d.copy();
  c.scaleApplied = factor;
  return c;
};
const q = (f: Figure, sel: string) => Array.from(f.svg.querySelectorAll(sel));
const texts = (f: Figure) => q(f, "text").map((t) => t.textContent ?? "");
const legend = (f: Figure) => q(f, "g.hnn-legend-entry").map((e) => ({ label: e.getAttribute("data-label"), color: e.getAttribute("data-color") }));

describe("plotDipole", () => {
  it("draws one line per dipole in distinct colours with a legend and labelled axes", () => {
    const f = plotDipole([dA, dB, dC], { labels: ["Default", "Custom All", "Custom Sparse"] });
    expect(q(f, "g.hnn-dipole-line path")).toHaveLength(3);
    const l = legend(f);
    expect(l.map((e) => e.label)).toEqual(["Default", "Custom All", "Custom Sparse"]);
    expect(new Set(l.map((e) => e.color)).size).toBe(3);
    const strokes = q(f, "g.hnn-dipole-line path").map((p) => p.getAttribute("stroke") ?? p.parentElement!.getAttribute("stroke"));
    expect(new Set(strokes).size).toBe(3);
    expect(texts(f)).toEqual(expect.arrayContaining(["Time (ms)", "Dipole moment (nAm)", "Aggregate (L2/3 + L5)"]));
  });

  it("labels the scale factor and gives one titled panel per layer", () => {
    const s = scaled(dA, 3000);
    const f = plotDipole(s, { layer: ["L2", "L5"] });
    expect(q(f, "g.hnn-dipole-line path")).toHaveLength(2);
    expect(q(f, "text.hnn-subtitle").map((t) => t.textContent)).toEqual(["L2/3", "L5"]);
    expect(texts(f)).toContain("Dipole moment (nAm × 3000)");
    expect(legend(f)).toHaveLength(0); // one dipole, no labels: no legend
  });

  it("rejects an unknown layer, naming the allowed values", () => {
    expect(() => plotDipole(dA, { layer: "L4" as never })).toThrow(/'layer'.*'agg', 'L2', 'L5'.*"L4"/);
    expect(() => plotDipole([dA, scaled(dB, 2)])).toThrow(/scaled equally/);
    expect(() => plotDipole([dA, dB], { labels: ["only one"] })).toThrow(/labels must have one entry per dipole/);
  });
});

describe("plotSpikesRaster", () => {
  it("draws one tick per spike of the chosen trial, coloured by cell type", () => {
    const f = plotSpikesRaster(cr, { trialIdx: 1 });
    const types = cr.spikeTypes[1]!;
    const cellSpikes = types.filter((t) => t.startsWith("L2_") || t.startsWith("L5_"));
    const lines = q(f, "g.hnn-spike line");
    expect(lines).toHaveLength(cellSpikes.length);
    const l = legend(f);
    expect(l.map((e) => e.label)).toEqual(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]);
    expect(new Set(l.map((e) => e.color)).size).toBe(4);
    // each colour is used exactly as often as its cell type spikes
    for (const e of l) {
      const n = lines.filter((ln) => ln.getAttribute("stroke") === e.color).length;
      expect(n).toBe(cellSpikes.filter((t) => t === e.label).length);
    }
    expect(texts(f)).toEqual(expect.arrayContaining(["Time (ms)", "Cell ID (gid)", "Raster Plot"]));
  });

  it("restricts to cellTypes with custom colours", () => {
    const f = plotSpikesRaster(cr, { trialIdx: 0, cellTypes: ["L5_pyramidal"], colors: ["k"] });
    const n = cr.spikeTypes[0]!.filter((t) => t === "L5_pyramidal").length;
    expect(q(f, "g.hnn-spike line")).toHaveLength(n);
    expect(legend(f)).toEqual([{ label: "L5_pyramidal", color: "#000000" }]);
  });

  it("rejects a trial index out of range and unknown cell types", () => {
    expect(() => plotSpikesRaster(cr, { trialIdx: 2 })).toThrow(/trialIdx 2 is out of range.*0\.\.1/);
    expect(() => plotSpikesRaster(cr, { trialIdx: 0, cellTypes: ["L4_stellate"] })).toThrow(/Invalid cellTypes.*L4_stellate.*'L2_basket'/);
    expect(() => plotSpikesRaster(cr, { trialIdx: 0, colors: ["r"] })).toThrow(/Number of colors must be equal/);
  });
});

describe("plotSpikesHist", () => {
  it("bins like numpy.histogram (half-open bins, last one closed)", () => {
    expect(histogram([0, 0.5, 1, 1.99, 2, 3, -1, 3.01], [0, 1, 2, 3])).toEqual([2, 2, 2]);
    const e = linspace(0, 170, 50);
    expect(e).toHaveLength(50);
    expect(e[49]).toBe(170);
  });

  it("groups drive spikes by prefix with hnn-core's colours and 49 bins", () => {
    const f = plotSpikesHist(cr, { trialIdx: 0, spikeTypes: ["evprox", "evdist"] });
    // labels sorted as hnn-core plots them; colours from the r, g, ... cycle in spike_types order
    expect(legend(f)).toEqual([
      { label: "evdist", color: "#008000" },
      { label: "evprox", color: "#ff0000" },
    ]);
    const edges = linspace(0, 170, 50);
    const types = cr.spikeTypes[0]!;
    const times = cr.spikeTimes[0]! as number[];
    const nonEmpty = (prefix: string) => histogram(times.filter((_, i) => types[i]!.startsWith(prefix)), edges).filter((c) => c > 0).length;
    expect(q(f, "g.hnn-hist-bar rect")).toHaveLength(nonEmpty("evprox") + nonEmpty("evdist"));
    expect(texts(f)).toEqual(expect.arrayContaining(["Time (ms)", "Spike count (per 3.47 ms bin)"]));
  });

  it("defaults to the drive types, supports groups and bin widths, and rejects unknown types", () => {
    expect(legend(plotSpikesHist(cr, { trialIdx: 0 })).map((e) => e.label)).toEqual(["evdist1", "evprox1", "evprox2"]);
    const g = plotSpikesHist(cr, { spikeTypes: { Evoked: ["ev"] }, colors: { Evoked: "b" }, binWidthMs: 10 });
    expect(legend(g)).toEqual([{ label: "Evoked", color: "#0000ff" }]);
    expect(texts(g)).toContain("Spike count (per 10 ms bin)");
    expect(() => plotSpikesHist(cr, { trialIdx: 0, spikeTypes: ["poisson"] })).toThrow(/No input types found for 'poisson'.*'evdist1'/);
    expect(() => plotSpikesHist(cr, { trialIdx: -1 })).toThrow(/trialIdx -1 is out of range/);
  });
});

describe("network figures", () => {
  it("connectivity matrix: one cell per connected pair, hnn-core's title and labels", () => {
    const f = plotConnectivityMatrix(net, 0);
    expect(q(f, "g.hnn-conn-cell rect")).toHaveLength(35 * 100);
    expect(texts(f)).toEqual(expect.arrayContaining([
      "L5_basket -> L5_pyramidal (soma, gabaa)", "L5_pyramidal target gids (170-269)", "L5_basket source gids (135-169)", "Weight (µS)",
    ]));
    const sparse = netSparse.connectivity[1]!;
    const nPairs = [...(sparse.gidPairs as Map<number, number[]>).values()].reduce((s, t) => s + t.length, 0);
    expect(q(plotConnectivityMatrix(netSparse, 1), "g.hnn-conn-cell rect")).toHaveLength(nPairs);
  });

  it("weights follow A_weight·gain·exp(−d²/(lamtha·inplane)²)", () => {
    expect(connectionWeight([0, 0, 0], [3, 4, 500], { A_weight: 0.025, A_delay: 1, lamtha: 70, gain: 2 })).toBeCloseTo(0.05 * Math.exp(-25 / 4900), 15);
    expect(connectionWeight([0, 0, 0], [3, 4, 0], { A_weight: 1, A_delay: 1, lamtha: 5 }, 2)).toBeCloseTo(Math.exp(-25 / 100), 15);
  });

  it("rejects a connIdx out of range, naming the allowed values", () => {
    const n = net.connectivity.length;
    expect(() => plotConnectivityMatrix(net, n)).toThrow(new RegExp(`connIdx ${n} is out of range.*allowed values are 0\\.\\.${n - 1}`));
    expect(() => plotCellConnectivity(net, -1)).toThrow(/connIdx -1 is out of range/);
    expect(() => plotConnectivityMatrix(net, 1.5)).toThrow(/connIdx must be an int/);
  });

  it("cell connectivity: weights over the targets, source marked, invalid srcGid rejected", () => {
    const f = plotCellConnectivity(net, 0, { srcGid: 140 });
    expect(q(f, "g.hnn-target circle")).toHaveLength(100);
    expect(q(f, "g.hnn-source-selected path")).toHaveLength(1);
    expect(q(f, "g.hnn-target-all path")).toHaveLength(100);
    expect(texts(f)).toEqual(expect.arrayContaining(["Sources (L5_basket)", "Targets (L5_pyramidal) of gid 140", "Weight (µS)"]));
    const sparse = netSparse.connectivity[1]!.gidPairs as Map<number, number[]>;
    const [src, tg] = [...sparse.entries()][0]!;
    expect(q(plotCellConnectivity(netSparse, 1, { srcGid: src }), "g.hnn-target circle")).toHaveLength(tg.length);
    expect(() => plotCellConnectivity(net, 0, { srcGid: 999 })).toThrow(/srcGid 999 is not a valid cell ID.*Allowed values are: 135, 136/);
    // a drive as source: only the target panel
    const driveIdx = net.connectivity.findIndex((c) => c.srcType === "evprox1");
    expect(q(plotCellConnectivity(net, driveIdx), "text").some((t) => t.textContent?.startsWith("Sources"))).toBe(false);
  });

  it("drive strength reproduces hnn-core 0.6.1's figure numbers in 'hnn-core' mode", () => {
    const f = plotDriveStrength(net, { normalize: false, quantity: "hnn-core" });
    const values = q(f, "g.hnn-drive-value text").map((t) => t.textContent);
    // ../shared/seed/hnn_core_figures/09_drive_strength_unnormalized.png, row by row
    expect(values).toEqual(["54.83", "157.79", "0.00", "159.84", "54.66", "157.67", "546.56", "1576.68", "54.66", "157.67", "546.56", "1576.68"]);
    expect(q(f, "g.hnn-drive-cell rect")).toHaveLength(12);
    expect(texts(f)).toEqual(expect.arrayContaining(["External Drive Strengths", "Cell Types", "Drive Names", "evprox1", "L5_pyramidal"]));
    const norm = q(plotDriveStrength(net, { quantity: "hnn-core" }), "g.hnn-drive-value text").map((t) => t.textContent);
    expect(norm.slice(0, 4)).toEqual(["0.03", "0.10", "0.00", "0.10"]); // seed figure 08
  });

  it("drive strength in weights sums effective weights over receptors", () => {
    const m = driveStrengthMatrix(net, { normalize: false });
    let sg = 0;
    for (let x = 0; x < 10; x++) for (let y = 0; y < 10; y++) sg += Math.exp(-((x - 4) ** 2 + (y - 4) ** 2) / 9);
    expect(m.values[m.drives.indexOf("evprox1")]![m.cellTypes.indexOf("L5_pyramidal")]).toBeCloseTo(0.00865 * sg, 12);
    expect(m.values[m.drives.indexOf("evdist1")]![m.cellTypes.indexOf("L5_pyramidal")]).toBeCloseTo((0.1423 + 0.080074) * sg, 12);
    expect(() => driveStrengthMatrix(net, { quantity: "bogus" as never })).toThrow(/'quantity'.*'weight', 'hnn-core'/);
  });

  it("plotCells: one symbol per cell, legend per type", () => {
    const f = plotCells(net);
    expect(q(f, "g.hnn-cells path").length).toBe(2 * 270); // top and side views
    expect(legend(f).map((e) => e.label)).toEqual(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]);
    expect(q(f, "g.hnn-electrodes circle")).toHaveLength(0);
  });

  it("plotCells: each electrode array's contacts in both views, coloured as hnn-core's inferno(k + 1) of n + 2", () => {
    const withArrays = net.copy();
    withArrays.addElectrodeArray("shank1", [[135, 135, -325], [135, 135, -225], [135, 135, 2075]]);
    withArrays.addElectrodeArray("point", [[0, 0, 3000]]);
    const f = plotCells(withArrays);
    const dots = q(f, "g.hnn-electrodes circle");
    expect(dots).toHaveLength(2 * 4);
    // get_cmap('inferno', 4) colours 1 and 2: matplotlib's _inferno_data rows 85 (0.472328, 0.110547,
    // 0.428334) and 170 (0.929644, 0.411479, 0.145367), times 255 and rounded
    const [c1, c2] = ["#781c6d", "#ed6925"];
    expect(legend(f).slice(4)).toEqual([{ label: "shank1", color: c1 }, { label: "point", color: c2 }]);
    expect(dots.map((d) => d.getAttribute("fill"))).toEqual([c1, c1, c1, c2, c1, c1, c1, c2]);
  });
});

describe("spectra", () => {
  it("plotPsd draws the spectrum of the chosen window, averaged over dipoles, with hnn-core's labels", () => {
    const d = syntheticDipole([], { oscHz: 40, oscAmp: 5, tstop: 500, dt: 0.5 });
    const f = plotPsd(d, { fmax: 100, label: "test" });
    expect(q(f, "g.hnn-psd-line path")).toHaveLength(1);
    expect(texts(f)).toEqual(expect.arrayContaining(["Frequency (Hz)", "Power spectral density (nAm² Hz⁻¹)"]));
    expect(legend(f).map((e) => e.label)).toEqual(["test"]);
    // the estimator sees hnn-core's window [tmin, tmax) and the dipole's sfreq; results are averaged
    const seen: number[][] = [];
    const fake = (x: ArrayLike<number>, fs: number) => {
      seen.push([x.length, fs]);
      return { freqs: [0, 10, 20], psd: [seen.length, seen.length, seen.length] };
    };
    plotPsd([d, d], { psd: fake, tmin: 100, tmax: 200 });
    expect(seen).toEqual([[200, 2000], [200, 2000]]);
    expect(texts(plotPsd(scaled(d, 3000)))).toContain("Power spectral density ([nAm × 3000]² Hz⁻¹)");
    expect(() => plotPsd(d, { layer: "L3" as never })).toThrow(/'layer'/);
  });

  it("plotTfrMorlet draws freqs × columns cells and passes hnn-core's zero padding to the estimator", () => {
    const d = syntheticDipole([], { oscHz: 40, oscAmp: 5, tstop: 500, dt: 0.5 });
    const fr = [20, 30, 40, 50, 60];
    const t = plotTfrMorlet(d, fr, { maxColumns: 50 });
    expect(q(t, "g.hnn-tfr-cell rect")).toHaveLength(50 * 5);
    expect(texts(t)).toEqual(expect.arrayContaining(["Time (ms)", "Frequency (Hz)", "Power (nAm²)"]));
    // the brightest row is the signal's frequency
    const rows = new Map<number, number>();
    for (const r of q(t, "g.hnn-tfr-cell rect")) {
      const fill = r.getAttribute("fill")!;
      const rgb = fill.startsWith("#") ? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16)) : (fill.match(/\d+/g) ?? []).map(Number);
      const y = Number(r.getAttribute("y"));
      rows.set(y, (rows.get(y) ?? 0) + rgb.reduce((a, b) => a + b, 0));
    }
    const ys = [...rows.keys()].sort((a, b) => a - b); // top (60 Hz) to bottom (20 Hz)
    expect(ys).toHaveLength(5);
    const brightest = ys.reduce((a, b) => (rows.get(b)! > rows.get(a)! ? b : a));
    expect(ys.indexOf(brightest)).toBe(2); // 40 Hz
    let n = 0;
    const fake = (x: ArrayLike<number>, _fs: number, f: ArrayLike<number>) => {
      n = x.length;
      return Array.from(f, () => new Float64Array(x.length));
    };
    plotTfrMorlet(d, fr, { tfr: fake });
    expect(n).toBe(3 * 1000 - 2); // n − 1 zeros on each side (1000 samples in [0, 500))
    expect(() => plotTfrMorlet(d, [0, 10])).toThrow(/freqs must be positive/);
  });
});

describe("Figure output", () => {
  const pngSize = (b: Uint8Array) => {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return [v.getUint32(16), v.getUint32(20)];
  };

  it("writes PNG of the requested size and standalone SVG", () => {
    const f = plotDipole([dA, dB], { labels: ["a", "b"] });
    const png = f.toPng({ width: 800 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = pngSize(png);
    expect(w).toBe(800);
    expect(h).toBe(Math.round((800 * f.height) / f.width));
    expect(pngSize(f.toPng())).toEqual([2 * f.width, 2 * f.height]);
    const dir = mkdtempSync(join(tmpdir(), "viz-test-"));
    f.savePng(join(dir, "sub", "a.png"), { scale: 1 });
    expect(pngSize(readFileSync(join(dir, "sub", "a.png")))).toEqual([f.width, f.height]);
    f.saveSvg(join(dir, "a.svg"));
    const svg = readFileSync(join(dir, "a.svg"), "utf8");
    expect(svg.startsWith("<?xml")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).not.toMatch(/<(div|figure|html)/); // pure SVG, no HTML wrappers
  });

  it("renders text with a system font (dark pixels where the title is)", () => {
    const f = plotDipole(dA, { title: "TITLE TEXT" });
    const img = new Resvg(f.toSvg(), { font: { ...RESVG_FONT_OPTIONS } }).render();
    const { width, pixels } = img;
    let dark = 0;
    for (let y = 12; y < 36; y++) for (let x = 0; x < width; x++) if (pixels[(y * width + x) * 4]! < 100) dark++;
    expect(dark).toBeGreaterThan(100);
  });

  it("stacks figures with aligned panels and keeps every mark", () => {
    const a = plotDipole([dA, dB], { labels: ["a", "b"] });
    const b = plotSpikesHist(cr, { trialIdx: 0, spikeTypes: ["evprox", "evdist"] });
    const s = stackFigures([a, b], { title: "Both" });
    expect(q(s, "g.hnn-dipole-line path")).toHaveLength(2);
    expect(q(s, "g.hnn-hist-bar rect")).toHaveLength(q(b, "g.hnn-hist-bar rect").length);
    expect(s.width).toBe(Math.max(a.width, b.width));
    expect(texts(s)).toEqual(expect.arrayContaining(["Both", "Aggregate (L2/3 + L5)"]));
    const xs = q(s, "svg > svg").slice(0, 2).map((p) => p.getAttribute("x"));
    expect(xs[0]).toBe(xs[1]);
    expect(() => stackFigures([])).toThrow(/non-empty array/);
  });

  it("uses the document passed in, and says how to get one when there is none", () => {
    const doc = createDocument();
    expect(plotDipole(dA, { document: doc }).document).toBe(doc);
    setDefaultDocument(null);
    try {
      expect(() => resolveDocument()).toThrow(/No DOM document.*bindings\/viz\/node\.ts/);
    } finally {
      setDefaultDocument(createDocument());
    }
  });
});

describe("plotDipole's time window", () => {
  it("draws only the samples in [tmin, tmax] (hnn-core sets those x limits; matplotlib clips the line there)", () => {
    const times = Array.from(dA.times, Number);
    const points = (f: Figure) => q(f, "g.hnn-dipole-line path").map((p) => (p.getAttribute("d") ?? "").split(/[ML]/).filter((s) => s !== "").length);
    expect(points(plotDipole(dA, { tmin: 50, tmax: 100 }))).toEqual([times.filter((t) => t >= 50 && t <= 100).length]);
    expect(points(plotDipole(dA))).toEqual([times.length]);
  });
});
