/**
 * Every reference network of test/fixtures/scenarios (NEURON 8.2.2 + hnn-core 0.6.1; one test per
 * folder, in name order), simulated from its own network.json with the stored drive events of every
 * trial its meta.json counts (issue: network parity). Cell spikes
 * and drive spikes are compared separately, each element for element with identical times, gids
 * and types; the agg, L2 and L5 dipoles to the reference's printed digits (scenarioParity.ts).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole, compileView, trialDipole } from "../../bindings/simulate/simulateDipole";
import { runTrial } from "../../bindings/simulate/runTrial";
import { loadEngine } from "../../bindings/wasm";
import { FIXTURES, fixtureText } from "../helpers/fixtures";
import { expectTrialParity } from "../helpers/scenarioParity";

/** The scenario folders: each holds meta.json, network.json and spikes_/dipole_trial<k>.csv per trial. */
const SCENARIOS = readdirSync(join(FIXTURES, "scenarios"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Agreement per scenario and trial, printed at the end for the record. */
const summary: string[] = [];

describe("reference networks match NEURON", () => {
  afterAll(() => console.log(["networks (stored drive events):", ...summary].join("\n")));

  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const dir = `scenarios/${scenario}`;
      const meta = JSON.parse(fixtureText(`${dir}/meta.json`)) as { tstop_ms: number; dt_ms: number; n_trials: number };
      const net = readNetworkConfiguration(JSON.parse(fixtureText(`${dir}/network.json`)));
      const dipoles = await simulateDipole(net, { tstop: meta.tstop_ms, dt: meta.dt_ms, nTrials: meta.n_trials, useStoredEvents: true });
      const resp = net.cellResponse!;
      expect(dipoles.length).toBe(meta.n_trials);
      for (let k = 0; k < meta.n_trials; k++) {
        const ours = { times: resp.spikeTimes[k], gids: resp.spikeGids[k], types: resp.spikeTypes[k] };
        summary.push(`  ${scenario} trial ${k}: ${expectTrialParity(dir, k, ours, dipoles[k])}`);
      }
    });
  }
});

describe("a trial split across engine instances gives the same result", () => {
  // Cells split in two partitions that exchange spikes every min-delay window (runTrial.ts).
  it("seed_custom_sparse in 2 partitions: the same spikes and dipoles as NEURON", async () => {
    const dir = "scenarios/seed_custom_sparse";
    const net = readNetworkConfiguration(JSON.parse(fixtureText(`${dir}/network.json`)));
    const result = await runTrial(await loadEngine(), compileView(net), { tstopMs: 170, dtMs: 0.025, trialIdx: 0, celsius: 37, recordVsec: false, recordIsec: false }, 2);
    const ours = { times: result.spikeTimes, gids: result.spikeGids, types: result.spikeTypes };
    console.log(`seed_custom_sparse, 2 partitions: ${expectTrialParity(dir, 0, ours, trialDipole(net, result))}`);
  });
});
