// Browser smoke page: the public API with no Node modules, the engine fetched from a URL, a small
// network simulated and a figure drawn into the page's own DOM. Bundled by browser.test.ts.
import { jones2009Model, simulateDipole, plotDipole, loadEngine, setDefaultDocument } from "../../bindings/index";

const out = document.getElementById("out")!;
try {
  setDefaultDocument(document);
  await loadEngine(new URL("engine.wasm", location.href));
  const net = jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
  const dpls = await simulateDipole(net, { tstop: 30, nTrials: 1 });
  const fig = plotDipole(dpls, { layer: "agg" });
  document.body.appendChild(fig.svg);
  out.textContent = JSON.stringify({ spikes: net.cellResponse!.spikeGids[0], samples: dpls[0].times.length, svgPaths: document.querySelectorAll("svg path").length });
} catch (e) {
  out.textContent = "ERROR " + (e as Error).message;
}
