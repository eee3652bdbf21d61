// Browser smoke page: the public API with no Node modules, the engine fetched from a URL, a small
// network simulated and a figure drawn into the page's own DOM. Bundled by browser.test.ts, which
// reads `window.hnnResult` once it is set.
import { jones2009Model, simulateDipole, loadEngine, type Dipole } from "../../bindings/index";
import { plotDipole, setDefaultDocument } from "../../bindings/viz/index";

/** The simulation both sides run: what it returns is compared element for element. */
export interface ScenarioResult {
  spikeTimesMs: number[];
  spikeGids: number[];
  spikeTypes: string[];
  dipole: { timesMs: number[]; agg: number[]; L2: number[]; L5: number[] };
}

/** What the page leaves in `window.hnnResult`: its simulation and figure, or the error that stopped it. */
export type PageResult = { error: string } | (ScenarioResult & { svgPaths: number });

declare global {
  interface Window {
    hnnResult?: PageResult;
  }
}

/**
 * A 3×3 jones2009 network with its drives from the params file, 60 ms (evoked proximal and distal
 * drives, spikes in all four cell types), one trial. The engine must be loaded (Node loads it itself).
 */
export async function simulateScenario(): Promise<{ result: ScenarioResult; dpl: Dipole }> {
  const net = jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
  const [dpl] = await simulateDipole(net, { tstop: 60, nTrials: 1 });
  const cr = net.cellResponse!;
  const layer = (name: "agg" | "L2" | "L5"): number[] => Array.from(dpl.data[name] ?? []);
  const dipole = { timesMs: Array.from(dpl.times), agg: layer("agg"), L2: layer("L2"), L5: layer("L5") };
  return { result: { spikeTimesMs: cr.spikeTimes[0], spikeGids: cr.spikeGids[0], spikeTypes: cr.spikeTypes[0], dipole }, dpl };
}

async function runPage(): Promise<PageResult> {
  setDefaultDocument(document);
  await loadEngine(new URL("engine.wasm", location.href));
  const { result, dpl } = await simulateScenario();
  document.body.appendChild(plotDipole([dpl], { layer: "agg" }).svg);
  return { ...result, svgPaths: document.querySelectorAll("svg path").length };
}

// Imported by the test in Node only for simulateScenario: the page runs only in a browser.
if (typeof window !== "undefined") {
  runPage().then(
    (result) => (window.hnnResult = result),
    (e: unknown) => (window.hnnResult = { error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }),
  );
}
