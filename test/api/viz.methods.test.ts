// The method forms (dipole.plot(), cellResponse.plotSpikesRaster(), net.plotCells(), …): without the
// figures module they throw, naming the import; once `hnn-wasm/viz` (here through bindings/viz/node.ts)
// is imported they draw with the options given. This file imports the core first, on its own (vitest
// runs each test file in a fresh module registry).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Figure } from "../../bindings/viz/figure.js";
import { syntheticCellResponse, syntheticDipole, syntheticNetwork } from "../../scripts/viz-demo.data.js";

const d = syntheticDipole([[50, 5, 20]], { oscHz: 20, oscAmp: 5, tstop: 100 }); // 4001 samples
const cr = syntheticCellResponse({ nTrials: 2 });
const net = syntheticNetwork();
const q = (f: Figure, sel: string) => Array.from(f.svg.querySelectorAll(sel));

describe("plotting methods", () => {
  it("throw a clear Error before hnn-wasm/viz is imported", () => {
    const calls: [string, () => unknown][] = [
      ["Dipole.plot", () => d.plot()],
      ["Dipole.plotPsd", () => d.plotPsd()],
      ["Dipole.plotTfrMorlet", () => d.plotTfrMorlet([20])],
      ["CellResponse.plotSpikesRaster", () => cr.plotSpikesRaster()],
      ["CellResponse.plotSpikesHist", () => cr.plotSpikesHist()],
      ["Network.plotCells", () => net.plotCells()],
    ];
    for (const [name, call] of calls) {
      expect(call).toThrow(new RegExp(`^${name.replace(".", "\\.")}\\(\\) needs hnn-wasm's figures, which are not loaded: import 'hnn-wasm/viz'`));
    }
  });

  it("the core entry's sources reach no figure code (only type imports)", () => {
    for (const file of ["analysis/dipole.ts", "analysis/cellResponse.ts", "model/network.ts", "util/plotRenderers.ts"]) {
      const src = readFileSync(new URL(`../../bindings/${file}`, import.meta.url), "utf8");
      for (const m of src.matchAll(/^import (.*) from "(.*viz\/.*)";$/gm)) expect(m[1]).toMatch(/^type /);
    }
  });

  it("draw with their options once hnn-wasm/viz is imported", async () => {
    await import("../../bindings/viz/node.js");
    const points = (f: Figure) => q(f, "g.hnn-dipole-line path").map((p) => (p.getAttribute("d")!.match(/[ML]/g) ?? []).length);
    expect(points(d.plot())).toEqual([4001]);
    expect(points(d.plot({ decim: [5, 4] }))).toEqual([201]);
    expect(q(d.plot({ layer: ["L2", "L5"] }), "text.hnn-subtitle").map((t) => t.textContent)).toEqual(["L2/3", "L5"]);
    expect(q(d.plotPsd({ label: "psd" }), "g.hnn-psd-line path")).toHaveLength(1);
    expect(q(d.plotTfrMorlet([40, 60], { nCycles: 4, colorbarInside: true }), "g.hnn-colorbar-inside")).toHaveLength(1);
    const trial1 = cr.spikeTypes[1]!.filter((t) => t.startsWith("L")).length;
    expect(q(cr.plotSpikesRaster({ trialIdx: 1 }), "g.hnn-spike line")).toHaveLength(trial1);
    expect(q(cr.plotSpikesHist({ spikeTypes: ["evprox", "evdist"], invertSpikeTypes: "evdist" }), "g.hnn-hist-inverted rect").length).toBeGreaterThan(0);
    const nCells = Object.keys(net.cellTypes).reduce((s, t) => s + net.positions(t).length, 0);
    expect(q(net.plotCells(), "g.hnn-cells path")).toHaveLength(2 * nCells); // top and side view
  });
});
