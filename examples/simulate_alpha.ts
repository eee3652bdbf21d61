/**
 * hnn-core 0.6.1's "02. Simulate Alpha and Beta Rhythms" (examples/workflows/plot_simulate_alpha.py)
 * in hnn-wasm: a ~10 Hz bursty proximal drive gives alpha; adding a distal one gives beta. Two
 * figures, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- simulate_alpha [--tstop MS] [--out DIR]`.
 */
import { neymotin2020Model, plotDipole, plotPsd, stackFigures, type Network } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

/** The proximal ~10 Hz bursty drive (seed 284) that makes the alpha rhythm. */
export function addAlphaProx(net: Network): void {
  net.addBurstyDrive("alpha_prox", {
    tstart: 50, burstRate: 10, burstStd: 20, numspikes: 2, spikeIsi: 10, nDriveCells: 10, location: "proximal",
    weightsAmpa: { L2_pyramidal: 5.4e-5, L5_pyramidal: 5.4e-5 }, synapticDelays: { L2_pyramidal: 0.1, L5_pyramidal: 1 }, eventSeed: 284,
  });
}

/** The simultaneous distal ~10 Hz bursty drive (seed 296) that shifts the power to beta. */
export function addAlphaDist(net: Network): void {
  net.addBurstyDrive("alpha_dist", {
    tstart: 50, burstRate: 10, burstStd: 15, numspikes: 2, spikeIsi: 10, nDriveCells: 10, location: "distal",
    weightsAmpa: { L2_pyramidal: 5.4e-5, L5_pyramidal: 5.4e-5 }, synapticDelays: { L2_pyramidal: 5, L5_pyramidal: 5 }, eventSeed: 296,
  });
}

async function run(ctx: ExampleContext): Promise<void> {
  const net = neymotin2020Model();
  addAlphaProx(net);

  // simulate the dipole, but do not automatically scale or smooth the result
  let dpl = await ctx.simulate(net, { tstop: 310, nTrials: 1 });
  const trialIdx = 0; // single trial simulated, choose the first index
  // to emulate a larger patch of cortex, we can apply a simple scaling factor
  dpl[trialIdx].scale(3000);

  const [tmin, tmax] = [10, 300]; // exclude the initial burn-in period from the plots
  const windowLen = 20; // convolve with a 20 ms-long Hamming window
  const dplSmooth = dpl[trialIdx].copy().smooth(windowLen);
  // Raw (blue) and smoothed (red) on one axes (hnn-core: dpl.plot(color='b') and dpl_smooth.plot(color='r')
  // into one ax: one plotDipole of both here), then the PSD (hnn-core draws it on a log x axis).
  const tmaxShown = Math.min(tmax, ctx.tstop(310));
  ctx.save(stackFigures([
    plotDipole([dpl[trialIdx], dplSmooth], { tmin, tmax: tmaxShown, colors: ["b", "r"], labels: ["raw", "smoothed"] }),
    plotPsd(dpl[trialIdx], { fmin: 1, fmax: 1e3, tmin }),
  ]));

  // Add the distal drive and simulate again: beta (15-30 Hz) events.
  addAlphaDist(net);
  dpl = await ctx.simulate(net, { tstop: 310, nTrials: 1 });

  const smoothDpl = dpl[trialIdx].copy().smooth(windowLen);
  ctx.save(stackFigures([
    net.cellResponse!.plotSpikesHist(),
    plotDipole([dpl[trialIdx], smoothDpl], { tmin, tmax: tmaxShown, colors: ["b", "r"], labels: ["raw", "smoothed"] }),
    dpl[trialIdx].plotPsd({ fmin: 0, fmax: 40, tmin }),
  ]));
}

export const example: Example = {
  name: "simulate_alpha",
  hnnScript: "plot_simulate_alpha",
  description: "alpha (10 Hz proximal bursty drive), then alpha/beta with a distal drive; dipoles and PSDs",
  run,
};
