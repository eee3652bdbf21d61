/**
 * hnn-core 0.6.1's "05. Simulate beta modulated ERP" (examples/workflows/plot_simulate_beta.py) in
 * hnn-wasm: Law et al. 2021's model, a beta event at 50 ms, an ERP at 125 ms, and both together
 * (Figure 5 of the paper). Three figures, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- simulate_beta [--tstop MS] [--out DIR]`.
 */
import { law2021Model, neymotin2020Model, plotDipole, stackFigures, type Network } from "../bindings/node";
import { pyFloat } from "../bindings/util/pyformat";
import { arange, type Example, type ExampleContext } from "./lib/kit";

/** The ERP drives of Law et al. 2021 (evdist1, evprox1, evprox2; sigma 0), `stimulusStart` ms later than at 0. */
export function addErpDrives(net: Network, stimulusStart: number): Network {
  // Distal evoked drive
  const weightsD1 = { L2_basket: 0.0005, L2_pyramidal: 0.004, L5_pyramidal: 0.0005 };
  net.addEvokedDrive("evdist1", {
    mu: 70.0 + stimulusStart, sigma: 0.0, numspikes: 1, weightsAmpa: weightsD1, weightsNmda: weightsD1,
    location: "distal", synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 }, eventSeed: 274,
  });
  // Two proximal drives
  const synDelaysProx = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1, L5_pyramidal: 1 };
  // all NMDA weights are zero; pass null explicitly
  net.addEvokedDrive("evprox1", {
    mu: 25.0 + stimulusStart, sigma: 0.0, numspikes: 1, weightsAmpa: { L2_basket: 0.002, L2_pyramidal: 0.0011, L5_basket: 0.001, L5_pyramidal: 0.001 },
    weightsNmda: null, location: "proximal", synapticDelays: synDelaysProx, eventSeed: 544,
  });
  // Second proximal evoked drive. NB: only AMPA weights differ from first
  net.addEvokedDrive("evprox2", {
    mu: 135.0 + stimulusStart, sigma: 0.0, numspikes: 1, weightsAmpa: { L2_basket: 0.005, L2_pyramidal: 0.005, L5_basket: 0.01, L5_pyramidal: 0.01 },
    location: "proximal", synapticDelays: synDelaysProx, eventSeed: 814,
  });
  return net;
}

/** A beta event: simultaneous distal (seed 290) and proximal (seed 300) bursty drives from `betaStart` for 50 ms. */
export function addBetaDrives(net: Network, betaStart: number): Network {
  const common = { tstart: betaStart, tstartStd: 0, tstop: betaStart + 50, burstRate: 1, numspikes: 2, spikeIsi: 10, nDriveCells: 10 };
  net.addBurstyDrive("beta_dist", {
    ...common, burstStd: 10, location: "distal", weightsAmpa: { L2_basket: 0.00032, L2_pyramidal: 0.00008, L5_pyramidal: 0.00004 },
    synapticDelays: { L2_basket: 0.5, L2_pyramidal: 0.5, L5_pyramidal: 0.5 }, eventSeed: 290,
  });
  net.addBurstyDrive("beta_prox", {
    ...common, burstStd: 20, location: "proximal", weightsAmpa: { L2_basket: 0.00004, L2_pyramidal: 0.00002, L5_basket: 0.00002, L5_pyramidal: 0.00002 },
    synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 }, eventSeed: 300,
  });
  return net;
}

async function run(ctx: ExampleContext): Promise<void> {
  const net = law2021Model();
  const netJones = neymotin2020Model();

  const l5 = (n: Network) => n.cellTypes.L5_pyramidal.cellObject;
  ctx.print(`GABAb Rise (ms): ${pyFloat(l5(netJones).synapses.gabab.tau1)} -> ${pyFloat(l5(net).synapses.gabab.tau1)}`);
  ctx.print(`GABAb Fall (ms): ${pyFloat(l5(netJones).synapses.gabab.tau2)} -> ${pyFloat(l5(net).synapses.gabab.tau2)}\n`);
  // Python's `print(dict.keys())`
  const keys = (record: object) => `dict_keys(${ctx.repr(Object.keys(record))})`;
  ctx.print("Apical Dendrite Channels:");
  ctx.print(keys(l5(net).sections.apical_1.mechs));
  ctx.print("\nBasal Dendrite Channels ('ca' missing):");
  ctx.print(keys(l5(net).sections.basal_1.mechs));

  ctx.print("Recurrent Tuft Connection");
  ctx.print(String(net.connectivity[16]));
  ctx.print("New GABAb connection");
  ctx.print(String(net.connectivity[15]));
  ctx.print("\nConnection Removed from Law Model");
  ctx.print(String(netJones.connectivity[10]));

  // 1) beta event only, 2) ERP only, 3) beta event + ERP
  const [betaStart, stimulusStart] = [50.0, 125.0];
  const netBeta = addBetaDrives(net.copy(), betaStart);
  const netErp = addErpDrives(net.copy(), stimulusStart);
  const netBetaErp = addErpDrives(netBeta.copy(), stimulusStart);

  const dplsBeta = await ctx.simulate(netBeta, { tstop: 400 });
  const dplsErp = await ctx.simulate(netErp, { tstop: 400 });
  const dplsBetaErp = await ctx.simulate(netBetaErp, { tstop: 400 });

  // Create a fixed-step tiling of frequencies from 10 to 60 Hz in steps of 1 Hz
  const freqs = arange(10, 60, 1);
  ctx.save(stackFigures([
    netBeta.cellResponse!.plotSpikesHist({ title: "Beta Event Generation" }),
    plotDipole(dplsBeta, { layer: "agg", tmin: 1.0, colors: "b" }),
    netBeta.cellResponse!.plotSpikesRaster({ title: "Spike Raster" }),
    dplsBeta[0].plotTfrMorlet(freqs, { nCycles: 7 }),
  ]));

  dplsBetaErp[0].smooth(45);
  ctx.save(stackFigures([
    plotDipole(dplsBetaErp, { layer: "agg", tmin: 1.0, colors: "r", title: "Beta Event + ERP" }),
    netBetaErp.cellResponse!.plotSpikesHist({ title: "Input Drives Histogram" }),
    netBetaErp.cellResponse!.plotSpikesRaster({ title: "Spike Raster" }),
  ]));

  dplsErp[0].smooth(45);
  ctx.save(stackFigures([
    plotDipole([...dplsBetaErp, ...dplsErp], { layer: "agg", tmin: 1.0, colors: ["r", "b"], labels: ["ERP + Beta", "ERP"], title: "Beta ERP Comparison" }),
    netBetaErp.cellResponse!.plotSpikesRaster({ title: "Beta + ERP Spike Raster" }),
    netErp.cellResponse!.plotSpikesRaster({ title: "ERP Spike Raster" }),
  ]));
}

export const example: Example = {
  name: "simulate_beta",
  hnnScript: "plot_simulate_beta",
  description: "Law et al. 2021: a beta event at 50 ms suppresses the ERP of a stimulus at 125 ms",
  run,
};
