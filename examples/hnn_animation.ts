/**
 * hnn-core 0.6.1's "06. Animating HNN simulations" (examples/howto/plot_hnn_animation.py) in
 * hnn-wasm: a 3 × 3 network drawn in 3-D from two angles, simulated with every section's voltage
 * recorded, then animated: the membrane potential colours the sections frame by frame. Figures:
 * the two views before the simulation and the animation's view at the aggregate dipole's peak;
 * the animation itself is written to `animation_demo.gif` in the output folder (an animated GIF;
 * in a browser `NetworkPlotter.animate()` plays it). No data files.
 *
 * Run: `npm run example -- hnn_animation [--tstop MS] [--decim N] [--out DIR]` (`--decim` sets
 * the frames' time step in samples; the example's is hnn-core's default, 10).
 */
import { addErpDrivesToJonesModel, neymotin2020Model, NetworkPlotter } from "../bindings/node";
import type { Example, ExampleContext } from "./lib/kit";

/** Index of the largest |value|. */
function argMaxAbs(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]) > Math.abs(values[best])) best = i;
  return best;
}

async function run(ctx: ExampleContext): Promise<void> {
  // A smaller network (3 × 3 pyramidal cells per layer) keeps the simulation short.
  const net = neymotin2020Model({ meshShape: [3, 3] });
  // Cells further apart for a clearer picture (default inplane distance 1 µm).
  net.setCellPositions({ inplaneDistance: 300 });

  // The network's 3-D structure.
  let netPlot = new NetworkPlotter(net);
  ctx.save(netPlot.fig);

  // The same from another angle.
  netPlot.azim = 45;
  netPlot.elev = 40;
  ctx.save(netPlot.fig);

  // ERP drives; record the voltage of every section of every cell.
  addErpDrivesToJonesModel(net);
  const dpl = await ctx.simulate(net, { tstop: 170, recordVsec: "all" });
  netPlot = new NetworkPlotter(net); // Reinitialize plotter with simulated network

  // Limits that frame the network, seen from the other side.
  netPlot.xlim = [400, 1600];
  netPlot.ylim = [400, 1600];
  netPlot.zlim = [-500, 1600];
  netPlot.azim = 225;
  // One frame as a figure: the time of the largest aggregate dipole moment.
  netPlot.timeIdx = argMaxAbs(dpl[0].data.agg!);
  ctx.save(netPlot.fig);

  netPlot.exportMovie(ctx.outputFile("animation_demo.gif"), { dpi: 100, fps: 30, interval: 100, decim: ctx.movieDecim(10) });
}

export const example: Example = {
  name: "hnn_animation",
  hnnScript: "plot_hnn_animation",
  description: "a 3 x 3 network in 3-D, its membrane potentials animated over an ERP (animation_demo.gif)",
  run,
};
