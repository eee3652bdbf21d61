/**
 * The gallery (examples/*.ts through the runner bundle dist/gallery.js, as `npm run example` runs
 * it): each example with a short tstop prints hnn-core's lines and writes as many figures as
 * hnn-core's gallery shows for it, as SVG and PNG pairs. And the simulations of the evoked, alpha,
 * beta and gamma examples, built with the examples' own functions at full length, match the
 * reference scenarios (test/fixtures/scenarios; meta.json `calls`). The somato example has no
 * reference scenario (its target dipole is a stand-in, examples/simulate_somato.ts).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { GifReader } from "omggif";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { law2021Model, neymotin2020Model, readParams, simulateDipole, type Network } from "../../bindings/node";
import { fixtureText } from "../helpers/fixtures";
import { expectTrialParity } from "../helpers/scenarioParity";
import { addEvokedDrives } from "../../examples/simulate_evoked";
import { addAlphaDist, addAlphaProx } from "../../examples/simulate_alpha";
import { addBetaDrives, addErpDrives } from "../../examples/simulate_beta";
import { gammaNetwork } from "../../examples/simulate_gamma";

const ROOT = new URL("../../", import.meta.url).pathname;
const GALLERY = join(ROOT, "dist/gallery.js");
/** Generated drive events may differ from numpy's in the last bits (scenarioParity.ts). */
const DRIVE_TOL_MS = 1e-12;

/** Runs `node dist/gallery.js args…`. */
function gallery(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [GALLERY, ...args], { cwd: ROOT, encoding: "utf8", timeout: 600_000 });
}

/** hnn-core's progress lines of one simulation: "Trial k: t ms..." at 0 (printed 0.03), 10, … < tstop. */
function trialLines(nTrials: number, tstopMs: number): number {
  return nTrials * Math.ceil(Math.trunc(tstopMs) / 10);
}

interface Case {
  name: string;
  tstopMs: number;
  /** Figures in hnn-core's gallery page of the example. */
  figures: number;
  /** Lines that must be printed, exactly or matching. */
  lines: (string | RegExp)[];
  /** Simulations as [nTrials, tstop (ms) after the cap], for the progress lines. */
  sims: [number, number][];
  stderr?: RegExp;
  /** Further options of the run. */
  args?: string[];
  /** Files written besides the figures. */
  files?: string[];
  /** Checks of what was written to the output folder. */
  check?: (outDir: string) => void;
  /** hnn-core's script when it is not plot_<name>.py (its figures' names). */
  script?: string;
  /** `--max-iter` for the fits. */
  maxIter?: number;
  /** Lines that must be printed exactly so many times. */
  repeated?: [RegExp, number][];
}

const joblib = (n: number, jobs: number) => `Joblib will run ${n} trial(s) in parallel by distributing trials over ${jobs} jobs.`;
const erpMeta = JSON.parse(fixtureText("scenarios/jones2009_erp/meta.json")) as { gid_ranges: Record<string, [number, number]>; seeds: { drives: Record<string, { event_seed: number }> } };

// hnn-core prints print(params['gbar_L*']) of gamma_L5weak_L2weak.json as json.dumps(sort_keys=True, indent=4).
const GAMMA_GBAR = `{
    "gbar_L2Basket_L2Basket": 0.01,
    "gbar_L2Basket_L2Pyr_gabaa": 0.007,
    "gbar_L2Basket_L2Pyr_gabab": 0.0,
    "gbar_L2Basket_L5Pyr": 0.0,
    "gbar_L2Pyr_L2Basket": 0.0012,
    "gbar_L2Pyr_L2Pyr_ampa": 0.0,
    "gbar_L2Pyr_L2Pyr_nmda": 0.0,
    "gbar_L2Pyr_L5Basket": 0.0,
    "gbar_L2Pyr_L5Pyr": 0.0,
    "gbar_L5Basket_L5Basket": 0.0075,
    "gbar_L5Basket_L5Pyr_gabaa": 0.08,
    "gbar_L5Basket_L5Pyr_gabab": 0.0,
    "gbar_L5Pyr_L5Basket": 0.00091,
    "gbar_L5Pyr_L5Pyr_ampa": 0.0,
    "gbar_L5Pyr_L5Pyr_nmda": 0.0
}`;

const RATES = /^\{'L2_basket': (\d+\.\d+(e-\d+)?|\[[^\]]*\]), 'L2_pyramidal': .+, 'L5_basket': .+, 'L5_pyramidal': .+\}$/;

const CASES: Case[] = [
  {
    name: "simulate_evoked", tstopMs: 60, figures: 6, sims: [[2, 60], [1, 60]],
    lines: [joblib(2, 2), joblib(1, 1), "{'mu': 63.53, 'sigma': 3.85, 'numspikes': 1}"],
  },
  { name: "simulate_alpha", tstopMs: 60, figures: 2, sims: [[1, 60], [1, 60]], lines: [joblib(1, 1)] },
  {
    // The Morlet wavelet of 7 cycles at 10 Hz spans 1.1 s: with hnn-core's zero padding (2 signal
    // lengths) it needs >= 372 ms of dipole, so full length (400 ms).
    name: "simulate_beta", tstopMs: 400, figures: 3, sims: [[1, 400], [1, 400], [1, 400]],
    lines: [
      "GABAb Rise (ms): 1.0 -> 45.0", "GABAb Fall (ms): 20.0 -> 200.0", "Apical Dendrite Channels:",
      "dict_keys(['hh2', 'ca', 'cad', 'kca', 'km', 'cat', 'ar'])", "Basal Dendrite Channels ('ca' missing):",
      "dict_keys(['hh2', 'cad', 'kca', 'km', 'cat', 'ar'])", "Recurrent Tuft Connection", "L5_basket -> L5_pyramidal",
      "New GABAb connection", "loc: 'distal'; receptor: 'gabab'", "Connection Removed from Law Model", "loc: 'distal'; receptor: 'gabaa'",
    ],
  },
  // Its 20 Hz wavelet (0.56 s) after tmin = 50 ms needs >= 186 ms more: full length (250 ms).
  {
    name: "simulate_gamma", tstopMs: 250, figures: 6, sims: [[1, 250], [1, 250], [1, 250]], lines: [...GAMMA_GBAR.split("\n"), joblib(1, 1)],
    // add_tonic_bias(cell_type=..., amplitude=6.) is hnn-core's deprecated form: its warning.
    stderr: /^cell_type argument will be deprecated and removed in future releases\. Use amplitude as a cell_type:str,amplitude:float dictionary\.Read the function docustring for more information\n$/,
  },
  { name: "simulate_somato", tstopMs: 60, figures: 2, sims: [[2, 60]], lines: [joblib(2, 2)] },
  {
    name: "firing_pattern", tstopMs: 60, figures: 4, sims: [[1, 60]],
    lines: [
      `{${Object.entries(erpMeta.gid_ranges).map(([k, [a, b]]) => `'${k}': range(${a}, ${b})`).join(", ")}}`,
      `dict_keys([${Array.from({ length: 270 }, (_, g) => g).join(", ")}])`,
      "Mean spike rates across trials:", RATES, "Mean spike rates for individual trials:",
    ],
  },
  {
    name: "replaying_spike_data_as_input", tstopMs: 100, figures: 1, sims: [[1, 100], [1, 100]],
    lines: [
      "Creating and simulating Network A...", "Adding drive to Network A...", "Simulating Network A and saving spikes...",
      /^Extracted [1-9]\d* spikes from Network A$/, "Creating and configuring Network B...",
      /^Number of valid pyramidal cells with spikes to be used for input: [1-9]\d*$/, "Simulating Network B...", "Verifying configuration:",
      /^ {2}Drive 'drive_from_NetA' created with [1-9]\d* cells$/, /^ {2}GIDs assigned: range\(270, \d+\)$/, "  Number of connections from drive: 2",
    ],
    stderr: /^Spike train drives can only target sections defined in `Cell.sect_loc` when `legacy_mode=False`.\n$/,
  },
  {
    name: "simulate_mpi_backend", tstopMs: 60, figures: 1, sims: [[1, 60]],
    lines: ["MPI will run 1 trial(s) sequentially by distributing network neurons over 2 processes."],
  },
  {
    // The full-length scenario (170 ms, this array) is ../shared/reference/lfp_neymotin2020_erp, whose
    // spikes and LFP test/parity/extracellular.test.ts checks against NEURON; here the example's run.
    name: "record_extracellular_potentials", tstopMs: 40, figures: 3, sims: [[1, 40]],
    lines: ["{'shank1': <ExtracellularArray | 25 electrodes, conductivity=0.3, method=psa (no data recorded yet)>}", joblib(1, 1)],
    check: (out) => {
      const svg = (k: number) => readFileSync(join(out, `sphx_glr_plot_record_extracellular_potentials_00${k}.svg`), "utf8");
      const groups = (text: string, cls: string) => [...text.matchAll(new RegExp(`class="${cls}"[^>]*>([\\s\\S]*?)</g>`, "g"))].map((m) => m[1]);
      // plot_cells before and after the array is added: its 25 contacts in the top and side views
      expect(groups(svg(1), "hnn-electrodes")).toEqual([]);
      expect(groups(svg(2), "hnn-electrodes").map((g) => g.split("<circle").length - 1)).toEqual([25, 25]);
      // the four panels: dipole, 25 LFP traces, raster, CSD image
      const four = svg(3);
      expect([groups(four, "hnn-lfp-trace").length, four.split('class="hnn-heatmap"').length - 1, four.includes("Raster Plot"), four.includes("Aggregate (L2/3 + L5)")]).toEqual([25, 1, true, true]);
    },
  },
  {
    // 20 ms = 800 samples after the first: frames every 50 samples, 0 … 750.
    name: "hnn_animation", tstopMs: 20, args: ["--decim", "50"], figures: 3, sims: [[1, 20]], lines: [joblib(1, 1)], files: ["animation_demo.gif"],
    check: (out) => {
      const gif = new GifReader(new Uint8Array(readFileSync(join(out, "animation_demo.gif"))));
      const fig = readFileSync(join(out, "sphx_glr_plot_hnn_animation_003.svg"), "utf8");
      const size = (attr: string) => Number(new RegExp(`<svg[^>]* ${attr}="(\\d+)"`).exec(fig)![1]);
      // dpi=100: the figure's own size; fps=30: 1000/30 ms, in GIF centiseconds 3; looping
      expect([gif.numFrames(), gif.width, gif.height, gif.frameInfo(0).delay, gif.loopCount()]).toEqual([16, size("width"), size("height"), 3, 0]);
    },
  },
  {
    // 20 simulations of 50 ms (the drive comes at 40 ms), silent; one "Simulation results:" dict.
    name: "batch_simulate", tstopMs: 50, figures: 2, sims: [],
    lines: [/^Simulation results: \{'summary_statistics': \[\[(\{'min_peak': np\.float64\(-?[\d.e-]+\), 'max_peak': np\.float64\(-?[\d.e-]+\)\}(, )?){20}\]\], 'simulated_data': \[\[\{'net': <Network \| 3 L2_basket cells$/],
    repeated: [
      [/^9 L5_pyramidal cells>, 'param_values': \{'weight_basket': np\.float64\(([\d.e-]+)\), 'weight_pyr': np\.float64\(\1\)\}, 'dpl': \[<hnn_core\.dipole\.Dipole object>\]\}/, 20],
      [/'weight_basket': np\.float64\(0\.0001\)|'weight_basket': np\.float64\(0\.1\)/, 2],
    ],
  },
  {
    // The fit's 2 evaluations print their losses, not their simulations' progress lines; tstop >= the 30-ms smoothing window.
    name: "optimize_evoked", script: "optimize_evoked", tstopMs: 30, maxIter: 1, figures: 4, sims: [[3, 30], [3, 30]],
    lines: ["MPI will run 3 trial(s) sequentially by distributing network neurons over 2 processes."],
    repeated: [[/^Mean Loss: (\d+\.\d\d); Min Loss: \1$/, 2]],
  },
  {
    // maximize_psd needs a signal long enough for 9-11 Hz: 100 ms.
    name: "optimize_rhythmic", script: "optimize_rhythmic", tstopMs: 100, maxIter: 2, figures: 2, sims: [[1, 100]],
    lines: ["MPI will run 1 trial(s) sequentially by distributing network neurons over 2 processes.", /^objective: first evaluation -?\d+\.\d+(e-\d+)?, lowest -?\d+\.\d+(e-\d+)?$/],
  },
];

describe("the gallery runner (npm run example)", () => {
  it("--list names every example with a description; an unknown name fails with the list", () => {
    const r = gallery(["--list"]);
    expect(r.status).toBe(0);
    const names = r.stdout.trim().split("\n").map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(["plot_connectivity", ...CASES.map((c) => c.name), "make_somato_target", "make_evoked_target"]);
    const bad = gallery(["simulate_nothing"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^unknown example 'simulate_nothing'; the examples are plot_connectivity, simulate_evoked/);
  });

  for (const c of CASES) {
    it(`${c.name} --tstop ${c.tstopMs}: hnn-core's lines and ${c.figures} figures as SVG and PNG`, () => {
      const out = mkdtempSync(join(tmpdir(), `hnn-${c.name}-`));
      try {
        const r = gallery([c.name, "--tstop", String(c.tstopMs), ...(c.maxIter === undefined ? [] : ["--max-iter", String(c.maxIter)]), ...(c.args ?? []), "--out", out]);
        expect(r.stderr).toMatch(c.stderr ?? /^$/);
        expect(r.status).toBe(0);
        const lines = r.stdout.split("\n");
        for (const want of c.lines) {
          expect(lines.some((l) => (typeof want === "string" ? l === want : want.test(l))), `${c.name} prints ${String(want)}`).toBe(true);
        }
        for (const [want, n] of c.repeated ?? []) expect(lines.filter((l) => want.test(l)).length, `${c.name} prints ${String(want)}`).toBe(n);
        // Per simulation: "Building the NEURON model", "[Done]" per trial and the 10-ms progress lines.
        const nTrials = c.sims.reduce((n, [k]) => n + k, 0);
        expect(lines.filter((l) => l === "Building the NEURON model").length).toBe(nTrials);
        expect(lines.filter((l) => l === "[Done]").length).toBe(nTrials);
        expect(lines.filter((l) => /^Trial \d+: (0\.03|\d+0\.0) ms\.\.\.$/.test(l)).length).toBe(c.sims.reduce((n, [k, t]) => n + trialLines(k, t), 0));
        expect(lines.filter((l) => l === "Trial 1: 0.03 ms...").length).toBe(c.sims.length);
        expect(lines.at(-2)).toMatch(new RegExp(`^saved ${c.figures} figures to `));

        const files = readdirSync(out).sort();
        const stem = `sphx_glr_${c.script ?? `plot_${c.name}`}_`;
        const expected = Array.from({ length: c.figures }, (_, i) => `${stem}${String(i + 1).padStart(3, "0")}`);
        expect(files).toEqual([...(c.files ?? []), ...expected.flatMap((f) => [`${f}.png`, `${f}.svg`])].sort());
        for (const f of expected) {
          expect(readFileSync(join(out, `${f}.png`)).subarray(1, 4).toString("latin1"), f).toBe("PNG");
          expect(readFileSync(join(out, `${f}.svg`), "utf8"), f).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
        }
        c.check?.(out);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});

/** Simulates `net` as the scenario's meta.json says and checks every trial against its reference. */
async function expectScenario(scenario: string, net: Network): Promise<string[]> {
  const dir = `scenarios/${scenario}`;
  const meta = JSON.parse(fixtureText(`${dir}/meta.json`)) as { tstop_ms: number; dt_ms: number; n_trials: number };
  const dpls = await simulateDipole(net, { tstop: meta.tstop_ms, dt: meta.dt_ms, nTrials: meta.n_trials });
  const resp = net.cellResponse!;
  return dpls.map((dpl, k) => `${scenario} trial ${k}: ${expectTrialParity(dir, k, { times: resp.spikeTimes[k], gids: resp.spikeGids[k], types: resp.spikeTypes[k] }, dpl, DRIVE_TOL_MS)}`);
}

describe("the examples' simulations match NEURON (reference scenarios)", () => {
  it("simulate_evoked: its drives with the event seeds of jones2009_erp (add_drives_from_params) give that scenario", async () => {
    // jones2009_erp is jones_2009_model(add_drives_from_params=True): the example's three drives
    // with other event seeds (272/507/777 for 274/544/814). Everything else is the example's.
    const net = neymotin2020Model();
    addEvokedDrives(net);
    expect(Object.keys(net.externalDrives)).toEqual(Object.keys(erpMeta.seeds.drives));
    for (const [name, drive] of Object.entries(net.externalDrives)) drive.eventSeed = erpMeta.seeds.drives[name].event_seed;
    console.log((await expectScenario("jones2009_erp", net)).join("\n"));
  });

  it("simulate_alpha: the alpha + distal network is the alpha scenario", async () => {
    const net = neymotin2020Model();
    addAlphaProx(net);
    addAlphaDist(net);
    console.log((await expectScenario("alpha", net)).join("\n"));
  });

  it("simulate_beta: net_beta_erp is the beta scenario", async () => {
    const netBeta = addBetaDrives(law2021Model().copy(), 50.0);
    console.log((await expectScenario("beta", addErpDrives(netBeta.copy(), 125.0))).join("\n"));
  });

  it("simulate_gamma: the weak-PING network (shipped gamma_L5weak_L2weak.json) is the gamma scenario", async () => {
    const net = gammaNetwork(readParams(join(ROOT, "examples/data/gamma_L5weak_L2weak.json")));
    console.log((await expectScenario("gamma", net)).join("\n"));
  });
});
