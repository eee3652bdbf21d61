/**
 * hnn-core 0.6.1's "01. Plot firing pattern" (examples/howto/plot_firing_pattern.py) in hnn-wasm:
 * the ERP network with somatic voltages recorded; gid ranges, one cell's voltage, spike files
 * written and read back, mean spike rates. Four figures, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- firing_pattern [--tstop MS] [--out DIR]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { neymotin2020Model, readSpikes, stackFigures } from "../bindings/node";
import { pyFloat } from "../bindings/util/pyformat";
import { linePlot } from "./lib/figures";
import type { Example, ExampleContext } from "./lib/kit";
import { addEvokedDrives } from "./simulate_evoked";

/** Python's repr of a dict of floats, or of lists of floats (numpy's float64 printed as numpy 1.x does). */
function floatDict(d: Record<string, number | number[]>): string {
  const value = (v: number | number[]) => (Array.isArray(v) ? `[${v.map(pyFloat).join(", ")}]` : pyFloat(v));
  return `{${Object.entries(d).map(([k, v]) => `'${k}': ${value(v)}`).join(", ")}}`;
}

async function run(ctx: ExampleContext): Promise<void> {
  const net = neymotin2020Model();
  // The evoked example's drives: evdist1, evprox1, then evprox2.
  addEvokedDrives(net);
  await ctx.simulate(net, { tstop: 170, recordVsec: "soma" });

  // gids by cell type and drive: Python prints `range(start, stop)`.
  const gidRanges = net.gidRanges;
  ctx.print(`{${Object.entries(gidRanges).map(([name, r]) => `'${name}': range(${r.start}, ${r.stop})`).join(", ")}}`);

  const trialIdx = 0;
  const resp = net.cellResponse!;
  const vsec = resp.vsec[trialIdx];
  ctx.print(`dict_keys(${ctx.repr(Object.keys(vsec).map(Number))})`);

  // One cell's somatic voltage.
  let gid = 170;
  ctx.save(linePlot([{ x: resp.times, y: vsec[gid].soma }], { title: `${net.gidToType(gid)} (gid=${gid})`, xlabel: "Time (ms)", ylabel: "Voltage (mV)", width: 400, height: 360 }));

  // Spikes written one file per trial and read back.
  ctx.save(resp.plotSpikesRaster());
  const tmpDir = mkdtempSync(join(tmpdir(), "hnn-spikes-"));
  let cellResponse;
  try {
    resp.write(join(tmpDir, "spk_%d.txt"));
    cellResponse = readSpikes(join(tmpDir, "spk_*.txt"));
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  ctx.save(cellResponse.plotSpikesRaster());

  // Mean spike rates per cell type, over all trials and per trial.
  const allRates = cellResponse.meanRates(0, 170, gidRanges, "all");
  const trialRates = cellResponse.meanRates(0, 170, gidRanges, "trial");
  ctx.print("Mean spike rates across trials:");
  ctx.print(floatDict(allRates));
  ctx.print("Mean spike rates for individual trials:");
  ctx.print(floatDict(trialRates));

  // Somatic voltages of 10 cells per pyramidal type, with the raster and histogram below.
  const lines = [];
  for (let idx = 0; idx < 10; idx++) { // only 10 cells per cell-type
    gid = gidRanges.L2_pyramidal.start + idx;
    lines.push({ x: resp.times, y: vsec[gid].soma, color: "g" });
    gid = gidRanges.L5_pyramidal.start + idx;
    lines.push({ x: resp.times, y: vsec[gid].soma, color: "r" });
  }
  ctx.save(stackFigures([
    linePlot(lines, { xlabel: "Time (ms)", ylabel: "Voltage (mV)" }),
    resp.plotSpikesRaster(),
    resp.plotSpikesHist({ spikeTypes: ["L5_pyramidal", "L2_pyramidal"] }),
  ]));
}

export const example: Example = {
  name: "firing_pattern",
  hnnScript: "plot_firing_pattern",
  description: "somatic voltages, spike rasters (written and read back) and mean spike rates of the ERP network",
  run,
};
