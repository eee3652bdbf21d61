/**
 * hnn-core 0.6.1's "07. Batch Simulation" (examples/howto/plot_batch_simulate.py) in hnn-wasm: one
 * proximal evoked drive on a small network (3 x 3 pyramidal cells per layer), its AMPA weights
 * swept from 1e-4 to 1e-1 µS in 20 steps (basket and pyramidal weights side by side,
 * `combinations=False`), each simulation summarised by the smoothed dipole's minimum and maximum.
 * Two figures, as hnn-core's gallery: the 20 smoothed dipoles coloured by weight, and the peaks
 * against the weight. No data files.
 *
 * Differences, on purpose: `n_jobs = 4` becomes {@link N_JOBS} workers (this machine has 2 cores);
 * hnn-core's first figure plots each dipole against its sample index under a "Time (ms)" label,
 * ours against its times in ms. hnn-core's loky workers also print every simulation's progress
 * lines; ours run silently. In the printed results a Dipole is written
 * `<hnn_core.dipole.Dipole object>` (Python adds its memory address).
 *
 * Run: `npm run example -- batch_simulate [--tstop MS] [--out DIR]`.
 */
import { BatchSimulate, neymotin2020Model, type BatchResult, type Network } from "../bindings/node";
import { colormapLut } from "../bindings/viz/colormaps";
import { pyFloat, pyRepr } from "../bindings/util/pyformat";
import { linePlot } from "./lib/figures";
import type { Example, ExampleContext } from "./lib/kit";

/** Workers standing in for hnn-core's `n_jobs = 4`. */
const N_JOBS = 2;

/** One summary: hnn-core's dict of numpy floats. */
type Summary = { min_peak: number; max_peak: number };

/**
 * numpy's `logspace(start, stop, num)`: 10 ** linspace (the last point exactly `stop`); integer
 * exponents exact (JavaScript's `10 ** -4` is 1 ulp off), others may differ from numpy's in the last bit.
 */
function logspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const pow10 = (y: number): number => (Number.isInteger(y) ? Number(`1e${y}`) : 10 ** y);
  return Array.from({ length: num }, (_, i) => pow10(i === num - 1 ? stop : start + i * step));
}

/** hnn-core's `set_params`: the evoked drive 'evprox' with the parameter set's AMPA weights. */
function setParams(net: Network, paramValues: Record<string, unknown>): void {
  const [basket, pyr] = [paramValues.weight_basket as number, paramValues.weight_pyr as number];
  const weightsAmpa = { L2_basket: basket, L2_pyramidal: pyr, L5_basket: basket, L5_pyramidal: pyr };
  const synapticDelays = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 };
  // Add an evoked drive to the network.
  net.addEvokedDrive("evprox", { mu: 40, sigma: 5, numspikes: 1, location: "proximal", weightsAmpa, synapticDelays });
}

/** The aggregate dipole of a result's first trial, smoothed with a 30-ms window (on a copy). */
function smoothedAgg(result: BatchResult): Float64Array {
  return result.dpl![0].copy().smooth(30).data.agg as Float64Array;
}

/** hnn-core's `summary_func`: the min and max dipole peak of each simulation result. */
function summaryFunc(results: BatchResult[]): Summary[] {
  return results.map((result) => {
    const dplData = smoothedAgg(result);
    return { min_peak: Math.min(...dplData), max_peak: Math.max(...dplData) };
  });
}

/** Python's repr of the run's result dict (numpy 2 floats, hnn-core objects by their reprs). */
function resultsRepr(summaries: Summary[][], data: BatchResult[][]): string {
  const np = (x: unknown): string => `np.float64(${pyFloat(x as number)})`;
  const dict = (o: Record<string, unknown>): string => `{${Object.entries(o).map(([k, v]) => `${pyRepr(k)}: ${np(v)}`).join(", ")}}`;
  const stats = summaries.map((batch) => `[${batch.map(dict).join(", ")}]`).join(", ");
  const sims = data.map((batch) => `[${batch.map((r) => `{'net': ${String(r.net)}, 'param_values': ${dict(r.paramValues)}, 'dpl': [${r.dpl!.map(() => "<hnn_core.dipole.Dipole object>").join(", ")}]}`).join(", ")}]`);
  return `{'summary_statistics': [${stats}], 'simulated_data': [${sims.join(", ")}]}`;
}

async function run(ctx: ExampleContext): Promise<void> {
  const paramGrid = { weight_basket: logspace(-4, -1, 20), weight_pyr: logspace(-4, -1, 20) };

  // Initialize the network model and run the batch simulation.
  const net = neymotin2020Model({ meshShape: [3, 3] });
  const batchSimulation = new BatchSimulate({ net, setParams, summaryFunc, tstop: ctx.tstop(170) });
  const simulationResults = (await batchSimulation.run(paramGrid, { nJobs: N_JOBS, combinations: false }))!;
  const summaries = simulationResults.summaryStatistics as Summary[][];
  const simulated = simulationResults.simulatedData!;
  ctx.print("Simulation results:", resultsRepr(summaries, simulated));

  // Overlay of the smoothed dipoles, coloured by log10(weight_basket) (viridis).
  const results = simulated.flat();
  const logParams = results.map((r) => Math.log10(r.paramValues.weight_basket as number));
  const [lo, hi] = [Math.min(...logParams), Math.max(...logParams)];
  const cmap = colormapLut("viridis");
  ctx.save(linePlot(
    results.map((r, i) => ({ x: r.dpl![0].times, y: smoothedAgg(r), color: cmap.at((logParams[i] - lo) / (hi - lo)) })),
    { title: "Overlay of Dipole Waveforms", xlabel: "Time (ms)", ylabel: "Dipole Amplitude (nAm)", width: 700, marginLeft: 100 },
  ));

  // Min and max dipole peaks across the synaptic strengths.
  const paramValues = results.map((r) => r.paramValues.weight_basket as number);
  const peaks = summaries.flat();
  ctx.save(linePlot([
    { x: paramValues, y: peaks.map((s) => s.min_peak), color: "C0", label: "Min Dipole Peak" },
    { x: paramValues, y: peaks.map((s) => s.max_peak), color: "C1", label: "Max Dipole Peak" },
  ], { title: "Min and Max Dipole Peaks across Simulations", xlabel: "Synaptic Strength (nS)", ylabel: "Dipole Peak Magnitude", logX: true, width: 700, marginLeft: 100 }));
}

export const example: Example = {
  name: "batch_simulate",
  hnnScript: "plot_batch_simulate",
  description: "20 simulations of a 3 x 3 network, proximal AMPA weights 1e-4 .. 1e-1 side by side, on 2 workers: min/max dipole peaks",
  run,
};
