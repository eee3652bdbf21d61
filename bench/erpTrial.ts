// One jones2009 ERP trial as a user's script runs it, timed in-process: shared by the Node side of
// bench/browser.ts and by the page it opens in Chromium (bench/browserPage.ts), so that both sides
// run the very same code.
import { jones2009Model, simulateDipole, type SimulateDipoleOptions } from "../bindings/index";

/** The trial's length (hnn-core's ERP example). */
export const ERP_TSTOP_MS = 170;

/** One timed trial: wall ms from building the network to the dipole, and its spike count. */
export interface ErpTrialTiming {
  wallMs: number;
  spikes: number;
}

/** Builds jones2009 with its drives from the params file and simulates one trial (nJobs 1 unless `opts` say otherwise); the engine must be loaded. */
export async function timeErpTrial(opts: Pick<SimulateDipoleOptions, "nJobs"> = {}): Promise<ErpTrialTiming> {
  const t0 = performance.now();
  const net = jones2009Model({ addDrivesFromParams: true });
  await simulateDipole(net, { tstop: ERP_TSTOP_MS, nTrials: 1, nJobs: 1, ...opts });
  return { wallMs: performance.now() - t0, spikes: net.cellResponse!.spikeTimes[0].length };
}
