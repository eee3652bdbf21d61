/**
 * Worker entry (Node worker_threads): runs trials sent by the pool in workerPool.ts, each in a fresh
 * engine instance from the shared compiled module, and posts progress and results back.
 */
import { parentPort } from "node:worker_threads";
import { runTrial, type TrialOptions, type TrialResult } from "./runTrial";
import type { CompileNetwork } from "./compile";

/** A request from the pool. */
export interface TrialRequest {
  id: number;
  module: WebAssembly.Module;
  net: CompileNetwork;
  opts: Omit<TrialOptions, "onProgress">;
}

/** A message to the pool. */
export type TrialReply =
  | { id: number; kind: "progress"; tMs: number }
  | { id: number; kind: "done"; result: TrialResult }
  | { id: number; kind: "error"; message: string };

if (parentPort !== null) {
  const port = parentPort;
  port.on("message", (req: TrialRequest) => {
    try {
      const result = runTrial(req.module, req.net, { ...req.opts, onProgress: (tMs) => port.postMessage({ id: req.id, kind: "progress", tMs } satisfies TrialReply) });
      const transfer = [result.times.buffer, ...Object.values(result.dipolesFam).map((a) => a.buffer)] as ArrayBuffer[];
      port.postMessage({ id: req.id, kind: "done", result } satisfies TrialReply, transfer);
    } catch (e) {
      port.postMessage({ id: req.id, kind: "error", message: (e as Error).message } satisfies TrialReply);
    }
  });
}
