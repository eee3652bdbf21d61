// Figures on the real model and analysis classes (Network, Dipole, CellResponse), reproducing the
// seed example's numbers (../shared/seed/plot_connectivity.rst.txt, hnn_core_figures/).
import { describe, expect, it } from "vitest";
import { jones2009Model } from "../../bindings/model/models";
import { pickConnection } from "../../bindings/model/pickConnection";
import { Dipole } from "../../bindings/analysis/dipole";
import { CellResponse } from "../../bindings/analysis/cellResponse";
import {
  plotCellConnectivity, plotConnectivityMatrix, plotDipole, plotDriveStrength, plotSpikesHist, plotSpikesRaster, stackFigures,
} from "../../bindings/viz/node.js";
import { syntheticCellResponse, syntheticDipole } from "../../scripts/viz-demo.data.js";

const sel = (svg: SVGSVGElement, s: string) => Array.from(svg.querySelectorAll(s));

describe("figures of jones_2009_model (seed example)", () => {
  const net = jones2009Model({ addDrivesFromParams: true });

  it("connectivity matrix and cell connectivity of L5_basket -> L5_pyramidal (seed figures 01, 02)", () => {
    expect(net.connectivity).toHaveLength(38);
    const [idx] = pickConnection(net, { srcGids: "L5_basket", targetGids: "L5_pyramidal", loc: "soma", receptor: "gabaa" } as never);
    const m = plotConnectivityMatrix(net, idx!);
    expect(sel(m.svg, "g.hnn-conn-cell rect")).toHaveLength(35 * 100);
    expect(m.title).toBe("L5_basket -> L5_pyramidal (soma, gabaa)");
    // colour bar spans hnn-core's range 0.0242 .. 0.0250 µS
    const ticks = sel(m.svg, "svg.hnn-colorbar text").map((t) => Number(t.textContent)).filter((v) => Number.isFinite(v));
    expect(Math.min(...ticks)).toBeCloseTo(0.0242, 4);
    expect(Math.max(...ticks)).toBeCloseTo(0.025, 4);
    const c = plotCellConnectivity(net, idx!);
    expect(sel(c.svg, "g.hnn-target circle")).toHaveLength(100);
    expect(sel(c.svg, "text").map((t) => t.textContent)).toContain("Targets (L5_pyramidal) of gid 135");
  });

  it("drive strengths equal hnn-core 0.6.1's (seed figures 08 and 09)", () => {
    const values = (f: ReturnType<typeof plotDriveStrength>) => sel(f.svg, "g.hnn-drive-value text").map((t) => t.textContent);
    expect(values(plotDriveStrength(net, { normalize: false, quantity: "hnn-core" }))).toEqual([
      "54.83", "157.79", "0.00", "159.84", "54.66", "157.67", "546.56", "1576.68", "54.66", "157.67", "546.56", "1576.68",
    ]);
    expect(values(plotDriveStrength(net, { quantity: "hnn-core" }))).toEqual([
      "0.03", "0.10", "0.00", "0.10", "0.03", "0.10", "0.35", "1.00", "0.03", "0.10", "0.35", "1.00",
    ]);
  });
});

describe("figures of Dipole and CellResponse objects", () => {
  it("plots Dipole instances (scaled) and a CellResponse, stacked like seed figure 10", () => {
    const s = syntheticDipole([[30, 5, -0.02], [60, 5, 0.01]]);
    const dpls = [0, 1, 2].map((k) => new Dipole(s.times, { agg: Array.from(s.data.agg, (v: number) => v * (k + 1)), L2: s.data.L2!, L5: s.data.L5! }).scale(3000));
    const top = plotDipole(dpls, { labels: ["Default", "Custom All", "Custom Sparse"] });
    expect(sel(top.svg, "text").map((t) => t.textContent)).toContain("Dipole moment (nAm × 3000)");
    const syn = syntheticCellResponse();
    const cr = new CellResponse(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"], {
      spikeTimes: syn.spikeTimes, spikeGids: syn.spikeGids, spikeTypes: syn.spikeTypes, times: syn.times,
    });
    const hist = plotSpikesHist(cr, { spikeTypes: ["evprox", "evdist"] });
    const both = stackFigures([top, hist]);
    expect(sel(both.svg, "g.hnn-dipole-line path")).toHaveLength(3);
    expect(sel(both.svg, "g.hnn-legend-entry").map((e) => e.getAttribute("data-label"))).toEqual(["Default", "Custom All", "Custom Sparse", "evdist", "evprox"]);
    const raster = plotSpikesRaster(cr, { trialIdx: 0 });
    expect(sel(raster.svg, "g.hnn-spike line")).toHaveLength(syn.spikeTypes[0]!.filter((t) => !t.startsWith("ev")).length);
    expect(() => plotSpikesRaster(cr, { cellTypes: ["evprox1"] })).toThrow(/Invalid cellTypes.*'L2_basket', 'L2_pyramidal', 'L5_basket', 'L5_pyramidal'/);
  });
});
