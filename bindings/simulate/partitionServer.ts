/**
 * The worker side of the pool (workerPool.ts), the same in Node worker_threads and Web Workers:
 * holds trial partitions opened from the images the pool lowered, and steps them on request,
 * each in its own engine instance from the shared compiled module.
 */
import { TrialPartition, type PartialResult, type PartitionOptions, type Spikes } from "./runTrial";
import type { LoweredTrial } from "./image";
import { errorToWire, type WireError } from "../util/validate";

/** A request from the pool. */
export type PartitionRequest =
  | { kind: "open"; id: number; module: WebAssembly.Module; lowered: LoweredTrial; opts: PartitionOptions }
  | { kind: "step"; id: number; nSteps: number; incoming: Spikes }
  | { kind: "finish"; id: number };

/** A reply to the pool. */
export type PartitionReply =
  | { kind: "opened"; id: number; windowSteps: number }
  | { kind: "stepped"; id: number; spikes: Spikes }
  | { kind: "done"; id: number; result: PartialResult }
  | { kind: "error"; id: number; error: WireError };

/** Sends a reply to the pool, moving the listed buffers. */
export type ReplyPort = (reply: PartitionReply, transfer: ArrayBuffer[]) => void;

/** Returns the handler of the pool's requests, answering through `reply`. */
export function partitionServer(reply: ReplyPort): (req: PartitionRequest) => void {
  const open = new Map<number, TrialPartition>();
  return (req) => {
    try {
      if (req.kind === "open") {
        // A worker is leased to one trial at a time: whatever a failed trial left open is stale.
        open.clear();
        const p = new TrialPartition(req.module, req.lowered, req.opts);
        open.set(req.id, p);
        reply({ kind: "opened", id: req.id, windowSteps: p.windowSteps }, []);
      } else if (req.kind === "step") {
        reply({ kind: "stepped", id: req.id, spikes: open.get(req.id)!.step(req.nSteps, req.incoming) }, []);
      } else {
        const result = open.get(req.id)!.finish();
        open.delete(req.id);
        const traces = [...result.dipoleShards.map((d) => d.trace), ...Object.values(result.extracellular).flat()];
        reply({ kind: "done", id: req.id, result }, [result.times.buffer, ...traces.map((a) => a.buffer)] as ArrayBuffer[]);
      }
    } catch (e) {
      open.delete(req.id);
      reply({ kind: "error", id: req.id, error: errorToWire(e) }, []);
    }
  };
}
