/**
 * hnn-core 0.6.1's "05. Optimize simulated evoked response parameters"
 * (examples/howto/optimize_evoked.py) in hnn-wasm: fit the second proximal drive (evprox2: its
 * time, spread and L5 pyramidal AMPA weight) of a hand-tuned ERP to a target dipole with hnn-core's
 * default solver (Bayesian optimisation, 50 iterations after the first evaluation, 3 trials each).
 * Four figures: the target, target + initial, target + initial + optimized, and the convergence.
 *
 * Data. hnn-core downloads hnn's recorded MEG ERP `yes_trial_S1_ERP_all_avg.txt` (hnn's
 * data/MEG_detection_data). We do not ship or fetch it. The target is a stand-in,
 * examples/data/S1_ERP_target_standin.txt (two columns, time in ms and dipole in nAm, as hnn's
 * file), made by `npm run example -- make_evoked_target`: this example's network with evprox2 at
 * jones2009's ERP values ({@link TRUE_EVPROX2}: mu 137.12 ms, sigma 8.33 ms, L5 pyramidal AMPA
 * weight 0.684013 µS) instead of the hand-tuned start (120 ms, 1 ms, 0.1 µS), averaged over 10
 * trials, smoothed (30 ms) and scaled (x 3000) as the example does, and sampled as the recording
 * is (103 samples every 1.66496 ms, 0 to 169.83 ms). So the fit has a known answer.
 *
 * Printing. hnn-core prints "Mean Loss: …; Min Loss: …" after every evaluation of the fit, and
 * (inside `with MPIBackend`) every simulation's progress lines, also those of the fit's 153
 * simulations. We print the progress lines of the initial and optimized simulations and the loss
 * line of every evaluation, not the progress lines of the fit's simulations.
 * `MPIBackend(n_procs=10)` becomes cells split across {@link N_PROCS} workers; the fit shares them
 * among each evaluation's trials. hnn-core's Bayesian sampler is unseeded; ours uses seed 123.
 *
 * Run: `npm run example -- optimize_evoked [--tstop MS] [--max-iter N] [--out DIR]`.
 */
import { writeFileSync } from "node:fs";
import { averageDipoles, neymotin2020Model, Optimizer, readDipole, type Dipole, type Network } from "../bindings/node";
import { formatFixed } from "../bindings/util/pyformat";
import { linePlot, type Line } from "./lib/figures";
import type { Example, ExampleContext } from "./lib/kit";

const TARGET_TXT = "S1_ERP_target_standin.txt";
/** Workers standing in for hnn-core's `n_procs = 10` (this machine has 2 cores). */
const N_PROCS = 2;
const [WINDOW_LENGTH, SCALING_FACTOR, N_TRIALS] = [30, 3000, 3];

const nDriveCells = 1;
const cellSpecific = false;
const weightsAmpaP1 = { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 };
const synapticDelaysP = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 };
const weightsAmpaD1 = { L2_basket: 0.006562, L2_pyramidal: 0.000007, L5_pyramidal: 0.1423 };
const weightsNmdaD1 = { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 };
const synapticDelaysD1 = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 };

/** The fitted parameters, by hnn-core's names. */
type Evprox2 = { evprox2_ampa_L5_pyramidal: number; evprox2_mu: number; evprox2_sigma: number };

/** The hand-tuned start (hnn-core's `initial_params`). */
const INITIAL_PARAMS: Evprox2 = { evprox2_ampa_L5_pyramidal: 0.1, evprox2_mu: 120.0, evprox2_sigma: 1.0 };
/** The stand-in target's evprox2: jones2009's ERP drive (hnn-core's plot_simulate_evoked). */
const TRUE_EVPROX2: Evprox2 = { evprox2_ampa_L5_pyramidal: 0.684013, evprox2_mu: 137.12, evprox2_sigma: 8.33 };
/** hnn-core's `constraints`: (lower, upper) per parameter. */
const CONSTRAINTS = { evprox2_ampa_L5_pyramidal: [0.01, 1.0], evprox2_mu: [100.0, 150.0], evprox2_sigma: [1.0, 20.0] } as const;

/** hnn-core's `set_params`: the three synchronous drives (one drive cell each), evprox2 from `params`. */
function setParams(net: Network, params: Record<string, number>): void {
  net.addEvokedDrive("evprox1", {
    mu: 26.61, sigma: 2.47, numspikes: 1, location: "proximal", weightsAmpa: weightsAmpaP1,
    synapticDelays: synapticDelaysP, nDriveCells, cellSpecific,
  });
  net.addEvokedDrive("evdist1", {
    mu: 63.53, sigma: 3.85, numspikes: 1, location: "distal", weightsAmpa: weightsAmpaD1,
    weightsNmda: weightsNmdaD1, synapticDelays: synapticDelaysD1, nDriveCells, cellSpecific,
  });
  const weightsAmpaP2 = { L2_basket: 0.000003, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: params.evprox2_ampa_L5_pyramidal };
  net.addEvokedDrive("evprox2", {
    mu: params.evprox2_mu, sigma: params.evprox2_sigma, numspikes: 1, location: "proximal",
    weightsAmpa: weightsAmpaP2, synapticDelays: synapticDelaysP, nDriveCells, cellSpecific,
  });
}

/** `dipole.smooth(window_length).scale(scaling_factor)` for every trial (in place). */
function smoothAndScale(dpls: Dipole[]): Dipole[] {
  for (const dpl of dpls) dpl.smooth(WINDOW_LENGTH).scale(SCALING_FACTOR);
  return dpls;
}

/** matplotlib's `_lighten_color(color, 0.5)` of tab:orange and tab:green (plot_dipole's trial lines). */
const LIGHTER: Record<string, string> = { "tab:orange": "#ffbf86", "tab:green": "#87de87" };

/**
 * `plot_dipole(dpls, average=True, color=…)` on the target's axes: each trial in the lighter
 * colour, the average in the colour; the target in tab:blue (hnn-core scales the simulated
 * dipoles to nAm × 3000 and plots the recording unscaled on the same axes).
 */
function overlay(target: Dipole, groups: { dpls: Dipole[]; color: string; label: string }[]) {
  const lines: Line[] = [{ x: target.times, y: target.data.agg!, color: "tab:blue", label: "experimental" }];
  for (const g of groups) {
    for (const d of g.dpls) lines.push({ x: d.times, y: d.data.agg!, color: LIGHTER[g.color] });
    const avg = averageDipoles(g.dpls);
    lines.push({ x: avg.times, y: avg.data.agg!, color: g.color, label: g.label });
  }
  return linePlot(lines, { xlabel: "Time (ms)", ylabel: "Dipole moment (nAm)", xlim: [0, target.times[target.times.length - 1]] });
}

async function run(ctx: ExampleContext): Promise<void> {
  // 2. The target dipole (a stand-in for hnn's recording, see the module note).
  const dipoleExperimental = readDipole(ctx.dataFile(TARGET_TXT));
  ctx.save(dipoleExperimental.plot({ layer: "agg", colors: "tab:blue", labels: ["experimental"] }));

  // 3. The initial dipole: the hand-tuned drives.
  const netInitial = neymotin2020Model();
  setParams(netInitial, INITIAL_PARAMS);
  const tstop = dipoleExperimental.times[dipoleExperimental.times.length - 1];
  const dipolesInitial = smoothAndScale(await ctx.simulate(netInitial, { tstop, nTrials: N_TRIALS }, { mpiProcs: N_PROCS }));
  ctx.save(overlay(dipoleExperimental, [{ dpls: dipolesInitial, color: "tab:orange", label: "initial" }]));

  // 7. Fit evprox2 (hnn-core's default solver and objective: 'bayesian', 'dipole_rmse').
  const net = neymotin2020Model();
  const optim = new Optimizer(net, { tstop: ctx.tstop(tstop), constraints: CONSTRAINTS, setParams, initialParams: INITIAL_PARAMS, maxIter: ctx.maxIter(50) });
  await optim.fit({
    target: dipoleExperimental, nTrials: N_TRIALS, scaleFactor: SCALING_FACTOR, smoothWindowLen: WINDOW_LENGTH, nJobs: N_PROCS,
    // One simulation per evaluation: hnn-core's mean and min of one loss.
    onEvaluation: ({ objective }) => ctx.print(`Mean Loss: ${formatFixed(objective, 2)}; Min Loss: ${formatFixed(objective, 2)}`),
  });

  // 8. The optimized dipole.
  const dipolesOptimized = smoothAndScale(await ctx.simulate(optim.net_!, { tstop, nTrials: N_TRIALS }, { mpiProcs: N_PROCS }));

  // 9. Target, initial and optimized; the convergence.
  ctx.save(overlay(dipoleExperimental, [
    { dpls: dipolesInitial, color: "tab:orange", label: "initial" },
    { dpls: dipolesOptimized, color: "tab:green", label: "optimized" },
  ]));
  ctx.save(optim.plotConvergence());
}

/** The recording's sampling: 103 samples, 1.66496 ms apart (600.6 Hz), from 0 ms. */
const [RECORDING_SAMPLES, RECORDING_STEP_MS] = [103, 1.66496010965];

/** Regenerates examples/data/S1_ERP_target_standin.txt (see the module note). */
async function makeTarget(ctx: ExampleContext): Promise<void> {
  const net = neymotin2020Model();
  setParams(net, TRUE_EVPROX2);
  const dpls = smoothAndScale(await ctx.simulate(net, { tstop: 170, nTrials: 10 }, { joblibJobs: N_PROCS }));
  const avg = averageDipoles(dpls);
  const dtMs = avg.times[1] - avg.times[0];
  const lines: string[] = [];
  for (let k = 0; k < RECORDING_SAMPLES; k++) {
    const tMs = k * RECORDING_STEP_MS;
    lines.push(`${tMs.toFixed(6)}\t${avg.data.agg![Math.round(tMs / dtMs)].toPrecision(10)}`);
  }
  writeFileSync(ctx.dataFile(TARGET_TXT), lines.join("\n") + "\n");
  ctx.print(`wrote ${lines.length} samples to ${ctx.dataFile(TARGET_TXT)}`);
}

export const example: Example = {
  name: "optimize_evoked",
  hnnScript: "optimize_evoked",
  description: "fit evprox2 (time, spread, L5 weight) of a hand-tuned ERP to a stand-in target: Bayesian, 50 iterations x 3 trials",
  run,
};

export const makeTargetExample: Example = {
  name: "make_evoked_target",
  hnnScript: "make_evoked_target",
  description: "(data) regenerates examples/data/S1_ERP_target_standin.txt: optimize_evoked's network at jones2009's evprox2, 10 trials averaged",
  run: makeTarget,
};
