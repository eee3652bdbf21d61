/**
 * hnn-core 0.6.1's "09. Replaying Spike Data as Input"
 * (examples/howto/plot_replaying_spike_data_as_input.py) in hnn-wasm: network A's pyramidal spikes,
 * written to spike files and read back, drive network B through `addSpikeTrainDrive`. One figure,
 * as hnn-core's gallery. No data files: the spike data come from network A's simulation, as in
 * hnn-core (written to a temporary folder and read back).
 *
 * Run: `npm run example -- replaying_spike_data_as_input [--tstop MS] [--out DIR]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { neymotin2020Model, readSpikes, stackFigures, type CellResponse } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

async function run(ctx: ExampleContext): Promise<void> {
  // Step 1: the source network A, an evoked drive, spikes saved and read back.
  ctx.print("Creating and simulating Network A...");
  const netA = neymotin2020Model(); // (hnn-core also sets the private net_A._params['tstop'] = 170)

  ctx.print("Adding drive to Network A...");
  const weights = {
    ampa: { L2_basket: 0.006, L2_pyramidal: 0.0005, L5_pyramidal: 0.14 },
    nmda: { L2_basket: 0.019, L2_pyramidal: 0.004, L5_pyramidal: 0.08 },
  };
  const delays = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 };
  netA.addEvokedDrive("evdist1", {
    mu: 63.5, sigma: 3.8, numspikes: 1, location: "distal", eventSeed: 274,
    weightsAmpa: weights.ampa, weightsNmda: weights.nmda, synapticDelays: delays,
  });

  ctx.print("Simulating Network A and saving spikes...");
  await ctx.simulate(netA, { tstop: 170.0, nTrials: 1 });
  const tmpDir = mkdtempSync(join(tmpdir(), "hnn-spikes-"));
  let cellResponse: CellResponse;
  try {
    netA.cellResponse!.write(join(tmpDir, "spk_%d.txt"));
    cellResponse = readSpikes(join(tmpDir, "spk_*.txt"));
    ctx.print(`Extracted ${cellResponse.spikeTimes.reduce((n, t) => n + t.length, 0)} spikes from Network A`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }

  // Step 2: the target network B; A's pyramidal spikes of trial 0 as {source id: spike times}.
  ctx.print("Creating and configuring Network B...");
  const netB = neymotin2020Model(); // (hnn-core also sets net_B._params['tstop'] = 225)
  const trialIdx = 0;
  const spikeData: Record<string, number[]> = {};
  cellResponse.spikeTypes[trialIdx].forEach((type, i) => {
    if (type !== "L2_pyramidal" && type !== "L5_pyramidal") return;
    const srcId = `NetA_${type}_GID${cellResponse.spikeGids[trialIdx][i]}`;
    (spikeData[srcId] ??= []).push(cellResponse.spikeTimes[trialIdx][i]);
  });
  ctx.print(`Number of valid pyramidal cells with spikes to be used for input: ${Object.keys(spikeData).length}`);

  // Alternate sources onto L5 (distal) and L2 (proximal) pyramidal cells.
  const connProperties = {
    L5_pyramidal: { location: "distal", weightsAmpa: 0.005, synapticDelays: 1.5 },
    L2_pyramidal: { location: "proximal", weightsAmpa: 0.003, synapticDelays: 1.0 },
  };
  const targetConfig = Object.keys(spikeData).map((_, i) => {
    const targetType = i % 2 === 0 ? "L5_pyramidal" : "L2_pyramidal";
    return { targetType, weightsAmpa: { [targetType]: connProperties[targetType].weightsAmpa } };
  });
  const allWeightsAmpa: Record<string, number> = {};
  for (const cfg of targetConfig) Object.assign(allWeightsAmpa, cfg.weightsAmpa);

  netB.addSpikeTrainDrive("drive_from_NetA", {
    spikeData, location: "distal", weightsAmpa: allWeightsAmpa, weightsNmda: null, synapticDelays: 0.1, connSeed: 42,
  });

  // Step 3: simulate B and show both rasters.
  ctx.print("Simulating Network B...");
  await ctx.simulate(netB, { tstop: 225.0, nTrials: 1 });
  ctx.save(stackFigures([ // hnn-core: sharex=True, so A's axis runs to B's tstop too
    netA.cellResponse!.plotSpikesRaster({ title: "Network A: Spike Raster", tstop: ctx.tstop(225.0) }),
    netB.cellResponse!.plotSpikesRaster({ title: "Network B: Spike Raster" }),
  ]));

  ctx.print("\nVerifying configuration:");
  const driveName = "drive_from_NetA";
  const drive = netB.externalDrives[driveName];
  if (drive !== undefined) {
    ctx.print(`  Drive '${driveName}' created with ${drive.nDriveCells} cells`);
    const range = netB.gidRanges[driveName];
    if (range !== undefined) ctx.print(`  GIDs assigned: range(${range.start}, ${range.stop})`);
    ctx.print(`  Number of connections from drive: ${netB.connectivity.filter((c) => c.srcType === driveName).length}`);
  } else {
    ctx.print(`  ERROR: Drive '${driveName}' not found`);
  }
}

export const example: Example = {
  name: "replaying_spike_data_as_input",
  hnnScript: "plot_replaying_spike_data_as_input",
  description: "network A's pyramidal spikes replayed into network B with addSpikeTrainDrive",
  run,
};
