/**
 * Writes every figure as PNG (and SVG) to /tmp/viz-demo/ from synthetic data, to look at and compare
 * with hnn-core's figures (../shared/seed/hnn_core_figures). Run: `node scripts/viz-demo.mjs [outDir]`.
 */
import {
  plotCellConnectivity, plotCells, plotConnectivityMatrix, plotDipole, plotDriveStrength, plotPsd, plotSpikesHist,
  plotSpikesRaster, plotTfrMorlet, stackFigures, type Figure,
} from "../bindings/viz/node.js";
import { syntheticCellResponse, syntheticDipole, syntheticNetwork } from "./viz-demo.data.js";

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
  return figs;
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
