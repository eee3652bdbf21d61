/**
 * hnn-core 0.6.1's "04. Use MPI backend for parallelization"
 * (examples/howto/plot_simulate_mpi_backend.py) in hnn-wasm: one trial of the alpha example's
 * network with its cells split across 2 workers. hnn-core's `MPIBackend(n_procs=2)` becomes
 * `nJobs: 2` with one trial (worker threads in Node, Web Workers in browsers; no MPI needed), and
 * the result does not depend on the split. One figure, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- simulate_mpi_backend [--tstop MS] [--out DIR]`.
 */
import { neymotin2020Model } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

async function run(ctx: ExampleContext): Promise<void> {
  const net = neymotin2020Model();
  net.addBurstyDrive("bursty", {
    tstart: 50.0, burstRate: 10, burstStd: 20.0, numspikes: 2, spikeIsi: 10, nDriveCells: 10,
    location: "distal", weightsAmpa: { L2_pyramidal: 5.4e-5, L5_pyramidal: 5.4e-5 }, eventSeed: 278,
  });

  // hnn-core: `with MPIBackend(n_procs=2, mpi_cmd='mpiexec'):`
  const dpls = await ctx.simulate(net, { tstop: 310.0, nTrials: 1 }, { mpiProcs: 2 });

  const trialIdx = 0;
  ctx.save(dpls[trialIdx].plot());
}

export const example: Example = {
  name: "simulate_mpi_backend",
  hnnScript: "plot_simulate_mpi_backend",
  description: "one trial with its cells split across 2 workers (hnn-core's MPIBackend(n_procs=2))",
  run,
};
