// The page's simulation worker: reads the network from its hnn-core JSON, simulates it with the
// public simulateDipole (the same code Node runs) and posts progress and results back.
import { loadEngine } from "../../bindings/wasm";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";
import type { RunRequest, TrialData, WorkerReply } from "./protocol";

const post = (reply: WorkerReply, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = async (ev: MessageEvent<RunRequest>) => {
  const req = ev.data;
  try {
    await loadEngine(req.engineUrl);
    const net = readNetworkConfiguration(req.networkJson);
    const dipoles = await simulateDipole(net, {
      tstop: req.tstopMs,
      dt: req.dtMs,
      nTrials: req.nTrials,
      onProgress: (p) => post({ kind: "progress", ...p }),
    });
    const cr = net.cellResponse!;
    const trials: TrialData[] = dipoles.map((d, k) => ({
      timesMs: d.times,
      agg: d.data.agg,
      L2: d.data.L2!,
      L5: d.data.L5!,
      spikeTimesMs: cr.spikeTimes[k],
      spikeGids: cr.spikeGids[k],
      spikeTypes: cr.spikeTypes[k],
    }));
    post({ kind: "done", trials, cellTypes: Object.keys(net.cellTypes) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    post({ kind: "error", name: err.name, message: err.message });
  }
};
