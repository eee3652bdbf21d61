/**
 * hnn-core 0.6.1's "03. Simulate Gamma Rhythms" (examples/workflows/plot_simulate_gamma.py) in
 * hnn-wasm: weak PING from a Poisson drive, strong PING with a tonic bias on L5 pyramidal cells,
 * and a faster rhythm with a shorter GABAa decay. Six figures, as hnn-core's gallery.
 *
 * Data: hnn-core's parameter file `gamma_L5weak_L2weak.json` (hnn_core/param/ at v0.6.1), shipped
 * unchanged in examples/data/.
 *
 * Run: `npm run example -- simulate_gamma [--tstop MS] [--out DIR]`.
 */
import { neymotin2020Model, plotPsd, readParams, stackFigures, type Network, type Params } from "../bindings/node";
import { pyFloat } from "../bindings/util/pyformat";
import { arange, type Example, type ExampleContext } from "./lib/kit";

/** Python's `print(params)` of a Params: `Params.__repr__` is json.dumps(sort_keys=True, indent=4). */
function paramsRepr(params: Params): string {
  const keys = Object.keys(params).sort();
  return `{\n${keys.map((k) => `    "${k}": ${pyFloat(params[k] as number)}`).join(",\n")}\n}`;
}

/** The weak-PING network: gamma parameters and a Poisson drive (seed 1349) on the pyramidal cells. */
export function gammaNetwork(params: Params): Network {
  const net = neymotin2020Model({ params });
  net.addPoissonDrive("poisson", {
    rateConstant: { L2_pyramidal: 140.0, L5_pyramidal: 40.0 }, weightsAmpa: { L2_pyramidal: 0.0008, L5_pyramidal: 0.0075 },
    location: "proximal", synapticDelays: { L2_pyramidal: 0.1, L5_pyramidal: 1.0 }, eventSeed: 1349,
  });
  return net;
}

async function run(ctx: ExampleContext): Promise<void> {
  const params = readParams(ctx.dataFile("gamma_L5weak_L2weak.json"));
  // A wildcard key reads every matching parameter (a Params; TypeScript types it as one value).
  ctx.print(paramsRepr(params["gbar_L*"] as unknown as Params));

  const net = gammaNetwork(params);
  let dpls = await ctx.simulate(net, { tstop: 250 });
  const scalingFactor = 30000;
  dpls = dpls.map((dpl) => dpl.scale(scalingFactor)); // scale in place

  ctx.save(net.cellResponse!.plotSpikesRaster());

  const tmin = 50; // the network needs ~50 ms to reach steady state
  const trialIdx = 0;
  // Create a fixed-step tiling of frequencies from 20 to 100 Hz in steps of 1 Hz
  const freqs = arange(20, 100, 1);
  ctx.save(stackFigures([dpls[trialIdx].plot({ tmin }), dpls[trialIdx].plotTfrMorlet(freqs, { nCycles: 7, tmin })]));

  // Strong PING: a tonic bias on the L5 pyramidal cells for the whole simulation.
  net.addTonicBias({ cellType: "L5_pyramidal", amplitude: 6 });
  dpls = (await ctx.simulate(net, { tstop: 250, nTrials: 1 })).map((dpl) => dpl.scale(scalingFactor));
  ctx.save(dpls[trialIdx].plot());
  ctx.save(net.cellResponse!.plotSpikesRaster());
  ctx.save(plotPsd(dpls[trialIdx], { fmin: 20, fmax: 100, tmin }));

  // A shorter GABAa decay on L5 pyramidal cells (tau2 5 -> 2 ms) speeds the rhythm up.
  net.cellTypes.L5_pyramidal.cellObject.synapses.gabaa.tau2 = 2;
  dpls = (await ctx.simulate(net, { tstop: 250, nTrials: 1 })).map((dpl) => dpl.scale(scalingFactor));
  ctx.save(stackFigures([dpls[trialIdx].plot(), net.cellResponse!.plotSpikesRaster(), dpls[trialIdx].plotTfrMorlet(freqs, { nCycles: 7, tmin })]));
}

export const example: Example = {
  name: "simulate_gamma",
  hnnScript: "plot_simulate_gamma",
  description: "gamma: weak PING (Poisson drive), strong PING (tonic bias on L5), faster with GABAa tau2 = 2 ms",
  run,
};
