/**
 * hnn-core 0.6.1's "01. Simulate Event Related Potentials (ERPs)"
 * (examples/workflows/plot_simulate_evoked.py) in hnn-wasm: the threshold-level tactile evoked
 * response of Jones et al. 2007, with cell-specific drives (2 trials on 2 workers) and again with
 * synchronous drives. Six figures, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- simulate_evoked [--tstop MS] [--out DIR]`.
 */
import { neymotin2020Model, plotDipole, stackFigures, type Network } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

const weightsAmpaD1 = { L2_basket: 0.006562, L2_pyramidal: 0.000007, L5_pyramidal: 0.1423 };
const weightsNmdaD1 = { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 };
const synapticDelaysD1 = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 };
const weightsAmpaP1 = { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 };
const synapticDelaysProx = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1, L5_pyramidal: 1 };
// Second proximal evoked drive. NB: only AMPA weights differ from first
const weightsAmpaP2 = { L2_basket: 0.000003, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: 0.684013 };

/**
 * The example's three evoked drives (evdist1, evprox1, evprox2; seeds 274, 544, 814), cell-specific
 * (hnn-core's defaults) or, with `sync`, from one drive cell shared by all cells
 * (`n_drive_cells=1, cell_specific=False`).
 */
export function addEvokedDrives(net: Network, sync = false): void {
  const common = sync ? { nDriveCells: 1, cellSpecific: false } : {};
  net.addEvokedDrive("evdist1", {
    mu: 63.53, sigma: 3.85, numspikes: 1, weightsAmpa: weightsAmpaD1, weightsNmda: weightsNmdaD1,
    location: "distal", synapticDelays: synapticDelaysD1, eventSeed: 274, ...common,
  });
  // all NMDA weights are zero; pass null explicitly
  net.addEvokedDrive("evprox1", {
    mu: 26.61, sigma: 2.47, numspikes: 1, weightsAmpa: weightsAmpaP1, weightsNmda: null,
    location: "proximal", synapticDelays: synapticDelaysProx, eventSeed: 544, ...common,
  });
  // all NMDA weights are zero; omit weightsNmda (defaults to null)
  net.addEvokedDrive("evprox2", {
    mu: 137.12, sigma: 8.33, numspikes: 1, weightsAmpa: weightsAmpaP2,
    location: "proximal", synapticDelays: synapticDelaysProx, eventSeed: 814, ...common,
  });
}

async function run(ctx: ExampleContext): Promise<void> {
  // Our default network and its cells.
  const net = neymotin2020Model();
  ctx.save(net.plotCells());
  ctx.save(net.cellTypes.L5_pyramidal.cellObject.plotMorphology());

  addEvokedDrives(net);

  // 2 trials, side by side on 2 workers (hnn-core: `with JoblibBackend(n_jobs=2)`).
  const dpls = await ctx.simulate(net, { tstop: 170, nTrials: 2 }, { joblibJobs: 2 });

  // smooth and scale operate in place
  const [windowLen, scalingFactor] = [30, 3000];
  for (const dpl of dpls) dpl.smooth(windowLen).scale(scalingFactor);

  // Aggregate dipole of both trials over the drives' spike histogram.
  ctx.save(stackFigures([plotDipole(dpls, { layer: "agg" }), net.cellResponse!.plotSpikesHist({ spikeTypes: ["evprox", "evdist"] })]));
  // The layers one panel each (hnn-core: average=False).
  ctx.save(plotDipole(dpls, { average: false, layer: ["L2", "L5", "agg"] }));

  // The same drives, synchronous: one drive cell each, shared by all cells.
  const netSync = neymotin2020Model();
  addEvokedDrives(netSync, true);
  ctx.print(netSync.externalDrives.evdist1.dynamics);

  const dplsSync = await ctx.simulate(netSync, { tstop: 170, nTrials: 1 });
  const trialIdx = 0;
  ctx.save(dplsSync[trialIdx].copy().smooth(windowLen).scale(scalingFactor).plot());
  ctx.save(netSync.cellResponse!.plotSpikesHist());
}

export const example: Example = {
  name: "simulate_evoked",
  hnnScript: "plot_simulate_evoked",
  description: "ERP of Jones et al. 2007: three evoked drives, 2 trials on 2 workers, then synchronous drives",
  run,
};
