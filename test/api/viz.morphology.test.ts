/**
 * Morphology figures and the network animation (bindings/viz/morphology.ts, networkPlotter.ts):
 * hnn-core's view and line widths, matplotlib's viridis table, section colours from the recorded
 * voltages, the GIF that exportMovie writes and the browser animation's clock.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { basket, pyramidal } from "../../bindings/model/cells";
import { jones2009Model } from "../../bindings/model/models";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";
import { plotRenderer } from "../../bindings/util/plotRenderers";
import { ValueError } from "../../bindings/util/validate";
import { NetworkPlotter, plotCellMorphology, RESVG_FONT_OPTIONS } from "../../bindings/viz/node.js";
import { Resvg } from "@resvg/resvg-js";
import { GifReader } from "omggif";
import { colormapLut } from "../../bindings/viz/colormaps";

const lines = (svg: SVGSVGElement) => Array.from(svg.querySelectorAll("line.hnn-section"));
const num = (e: Element, a: string) => Number(e.getAttribute(a));
const bySection = (svg: SVGSVGElement) => new Map(lines(svg).map((l) => [l.getAttribute("data-section")!, l]));

describe("plotCellMorphology / cell.plotMorphology", () => {
  it("hnn-core's view (elev 0, azim -90): x to the right, z up, depth hidden; one line per section", () => {
    const cell = pyramidal("L5_pyramidal");
    const fig = cell.plotMorphology();
    const s = bySection(fig.svg);
    expect(s.size).toBe(Object.keys(cell.sections).length);
    const soma = s.get("soma")!;
    expect(num(soma, "x1")).toBeCloseTo(num(soma, "x2"), 6); // vertical section stays vertical
    expect(num(soma, "y2")).toBeLessThan(num(soma, "y1")); // its 1-end (higher z) is drawn higher
    const oblique = s.get("apical_oblique")!; // goes to x = -150 at constant z
    expect(num(oblique, "y1")).toBeCloseTo(num(oblique, "y2"), 6);
    expect(num(oblique, "x2")).toBeLessThan(num(oblique, "x1"));
    // basal_2 and basal_3 are mirror images in x about the soma.
    const [b2, b3] = [s.get("basal_2")!, s.get("basal_3")!];
    expect(num(b2, "x2") + num(b3, "x2")).toBeCloseTo(2 * num(soma, "x1"), 1);
  });

  it("line widths are the diameters in x-axis units on the axes' width (hnn-core _linewidth_from_data_units)", () => {
    const cell = pyramidal("L2_pyramidal");
    const s = bySection(plotCellMorphology(cell).svg);
    const pxPerUm = (0.775 * 640) / 400;
    for (const [name, sec] of Object.entries(cell.sections)) expect(num(s.get(name)!, "stroke-width")).toBeCloseTo(sec.diam * pxPerUm, 2);
  });

  it("colour: 'b' by default, one string, or one per section; errors name the argument", () => {
    const cell = pyramidal("L2_pyramidal");
    expect(new Set(lines(cell.plotMorphology().svg).map((l) => l.getAttribute("stroke")))).toEqual(new Set(["#0000ff"]));
    const colors = Object.fromEntries(Object.keys(cell.sections).map((n) => [n, n === "soma" ? "r" : "#123456"]));
    const s = bySection(cell.plotMorphology({ color: colors }).svg);
    expect(s.get("soma")!.getAttribute("stroke")).toBe("#ff0000");
    expect(s.get("apical_tuft")!.getAttribute("stroke")).toBe("#123456");
    expect(() => cell.plotMorphology({ color: { soma: "r" } })).toThrow(/missing or not a string: apical_trunk/);
    expect(() => cell.plotMorphology({ color: 3 as never })).toThrow(new TypeError("color must be an instance of str, dict, or None, got <class 'int'> instead"));
    expect(() => cell.plotMorphology({ xlim: [10, 0] })).toThrow(ValueError);
    expect(() => cell.plotMorphology({ pos: [0, 0] as never })).toThrow(ValueError);
    expect(lines(basket("L5_basket").plotMorphology().svg)).toHaveLength(1);
  });

  it("without hnn-wasm/viz the method says what to import", () => {
    expect(() => plotRenderer("notRegistered" as "plotCellMorphology", "x.plot")).toThrow("x.plot() needs hnn-wasm's figures, which are not loaded: import 'hnn-wasm/viz' (in Node, 'hnn-wasm/node') once before calling it.");
  });
});

describe("colormaps", () => {
  it("viridis is matplotlib's 256-entry table: ends and middle, clipping like cmap(x)", () => {
    const v = colormapLut("viridis");
    // matplotlib _viridis_data[0], [128], [255]: (0.267004, 0.004874, 0.329415), (0.127568, 0.566949, 0.550556), (0.993248, 0.906157, 0.143936)
    expect([v.lut[0], v.lut[128], v.lut[255]]).toEqual(["#440154", "#21918c", "#fde725"]);
    expect([v.at(-1), v.at(0.5), v.at(1), v.at(2)]).toEqual(["#440154", "#21918c", "#fde725", "#fde725"]);
    expect(colormapLut("viridis_r").lut[0]).toBe("#fde725");
    expect(() => colormapLut("jet")).toThrow(/Invalid value for the 'voltage_colormap' parameter/);
  });
});

describe("NetworkPlotter", () => {
  const net = jones2009Model({ meshShape: [2, 2] });
  const nSections = Object.values(net.cellTypes).reduce((n, ct) => n + net.positions(Object.keys(net.cellTypes).find((k) => net.cellTypes[k] === ct)!).length * Object.keys(ct.cellObject.sections).length, 0);

  beforeAll(async () => {
    net.addTonicBias({ amplitude: { L5_pyramidal: 1.0, L2_pyramidal: 0.5 }, t0: 0, tstop: 20 });
    await simulateDipole(net, { tstop: 20, recordVsec: "all" });
  });

  it("before a simulation: every section of every cell, blue, and hnn-core's error for timeIdx", () => {
    const fresh = new NetworkPlotter(jones2009Model({ meshShape: [2, 2] }));
    expect(lines(fresh.fig.svg)).toHaveLength(nSections);
    expect(new Set(lines(fresh.fig.svg).map((l) => l.getAttribute("stroke")))).toEqual(new Set(["#0000ff"]));
    expect(() => {
      fresh.timeIdx = 3;
    }).toThrow("Network must be simulated with `simulateDipole(net, { recordVsec: 'all' })` before setting `timeIdx`.");
    expect(() => fresh.exportMovie("x.gif")).toThrow(/before plotting voltages/);
  });

  it("each section's colour is viridis((vsec - vmin) / (vmax - vmin)) at timeIdx, per gid and section", () => {
    const np = new NetworkPlotter(net, { vmin: -80, vmax: 40 });
    np.timeIdx = 600; // 15 ms
    const svg = np.fig.svg;
    const viridis = colormapLut("viridis").lut;
    const vsec = net.cellResponse!.vsec[0]!;
    let i = 0;
    const byIndex = new Map(lines(svg).map((l) => [num(l, "data-i"), l]));
    for (const [type, ct] of Object.entries(net.cellTypes)) {
      const { start, stop } = net.gidRanges[type]!;
      for (let gid = start; gid < stop; gid++) {
        for (const sec of Object.keys(ct.cellObject.sections)) {
          const v = vsec[gid]![sec]![600]!;
          const k = Math.min(255, Math.max(0, Math.floor(((v + 80) / 120) * 256)));
          expect(byIndex.get(i)!.getAttribute("stroke")).toBe(viridis[k]);
          i++;
        }
      }
    }
    expect(i).toBe(nSections);
    expect(svg.querySelector("text.hnn-time")!.textContent).toBe("t = 15.0 ms");
    expect(() => {
      np.timeIdx = 10_000;
    }).toThrow(ValueError);
  });

  it("exportMovie writes an animated GIF: frames every decim samples, size dpi / 100 of the figure", () => {
    const np = new NetworkPlotter(net);
    const path = join(mkdtempSync(join(tmpdir(), "hnn-movie-")), "net.gif");
    const info = np.exportMovie(path, { dpi: 50, fps: 20, decim: 200 });
    expect(info.frames).toBe(4); // samples 0, 200, 400, 600 of 801 (stop before the last)
    const gif = readFileSync(path);
    expect(gif.subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([info.width, info.height]);
    expect(info.width).toBe(Math.round(np.fig.width / 2));
    expect(info.bytes).toBe(gif.length);
    expect(() => np.exportMovie("net.mp4")).toThrow(ValueError);
    // Decoded (each frame drawn over the last, as a viewer does), every frame is the figure at its
    // time sample up to the 256-colour quantisation.
    const reader = new GifReader(new Uint8Array(gif));
    expect(reader.numFrames()).toBe(4);
    const canvas = new Uint8Array(info.width * info.height * 4);
    [0, 200, 400, 600].forEach((t, k) => {
      reader.decodeAndBlitFrameRGBA(k, canvas);
      np.timeIdx = t;
      const want = new Resvg(np.fig.toSvg(), { fitTo: { mode: "zoom", value: 0.5 }, background: "white", font: { ...RESVG_FONT_OPTIONS } }).render().pixels;
      let sum = 0;
      let wrong = 0; // pixels off by more than quantisation can explain (e.g. a previous frame's showing through)
      for (let i = 0; i < canvas.length; i += 4) {
        let d = 0;
        for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(canvas[i + c]! - want[i + c]!));
        for (let c = 0; c < 3; c++) sum += Math.abs(canvas[i + c]! - want[i + c]!);
        if (d > 64) wrong++;
      }
      expect(sum / (canvas.length * 0.75)).toBeLessThan(1.5);
      expect(wrong, `frame ${k}`).toBe(0);
    });
  });

  describe("animate (browser clock faked)", () => {
    const g = globalThis as { requestAnimationFrame?: unknown };
    afterEach(() => {
      delete g.requestAnimationFrame;
    });

    it("advances one frame per interval, pauses, seeks", () => {
      const queue: ((t: number) => void)[] = [];
      g.requestAnimationFrame = (cb: (t: number) => void) => queue.push(cb);
      const np = new NetworkPlotter(net);
      const anim = np.animate({ decim: 100, interval: 50 });
      const step = (t: number) => queue.splice(0).forEach((cb) => cb(t));
      step(1000); // clock starts at frame 0
      step(1120); // 2.4 intervals later: frame 2 = sample 200
      expect(anim.timeIdx).toBe(200);
      expect(anim.svg.querySelector("text.hnn-time")!.textContent).toBe("t = 5.0 ms");
      const expected = np.colorsAt(200);
      expect(lines(anim.svg).map((l) => l.getAttribute("stroke"))).toEqual(lines(anim.svg).map((l) => expected[num(l, "data-i")]));
      anim.pause();
      step(2000);
      expect([anim.playing, anim.timeIdx]).toEqual([false, 200]);
      anim.seek(700);
      expect(anim.timeIdx).toBe(700);
    });
  });
});
