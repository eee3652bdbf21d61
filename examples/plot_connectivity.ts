/**
 * hnn-core's "Modifying local connectivity" how-to (examples/howto/plot_connectivity.py), step for
 * step in hnn-wasm. Prints what hnn-core prints and writes every figure as SVG and PNG.
 *
 * Run: `npm start` (or `node dist/plot_connectivity.js [outDir]` after `npm run build`).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  jones2009Model,
  pickConnection,
  simulateDipole,
  plotConnectivityMatrix,
  plotCellConnectivity,
  plotSpikesRaster,
  plotSpikesHist,
  plotDipole,
  plotDriveStrength,
  stackFigures,
  setWarningHandler,
  type Network,
  type Figure,
  type Dipole,
} from "../bindings/node";

// hnn-core's warnings go to stderr, as Python's do.
setWarningHandler((message) => console.warn(message));

const outDir = process.argv[2] ?? "out/plot_connectivity";
mkdirSync(outDir, { recursive: true });
const written: string[] = [];

/** Writes a figure as SVG and PNG into the output folder. */
function save(fig: Figure, name: string): void {
  fig.saveSvg(join(outDir, `${name}.svg`));
  fig.savePng(join(outDir, `${name}.png`));
  written.push(name);
}

/** The three simulations run side by side in worker threads (two cores here). */
const N_JOBS = 2;
const TSTOP_MS = 170;

/** The first element Python's `set.pop()` would give for these gids (CPython's slot order). */
function firstOfSet(gids: Iterable<number>): number {
  const list = [...gids];
  let slots = 8;
  while (list.length * 5 >= (slots - 1) * 3) slots *= 4;
  return list.sort((a, b) => (a % slots) - (b % slots) || a - b)[0];
}

function simulate(net: Network): Promise<Dipole[]> {
  return simulateDipole(net, { tstop: TSTOP_MS, nTrials: 1, nJobs: N_JOBS });
}

const started = performance.now();

// The default network with the parameter file's evoked drives.
const netErp = jones2009Model({ addDrivesFromParams: true });

/** The seed's get_network(): all cell-to-cell connections replaced by four new ones. */
function getNetwork(probability = 1.0): Network {
  const net = jones2009Model({ addDrivesFromParams: true });
  net.clearConnectivity();
  const [weight, delay, lamtha, connSeed] = [1.0, 1.0, 70, 3];
  // Pyramidal cell connections
  for (const target of ["L5_pyramidal", "L2_basket"]) {
    net.addConnection("L5_pyramidal", target, "distal", "ampa", weight, delay, lamtha, { probability, connSeed });
  }
  // Basket cell connections
  for (const target of ["L5_pyramidal", "L2_basket"]) {
    net.addConnection("L2_basket", target, "soma", "gabaa", weight, delay, lamtha, { probability, connSeed });
  }
  return net;
}
const netAll = getNetwork();
const netSparse = getNetwork(0.1);

// Start all three simulations now; they share the worker pool.
const dplErpPromise = simulate(netErp);
const dplAllPromise = simulate(netAll);
const dplSparsePromise = simulate(netSparse);

console.log(netErp.connectivity.length);
let connIdx = pickConnection(netErp, { srcGids: "L5_basket", targetGids: "L5_pyramidal", loc: "soma", receptor: "gabaa" })[0];
console.log(String(netErp.connectivity[connIdx]));
save(plotConnectivityMatrix(netErp, connIdx), "01_connectivity_matrix_L5basket_L5pyr");
let srcGid = firstOfSet(netErp.connectivity[connIdx].srcGids);
save(plotCellConnectivity(netErp, connIdx, { srcGid }), "02_cell_connectivity_L5basket_L5pyr");

const [dplErp, dplAll, dplSparse] = await Promise.all([dplErpPromise, dplAllPromise, dplSparsePromise]);
console.log(`Simulated 3 networks, ${TSTOP_MS} ms each, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
save(plotSpikesRaster(netErp.cellResponse!, { title: "Default network" }), "03_raster_default");
save(plotSpikesRaster(netAll.cellResponse!, { title: "Custom, all-to-all" }), "04_raster_custom_all");
save(plotSpikesRaster(netSparse.cellResponse!, { title: "Custom, sparse (p = 0.1)" }), "05_raster_custom_sparse");

connIdx = pickConnection(netSparse, { srcGids: "L2_basket", targetGids: "L2_basket", loc: "soma", receptor: "gabaa" })[0];
save(plotConnectivityMatrix(netSparse, connIdx), "06_connectivity_matrix_sparse_L2basket_L2basket");
srcGid = firstOfSet(netSparse.connectivity[connIdx].srcGids);
save(plotCellConnectivity(netSparse, connIdx, { srcGid }), "07_cell_connectivity_sparse_L2basket");

// hnn-core's figures sum weight + delay of each drive's last connection per cell type; `quantity:
// "hnn-core"` reproduces them (the default, "weight", sums the effective synaptic weights instead).
save(plotDriveStrength(netErp, { quantity: "hnn-core" }), "08_drive_strength");
save(plotDriveStrength(netErp, { quantity: "hnn-core", normalize: false }), "09_drive_strength_unnormalized");

const windowLenMs = 30;
const scalingFactor = 3000;
const dpls = [dplErp[0], dplAll[0], dplSparse[0]].map((d) => d.smooth(windowLenMs).scale(scalingFactor));
const dipoleFig = plotDipole(dpls, { layer: "agg", labels: ["Default", "Custom All", "Custom Sparse"] });
const histFig = plotSpikesHist(netErp.cellResponse!, { spikeTypes: ["evprox", "evdist"] });
save(stackFigures([dipoleFig, histFig]), "10_dipoles_and_spike_hist");

console.log(`saved ${written.length} figures to ${outDir} (SVG and PNG) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
