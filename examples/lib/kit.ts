/**
 * What every gallery example (examples/*.ts) gets from the runner (examples/gallery.ts): where its
 * figures go and under which names, the `--tstop` cap for short test runs, Python's `print`, and
 * `simulate`, which calls `simulateDipole` and prints the progress lines hnn-core 0.6.1 prints.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { simulateDipole, type Dipole, type Figure, type Network, type SimulateDipoleOptions } from "../../bindings/node";
import { pyFloat, pyRepr } from "../../bindings/util/pyformat";

/** One example of the gallery. */
export interface Example {
  /** The name `npm run example -- <name>` takes (examples/<name>.ts). */
  name: string;
  /** hnn-core 0.6.1's file (examples/howto or examples/workflows), whose figure names we reuse. */
  hnnScript: string;
  /** One line for `--list`. */
  description: string;
  run(ctx: ExampleContext): Promise<void>;
}

/** How the simulations of an example are spread (hnn-core's backends). */
export type Backend = { joblibJobs: number } | { mpiProcs: number };

/** The runner's options for short runs (tests); null = the example's own value. */
export interface RunCaps {
  /** `--tstop`: every simulation stops at min(its tstop, this) (ms). */
  tstopCapMs: number | null;
  /** `--decim`: frame step (time samples) of exported animations. */
  movieDecim: number | null;
  /** `--max-iter`: every fit runs at most this many iterations. */
  maxIter: number | null;
}

/** The runner's side of an example run. */
export class ExampleContext {
  /** Names of the figures written so far (without extension), in order. */
  readonly figures: string[] = [];
  /** Other files written so far (names in outDir), in order. */
  readonly files: string[] = [];

  /**
   * @param outDir folder for the figures (created).
   * @param hnnScript hnn-core's script name, e.g. `plot_simulate_evoked`: figure k is saved as
   *   `sphx_glr_<hnnScript>_00k` (the names of hnn-core's gallery images).
   * @param caps `--tstop` and `--decim` (null: full length, the example's frame step).
   * @param dataDir examples/data: the files an example reads (shipped copies of hnn-core's and of downloads).
   */
  constructor(readonly outDir: string, private readonly hnnScript: string, private readonly caps: RunCaps, private readonly dataDir: string) {
    mkdirSync(outDir, { recursive: true });
  }

  /** The example's iteration count of a fit (`max_iter`), capped by `--max-iter`. */
  maxIter(n: number): number {
    return this.caps.maxIter === null ? n : Math.min(n, this.caps.maxIter);
  }

  /** The example's tstop (ms), capped by `--tstop`. */
  tstop(ms: number): number {
    return this.caps.tstopCapMs === null ? ms : Math.min(ms, this.caps.tstopCapMs);
  }

  /** The frame step of an exported animation: `--decim` when given, else the example's. */
  movieDecim(decim: number): number {
    return this.caps.movieDecim ?? decim;
  }

  /** Path of a file the example writes besides its figures (e.g. an animation), in outDir. */
  outputFile(name: string): string {
    this.files.push(name);
    return join(this.outDir, name);
  }

  /** Path of a file in examples/data. */
  dataFile(name: string): string {
    return join(this.dataDir, name);
  }

  /** Writes the next figure as SVG and PNG, under hnn-core's gallery name for it. */
  save(fig: Figure): void {
    const name = `sphx_glr_${this.hnnScript}_${String(this.figures.length + 1).padStart(3, "0")}`;
    fig.saveSvg(join(this.outDir, `${name}.svg`));
    fig.savePng(join(this.outDir, `${name}.png`));
    this.figures.push(name);
  }

  /** Python's `print(*values)`: strings as they are, anything else as Python's repr. */
  print(...values: unknown[]): void {
    console.log(values.map((v) => (typeof v === "string" ? v : this.repr(v))).join(" "));
  }

  /** Python's `repr(value)` (dicts, lists, numbers as Python writes them). */
  repr(value: unknown): string {
    return pyRepr(value);
  }

  /**
   * hnn-core's `simulate_dipole` under a backend (default `JoblibBackend(n_jobs=1)`, as hnn-core
   * without a `with` block), printing hnn-core's lines: the backend's announcement, then per trial
   * "Building the NEURON model", "[Done]" and "Trial k: t ms..." every 10 ms of simulated time.
   * `{ mpiProcs: n }` splits the cells of each trial across n workers (our stand-in for MPI).
   * `opts.tstop` is capped by `--tstop`.
   */
  async simulate(net: Network, opts: Omit<SimulateDipoleOptions, "nJobs" | "onProgress">, backend: Backend = { joblibJobs: 1 }): Promise<Dipole[]> {
    const tstop = this.tstop(opts.tstop);
    const fromParams = net.params["N_trials"]; // hnn-core's default n_trials
    const nTrials = opts.nTrials ?? (typeof fromParams === "number" && fromParams > 0 ? fromParams : 1);
    const nJobs = "joblibJobs" in backend ? backend.joblibJobs : backend.mpiProcs;
    if ("joblibJobs" in backend) this.print(`Joblib will run ${nTrials} trial(s) in parallel by distributing trials over ${nJobs} jobs.`);
    else this.print(`MPI will run ${nTrials} trial(s) sequentially by distributing network neurons over ${nJobs} processes.`);
    const printed = new Array<number>(nTrials).fill(-1); // last 10-ms mark printed per trial
    const printUpTo = (trial: number, tMs: number): void => {
      if (printed[trial] < 0) this.print("Building the NEURON model\n[Done]");
      // hnn-core's CVode events at 0, 10, … < int(tstop); NEURON runs the one at 0 after the first step (h.t = 0.025).
      for (let mark = printed[trial] + 1; mark * 10 < Math.trunc(tstop) && mark * 10 <= tMs; mark++) {
        this.print(`Trial ${trial + 1}: ${mark === 0 ? "0.03" : pyFloat(mark * 10)} ms...`);
        printed[trial] = mark;
      }
    };
    const dpls = await simulateDipole(net, { ...opts, tstop, nTrials, nJobs, onProgress: (p) => printUpTo(p.trial, p.tMs) });
    for (let k = 0; k < nTrials; k++) printUpTo(k, tstop);
    return dpls;
  }
}

/** A number range as numpy's `np.arange(start, stop, step)` gives it. */
export function arange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: n }, (_, i) => start + i * step);
}
