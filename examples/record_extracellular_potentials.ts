/**
 * hnn-core 0.6.1's "02. Record extracellular potentials"
 * (examples/howto/plot_record_extracellular_potentials.py) in hnn-wasm: the ERP network with its
 * pyramidal cells 30 µm apart, a linear 25-contact array (100 µm spacing) through the middle of the
 * column, and the how-to's four-panel figure: dipole, laminar LFP, spike raster and current source
 * density on one time axis. Three figures, as hnn-core's gallery. No data files.
 *
 * Run: `npm run example -- record_extracellular_potentials [--tstop MS] [--out DIR]`.
 */
import { addErpDrivesToJonesModel, neymotin2020Model, stackFigures, type Vec3 } from "../bindings/node";
import { arange, type Example, type ExampleContext } from "./lib/kit";

async function run(ctx: ExampleContext): Promise<void> {
  const net = neymotin2020Model();
  addErpDrivesToJonesModel(net);

  // Pyramidal somas 30 µm apart in each layer (the default is 1 µm).
  net.setCellPositions({ inplaneDistance: 30.0 });
  ctx.save(net.plotCells());

  // A linear array in the centre of the network: contacts from 325 µm below the L5 somas (z = 0)
  // to above the L2/3 apical tufts, 100 µm apart.
  const depths = arange(-325, 2150, 100);
  const electrodePos = depths.map((dep): Vec3 => [135, 135, dep]);
  net.addElectrodeArray("shank1", electrodePos);

  // Python's `print(dict)`: each value as its repr.
  ctx.print(`{${Object.entries(net.recArrays).map(([name, arr]) => `'${name}': ${String(arr)}`).join(", ")}}`);
  ctx.save(net.plotCells());

  const dpl = await ctx.simulate(net, { tstop: 170 });

  const trialIdx = 0;
  const windowLen = 10; // ms
  const decimate = [5, 4]; // from 40k to 8k to 2k
  // hnn-core: plt.subplots(4, 1, sharex=True, figsize=(6, 8), height_ratios [1, 3, 3, 3]).
  // Panels 600 px wide; the dipole's shorter (200 px, enough for its axis label), the others 270 px.
  const [width, height] = [600, 270];
  dpl[trialIdx].smooth(windowLen); // in place
  const shank1 = net.recArrays.shank1;
  ctx.save(stackFigures([
    dpl[trialIdx].plot({ decim: decimate, width, height: 200 }),
    shank1.at(trialIdx).smooth(windowLen).plotLfp({ decim: decimate, width, height }),
    net.cellResponse!.plotSpikesRaster({ width, height }),
    shank1.at(trialIdx).smooth(windowLen).plotCsd({ width, height }),
  ]));
}

export const example: Example = {
  name: "record_extracellular_potentials",
  hnnScript: "plot_record_extracellular_potentials",
  description: "a 25-contact laminar array through the ERP network: dipole, LFP, raster and CSD on one time axis",
  run,
};
