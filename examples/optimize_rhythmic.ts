/**
 * hnn-core 0.6.1's "08. Optimize simulated rhythmic responses" (examples/howto/optimize_rhythmic.py)
 * in hnn-wasm: fit eight parameters of two bursty drives (proximal and distal: weight, start, burst
 * rate, burst spread) so that the dipole's power in 9-11 Hz and 19-21 Hz is as large as possible,
 * in a ratio of 1 to 2 (objective 'maximize_psd', hnn-core's default solver: Bayesian optimisation,
 * 50 iterations after the first evaluation, one 300-ms trial each). Two figures: the optimized
 * dipole over its PSD, and the convergence. No data files.
 *
 * Printing. hnn-core prints (inside `with MPIBackend`) the progress lines of every simulation,
 * also of the fit's 51. We print those of the final simulation, and after the fit one line that
 * hnn-core does not print: the objective of the first evaluation and the lowest one
 * (`optim.obj_`). `MPIBackend(n_procs=10)` becomes cells split across {@link N_PROCS} workers.
 * hnn-core's Bayesian sampler is unseeded; ours uses seed 123.
 *
 * Run: `npm run example -- optimize_rhythmic [--tstop MS] [--max-iter N] [--out DIR]`.
 */
import { neymotin2020Model, Optimizer, stackFigures, type Network } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

/** Workers standing in for hnn-core's `n_procs = 10` (this machine has 2 cores). */
const N_PROCS = 2;

/** hnn-core's `set_params`: the alpha-rate proximal and distal bursty drives from `params`. */
function setParams(net: Network, params: Record<string, number>): void {
  // Proximal (alpha)
  const weightsAmpaP = { L2_pyramidal: params.alpha_prox_weight, L5_pyramidal: 4.4e-5 };
  const synDelaysP = { L2_pyramidal: 0.1, L5_pyramidal: 1.0 };
  net.addBurstyDrive("alpha_prox", {
    tstart: params.alpha_prox_tstart, burstRate: params.alpha_prox_burst_rate, burstStd: params.alpha_prox_burst_std,
    numspikes: 2, spikeIsi: 10, nDriveCells: 10, location: "proximal", weightsAmpa: weightsAmpaP, synapticDelays: synDelaysP,
  });
  // Distal (beta)
  const weightsAmpaD = { L2_pyramidal: params.alpha_dist_weight, L5_pyramidal: 4.4e-5 };
  const synDelaysD = { L2_pyramidal: 5.0, L5_pyramidal: 5.0 };
  net.addBurstyDrive("alpha_dist", {
    tstart: params.alpha_dist_tstart, burstRate: params.alpha_dist_burst_rate, burstStd: params.alpha_dist_burst_std,
    numspikes: 2, spikeIsi: 10, nDriveCells: 10, location: "distal", weightsAmpa: weightsAmpaD, synapticDelays: synDelaysD,
  });
}

/** hnn-core's `constraints` (synaptic weights in µS, times in ms, rates in Hz). */
const CONSTRAINTS = {
  alpha_prox_weight: [4.4e-5, 6.4e-5], alpha_prox_tstart: [45, 55], alpha_prox_burst_rate: [1, 30], alpha_prox_burst_std: [10, 30],
  alpha_dist_weight: [4.4e-5, 6.4e-5], alpha_dist_tstart: [45, 55], alpha_dist_burst_rate: [1, 30], alpha_dist_burst_std: [10, 30],
} as const;

async function run(ctx: ExampleContext): Promise<void> {
  const tstop = ctx.tstop(300);
  const [scaleFactor, smoothWindowLen] = [3000, 20];

  const net = neymotin2020Model();
  const optim = new Optimizer(net, { tstop, constraints: CONSTRAINTS, setParams, objFun: "maximize_psd", maxIter: ctx.maxIter(50) });
  // 8-15 Hz (alpha) and 15-30 Hz (beta) are the frequency bands whose
  // power we wish to maximize in a ratio of 1 to 2.
  await optim.fit({ fBands: [[9, 11], [19, 21]], relativeBandpower: [1, 2], scaleFactor, smoothWindowLen, nJobs: N_PROCS });
  ctx.print(`objective: first evaluation ${optim.obj_[0]}, lowest ${optim.obj_[optim.obj_.length - 1]}`);

  // The optimized dipole, its PSD, and the convergence.
  const [optDpl] = await ctx.simulate(optim.net_!, { tstop, nTrials: 1 }, { mpiProcs: N_PROCS });
  optDpl.scale(scaleFactor);
  optDpl.smooth(smoothWindowLen);
  ctx.save(stackFigures([
    optDpl.plot({ layer: "agg", colors: "tab:green", labels: ["optimized"] }),
    optDpl.plotPsd({ fmax: 50 }),
  ]));
  ctx.save(optim.plotConvergence());
}

export const example: Example = {
  name: "optimize_rhythmic",
  hnnScript: "optimize_rhythmic",
  description: "fit two bursty drives (8 parameters) for 10 Hz and 20 Hz power in a 1:2 ratio (maximize_psd): Bayesian, 50 iterations",
  run,
};
