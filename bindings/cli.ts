#!/usr/bin/env node
/**
 * The hnn-wasm command line. `hnn-wasm simulate` runs a network from an hnn-core network file or
 * a built-in model and writes the reference output layout (../shared/reference/README.md), with
 * `lfp_<array>_trialK.csv` for every electrode array the network defines; `hnn-wasm fit` fits
 * parameters of a network to a target dipole (./cli/fit.ts), `hnn-wasm batch` runs a parameter grid
 * (./cli/batch.ts). The output folder is checked before the run (./cli/outputFiles.ts) and the files
 * appear together once all are written; SIGINT / SIGTERM stop the run and exit 130 / 143 without
 * output (./cli/interrupt.ts).
 * Every error ends the process with status 1 and one line on stderr.
 */
import { Command, InvalidArgumentError } from "commander";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readNetworkFile } from "./io/networkFile";
import { jones2009Model, law2021Model, calciumModel, neymotin2020Model } from "./model/models";
import type { Network } from "./model/network";
import type { SectionTraces } from "./analysis/cellResponse";
import { simulateDipole } from "./simulate/simulateDipole";
import { dipoleCsv, spikesCsv, tracesCsv } from "./io/outputCsv";
import { ProgressBar } from "./cli/progress";
import { startServer } from "./cli/serve";
import { batchCommand, type BatchFlags } from "./cli/batch";
import { OutputBatch, prepareOutputDir, discardOutputs } from "./cli/outputFiles";
import { exitIfInterrupted, handleInterrupts } from "./cli/interrupt";
import type { WorkerFlags } from "./cli/worker";
import type { RecordOption } from "./simulate/runTrial";
import { ValueError } from "./util/validate";
import { setWarningHandler } from "./util/warnings";
import { fitCommand, type FitFlags } from "./cli/fit";

const MODELS: Record<string, (opts: { addDrivesFromParams: boolean }) => Network> = {
  jones2009: jones2009Model,
  neymotin2020: neymotin2020Model,
  law2021: law2021Model,
  calcium: calciumModel,
};

function positiveNumber(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === "" || !Number.isFinite(x) || x <= 0) throw new InvalidArgumentError(`${name} must be a positive number (ms), got '${value}'`);
    return x;
  };
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got '${value}'`);
    return x;
  };
}

function portNumber(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 0 || x > 65535) throw new InvalidArgumentError(`--port must be an integer in [0, 65535], got '${value}'`);
  return x;
}

function recordChoice(name: string) {
  return (value: string): RecordOption => {
    if (value !== "all" && value !== "soma") throw new InvalidArgumentError(`${name} must be 'all' or 'soma', got '${value}'`);
    return value;
  };
}

/** `--gids`: comma-separated gids of the network, each an integer in [0, nGids). */
function parseGids(text: string, nGids: number): number[] {
  const items = text.split(",").map((g) => g.trim());
  if (!items.every((g) => /^\d+$/.test(g) && Number(g) < nGids)) {
    throw new ValueError(`--gids must be a comma-separated list of gids (integers in [0, ${nGids})), got '${text}'`);
  }
  return items.map(Number);
}

interface SimulateFlags {
  network?: string;
  model?: string;
  drivesFromParams?: boolean;
  out: string;
  overwrite?: boolean;
  tstop?: number;
  dt: number;
  trials?: number;
  recordVsec?: RecordOption;
  recordIsec?: RecordOption;
  recordCa?: RecordOption;
  gids?: string;
  jobs: number;
}

/** `<gid>_<section>` columns of one trial's section traces (vsec, ca), in hnn-core's order. */
function sectionColumns(traces: SectionTraces): [string, Float64Array][] {
  return Object.entries(traces).flatMap(([gid, secs]) => Object.entries(secs).map(([sec, trace]): [string, Float64Array] => [`${gid}_${sec}`, trace]));
}

function hasStoredEvents(net: Network, nTrials: number): boolean {
  const drives = Object.values(net.externalDrives);
  return drives.length > 0 && drives.every((d) => d.events.length >= nTrials);
}

/** The files a simulate run writes (an earlier run's are replaced by --overwrite). */
const SIMULATE_OUTPUTS = /^(dipole|spikes|vsec|isec|ca)_trial\d+\.csv$|^lfp_.+_trial\d+\.csv$/;

async function simulateCommand(flags: SimulateFlags): Promise<void> {
  if ((flags.network === undefined) === (flags.model === undefined)) throw new ValueError("give exactly one of --network FILE or --model NAME");
  prepareOutputDir(flags.out, flags.overwrite ?? false);
  let net: Network;
  let tstop = flags.tstop;
  if (flags.network !== undefined) {
    net = readNetworkFile(flags.network);
  } else {
    const make = Object.hasOwn(MODELS, flags.model!) ? MODELS[flags.model!] : undefined;
    if (make === undefined) throw new ValueError(`unknown --model '${flags.model}'; allowed: ${Object.keys(MODELS).join(", ")}`);
    net = make({ addDrivesFromParams: flags.drivesFromParams ?? false });
  }
  if (tstop === undefined) {
    const fromParams = net.params["tstop"];
    if (typeof fromParams !== "number") throw new ValueError("--tstop is required (the network does not define tstop)");
    tstop = fromParams;
  }
  const nTrials = flags.trials ?? 1;
  // A network file's stored events (trial K uses events[K]) are used when every drive has them.
  const useStoredEvents = flags.network !== undefined && hasStoredEvents(net, nTrials);
  const recordGids = flags.gids === undefined ? undefined : parseGids(flags.gids, net.nGids);
  const bar = new ProgressBar("simulating");
  const reached = new Array<number>(nTrials).fill(0);
  const interrupts = handleInterrupts();
  const dipoles = await simulateDipole(net, {
    tstop,
    dt: flags.dt,
    nTrials,
    recordVsec: flags.recordVsec ?? false,
    recordIsec: flags.recordIsec ?? false,
    recordCa: flags.recordCa ?? false,
    useStoredEvents,
    recordGids,
    nJobs: flags.jobs,
    signal: interrupts.signal,
    onProgress: (p) => {
      reached[p.trial] = p.tMs;
      const total = reached.reduce((a, b) => a + b, 0);
      bar.update(total / (p.tstopMs * p.nTrials), `${p.nTrials} trial(s), ${total.toFixed(0)} of ${p.tstopMs * p.nTrials} ms`);
    },
  }).catch((e: unknown) => {
    exitIfInterrupted(interrupts.signal);
    throw e;
  });
  bar.finish();
  const files = new OutputBatch(flags.out);
  const response = net.cellResponse!;
  dipoles.forEach((dpl, k) => {
    files.write(`dipole_trial${k}.csv`, dipoleCsv(dpl));
    files.write(`spikes_trial${k}.csv`, spikesCsv(response.spikeTimes[k], response.spikeGids[k], response.spikeTypes[k]));
    const sectionFiles: [RecordOption | undefined, string, SectionTraces[]][] = [
      [flags.recordVsec, "vsec", response.vsec],
      [flags.recordCa, "ca", response.ca],
    ];
    for (const [option, name, traces] of sectionFiles) {
      if (option) files.write(`${name}_trial${k}.csv`, tracesCsv(response.times, sectionColumns(traces[k]), false));
    }
    if (flags.recordIsec) {
      const cols: [string, Float64Array][] = [];
      for (const [gid, secs] of Object.entries(response.isec[k])) for (const syns of Object.values(secs)) for (const [name, trace] of Object.entries(syns)) cols.push([`${gid}_${name}`, trace]);
      files.write(`isec_trial${k}.csv`, tracesCsv(response.times, cols, true));
    }
    for (const [name, arr] of Object.entries(net.recArrays)) {
      const cols = arr.voltages[k].map((trace, c): [string, Float64Array] => [`e${c}`, trace]);
      files.write(`lfp_${name}_trial${k}.csv`, tracesCsv(arr.times, cols, false));
    }
  });
  files.commit(SIMULATE_OUTPUTS);
  interrupts.dispose();
  const nSpikes = response.spikeTimes.reduce((s, t) => s + t.length, 0);
  console.log(`wrote ${dipoles.length} trial(s) of ${tstop} ms to ${flags.out} (${nSpikes} spikes)`);
}

/** Builds the command-line program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command("hnn-wasm")
    .description("hnn-core's neocortical model in WebAssembly")
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`hnn-wasm: ${s}`) });
  program
    .command("simulate")
    .description("simulate a network and write dipole, spike, trace and electrode-array (LFP) CSV files")
    .option("--network <file>", "hnn-core network configuration (.json or .json.gz)")
    .option("--model <name>", `built-in model: ${Object.keys(MODELS).join(", ")}`)
    .option("--drives-from-params", "add the parameter file's drives to a built-in model")
    .requiredOption("--out <dir>", "output folder (created if missing; must be empty unless --overwrite)")
    .option("--overwrite", "write into a non-empty output folder, replacing an earlier run's files")
    .option("--tstop <ms>", "simulation end (ms)", positiveNumber("--tstop"))
    .option("--dt <ms>", "time step (ms)", positiveNumber("--dt"), 0.025)
    .option("--trials <n>", "number of trials", positiveInteger("--trials"))
    .option("--record-vsec <which>", "record section voltages: all | soma", recordChoice("--record-vsec"))
    .option("--record-isec <which>", "record synaptic currents: all | soma", recordChoice("--record-isec"))
    .option("--record-ca <which>", "record calcium concentration (sections with the Ca ion): all | soma", recordChoice("--record-ca"))
    .option("--gids <list>", "record vsec/isec/ca only for these comma-separated gids")
    .option("--jobs <n>", "trials in parallel worker threads", positiveInteger("--jobs"), 1)
    .action(async (flags: SimulateFlags) => simulateCommand(flags));
  program
    .command("batch")
    .description("simulate a network for every combination of a parameter grid (BatchSimulate)")
    .option("--network <file>", "hnn-core network configuration (.json or .json.gz)")
    .option("--grid <file>", 'JSON: parameter path -> list of values, e.g. {"drives.evprox1.mu": [20, 26]}')
    .option("--tstop <ms>", "simulation end (ms)", positiveNumber("--tstop"))
    .option("--dt <ms>", "time step (ms)", positiveNumber("--dt"), 0.025)
    .option("--trials <n>", "trials per simulation", positiveInteger("--trials"), 1)
    .option("--jobs <n>", "simulations at once, one worker thread each", positiveInteger("--jobs"), 1)
    .requiredOption("--out <dir>", "output folder: <k>/dipole_trial0.csv, <k>/spikes_trial0.csv, summary.csv")
    .option("--overwrite", "write into a non-empty --out (its numbered folders and summary.csv are replaced)")
    .option("--queue <url>", "run on the hnn-wasm workers of this Redis queue: redis://HOST:PORT[/NAME]")
    .option("--resume <id>", "re-attach to a batch sent to --queue earlier and write --out when it is done")
    .action(async (flags: BatchFlags) => batchCommand(flags));
  program
    .command("worker")
    .description("run the simulations of a Redis queue (hnn-wasm batch --queue) until SIGTERM/SIGINT")
    .requiredOption("--queue <url>", "Redis queue: redis://HOST:PORT[/NAME] (NAME default 'hnn')")
    .option("--concurrency <n>", "simulations at once, one worker thread each", positiveInteger("--concurrency"), 1)
    .option("--stalled-ms <ms>", "a job whose worker is silent this long goes to another worker", positiveNumber("--stalled-ms"), 30_000)
    .action(async (flags: WorkerFlags) => (await import("./cli/worker")).workerCommand(flags));
  program
    .command("serve")
    .description("serve the workbench page (dist/web) on this machine")
    .option("--port <n>", "TCP port (0: any free port)", portNumber, 8080)
    .option("--host <address>", "address to bind (127.0.0.1: this machine only)", "127.0.0.1")
    .action(async (flags: { port: number; host: string }) => {
      // The CLI bundle is dist/cli.js; the page is built next to it into dist/web/.
      const root = fileURLToPath(new URL("./web/", import.meta.url));
      const { url } = await startServer({ root, port: flags.port, host: flags.host });
      console.log(`hnn-wasm workbench at ${url} (Ctrl-C stops it)`);
    });
  program
    .command("fit")
    .description("fit parameters of a network to a target dipole (Optimizer, dipole_rmse)")
    .requiredOption("--network <file>", "hnn-core network configuration (.json or .json.gz)")
    .requiredOption("--target <file>", "target dipole, hnn-core's text format (t agg [L2 L5])")
    .requiredOption("--params <file>", 'JSON: parameter path -> {"bounds": [low, high], "initial": x} or [low, high]')
    .option("--solver <name>", "cobyla | cma | bayesian", (v: string) => {
      if (v !== "cobyla" && v !== "cma" && v !== "bayesian") throw new InvalidArgumentError(`--solver must be 'cobyla', 'cma' or 'bayesian', got '${v}'`);
      return v;
    }, "bayesian")
    .option("--max-iter <n>", "evaluations (cobyla; bayesian: after the first) or generations (cma)", positiveInteger("--max-iter"), 200)
    .requiredOption("--out <dir>", "output folder: network.json, dipole_best.csv, history.csv (must be empty unless --overwrite)")
    .option("--overwrite", "write into a non-empty output folder, replacing an earlier fit's files")
    .option("--tstop <ms>", "simulation end (ms); default the target's last time", positiveNumber("--tstop"))
    .option("--dt <ms>", "time step (ms)", positiveNumber("--dt"), 0.025)
    .option("--trials <n>", "trials simulated and averaged per evaluation", positiveInteger("--trials"), 1)
    .option("--jobs <n>", "worker threads", positiveInteger("--jobs"), 1)
    .option("--scale-factor <x>", "factor applied to the simulated dipoles before the comparison", Number)
    .option("--smooth-window-len <ms>", "Hamming smoothing window applied after scaling", positiveNumber("--smooth-window-len"))
    .option("--seed <n>", "seed of cma's sampler / bayesian's candidates (default 123)", Number)
    .action(async (flags: FitFlags) => fitCommand(flags));
  return program;
}

async function main(): Promise<void> {
  setWarningHandler((message) => process.stderr.write(`hnn-wasm: warning: ${message}\n`));
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (typeof err.code === "string" && err.code.startsWith("commander.")) process.exit(err.exitCode ?? 1);
    discardOutputs();
    process.stderr.write(`hnn-wasm: error: ${(err.message ?? String(e)).replace(/\s*\n\s*/g, " ")}\n`);
    process.exit(1);
  }
}

// Run only as the program (not when a test imports buildProgram); npm's bin link resolves to this file.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
