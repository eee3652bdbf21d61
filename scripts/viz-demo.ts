/**
 * Writes every figure as PNG (and SVG) to /tmp/viz-demo/ from synthetic data, to look at and compare
 * with hnn-core's figures (../shared/seed/hnn_core_figures). Run: `node scripts/viz-demo.mjs [outDir]`.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  plotCellConnectivity, plotCells, plotConnectivityMatrix, plotDipole, plotDriveStrength, plotLaminarCsd, plotLaminarLfp,
  plotPsd, plotSpikesHist, plotSpikesRaster, plotTfrMorlet, stackFigures, type Figure,
} from "../bindings/viz/node.js";
import { CellResponse, Dipole, calculateCsd2d } from "../bindings/index.js";
import { smoothWaveform } from "../bindings/analysis/filters.js";
import { syntheticCellResponse, syntheticDipole, syntheticNetwork } from "./viz-demo.data.js";

/** Columns of a gzipped CSV of test/fixtures/lfp_neymotin2020_erp (NEURON reference run of hnn-core's extracellular how-to). */
function referenceCsv(name: string): { header: string[]; rows: string[][] } {
  const text = gunzipSync(readFileSync(`test/fixtures/lfp_neymotin2020_erp/${name}.csv.gz`)).toString("utf8"); // from the repository root
  const [head, ...lines] = text.trim().split("\n");
  return { header: head!.split(","), rows: lines.map((l) => l.split(",")) };
}

/** hnn-core's extracellular how-to figures from the reference run: 10 ms smoothing, decim [5, 4]. */
function laminarFigures(): Record<string, Figure> {
  const lfp = referenceCsv("lfp_shank1_trial0");
  const times = lfp.rows.map((r) => Number(r[0]));
  const depths = Array.from({ length: lfp.header.length - 1 }, (_, i) => -325 + 100 * i);
  const traces = depths.map((_, c) => smoothWaveform(lfp.rows.map((r) => Number(r[c + 1])), 10, 40000));
  const dcsv = referenceCsv("dipole_trial0");
  const col = (k: number) => dcsv.rows.map((r) => Number(r[k]));
  const dpl = new Dipole(col(0), { agg: col(1), L2: col(2), L5: col(3) }).smooth(10);
  const scsv = referenceCsv("spikes_trial0");
  const cr = new CellResponse(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"], {
    spikeTimes: [scsv.rows.map((r) => Number(r[0]))], spikeGids: [scsv.rows.map((r) => Number(r[1]))], spikeTypes: [scsv.rows.map((r) => r[2]!)], times,
  });
  const lfpFig = plotLaminarLfp(times, traces, depths, { decim: [5, 4] });
  const csdFig = plotLaminarCsd(times, calculateCsd2d(traces, 100), depths);
  const dplFig = plotDipole(dpl, { decim: [5, 4], height: 160 });
  const raster = plotSpikesRaster(cr);
  return {
    "16_laminar_lfp": lfpFig,
    "17_laminar_csd": csdFig,
    "18_raster_dipole_overlay": plotSpikesRaster(cr, { dpl: dpl.copy().scale(3000), overlayDipoles: true }),
    "19_spikes_hist_inverted": plotSpikesHist(cr, { spikeTypes: { Proximal: ["evprox"], Distal: ["evdist"] }, invertSpikeTypes: "Distal", alpha: 0.8 }),
    "20_record_extracellular_potentials": stackFigures([dplFig, lfpFig, raster, csdFig]),
  };
}

export function demoFigures(): Record<string, Figure> {
  const net = syntheticNetwork();
  const netSparse = syntheticNetwork({ sparse: true });
  const cr = syntheticCellResponse();
  const dErp = syntheticDipole([[26, 4, -0.004], [63, 6, -0.015], [100, 20, 0.002], [135, 12, 0.009]], { scale: 3000 });
  const dAll = syntheticDipole([[33, 5, -0.027], [75, 8, -0.02], [145, 20, 0.025]], { scale: 3000 });
  const dSparse = syntheticDipole([[22, 3, -0.003], [58, 5, -0.027], [137, 10, 0.01]], { scale: 3000 });
  for (const d of [dErp, dAll, dSparse]) for (const k of ["agg", "L2", "L5"] as const) (d.data[k] as Float64Array).forEach((v, i, a) => (a[i] = v * 3000));
  const dOsc = syntheticDipole([[60, 10, 20]], { oscHz: 20, oscAmp: 15 });
  const figs: Record<string, Figure> = {};
  figs["01_connectivity_matrix_L5basket_L5pyr"] = plotConnectivityMatrix(net, 0);
  figs["02_cell_connectivity_L5basket_L5pyr"] = plotCellConnectivity(net, 0, { srcGid: 135 });
  figs["03_raster_default"] = plotSpikesRaster(cr, { trialIdx: 0 });
  figs["04_raster_custom"] = plotSpikesRaster(cr, { trialIdx: 0, cellTypes: ["L2_pyramidal", "L5_pyramidal"], colors: ["#2ca02c", "k"], title: "Pyramidal spikes" });
  figs["06_connectivity_matrix_sparse_L2basket_L2basket"] = plotConnectivityMatrix(netSparse, 1);
  figs["07_cell_connectivity_sparse_L2basket"] = plotCellConnectivity(netSparse, 1, { srcGid: 2 });
  figs["08_drive_strength"] = plotDriveStrength(net);
  figs["09_drive_strength_unnormalized_hnncore"] = plotDriveStrength(net, { normalize: false, quantity: "hnn-core" });
  figs["09b_drive_strength_unnormalized_weights"] = plotDriveStrength(net, { normalize: false });
  const dpls = plotDipole([dErp, dAll, dSparse], { layer: "agg", labels: ["Default", "Custom All", "Custom Sparse"] });
  figs["10_dipoles_and_spike_hist"] = stackFigures([dpls, plotSpikesHist(cr, { trialIdx: 0, spikeTypes: ["evprox", "evdist"] })]);
  figs["11_dipole_layers"] = plotDipole([dErp, dAll], { layer: ["agg", "L2", "L5"], labels: ["Default", "Custom All"], average: true });
  figs["12_spikes_hist_groups"] = plotSpikesHist(cr, { spikeTypes: { Evoked: ["ev"], Pyramidal: ["L2_pyr", "L5_pyr"] }, binWidthMs: 2 });
  figs["13_psd"] = plotPsd(dOsc, { fmax: 100, label: "20 Hz test signal" });
  figs["14_tfr_morlet"] = plotTfrMorlet(dOsc, Array.from({ length: 28 }, (_, i) => 16 + 2 * i), { nCycles: 4 });
  figs["15_cells"] = plotCells(net);
  figs["21_tfr_colorbar_inside_decim"] = plotTfrMorlet(dOsc, Array.from({ length: 28 }, (_, i) => 16 + 2 * i), { nCycles: 4, decim: 5, colorbarInside: true });
  figs["22_spikes_hist_step_density"] = plotSpikesHist(cr, { histtype: "step", density: true });
  return { ...figs, ...laminarFigures() };
}

export function main(outDir = "/tmp/viz-demo"): string[] {
  const written: string[] = [];
  for (const [name, fig] of Object.entries(demoFigures())) {
    const png = `${outDir}/${name}.png`;
    fig.savePng(png, { scale: 1.5 });
    fig.saveSvg(`${outDir}/${name}.svg`);
    written.push(png);
  }
  return written;
}
