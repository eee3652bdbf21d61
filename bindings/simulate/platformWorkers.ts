/**
 * Where the pool's workers come from (workerPool.ts): Web Workers started from the worker source
 * inlined at build time (a Blob URL, so no bundler has to find a worker file), or Node
 * worker_threads on dist/worker.js, reached through `process.getBuiltinModule` so that no module
 * here imports `node:*`. `setWorkerFactory` replaces both (e.g. a page whose CSP forbids blob: workers;
 * `nodeWorkerFactory` builds one with Node's worker options, e.g. `resourceLimits`).
 */
import type { PartitionReply, PartitionRequest } from "./partitionServer";

/** The Web Worker's source (bindings/simulate/webTrialWorker.ts bundled), defined by the build; absent in unbundled sources. */
declare const __HNN_WORKER_SOURCE__: string | undefined;

/** A worker as the pool drives it, whatever the platform. */
export interface PoolWorker {
  postMessage(message: PartitionRequest, transfer: ArrayBuffer[]): void;
  /**
   * Sets the handlers of the worker's replies and of its failure: an uncaught exception, running
   * out of memory, an unreadable message, or exiting when not asked to. `err.message` says why,
   * as a clause ("ran out of memory (…)"); the pool then ends the worker and replaces it. It may
   * be called more than once (e.g. the error, then the exit).
   */
  listen(onReply: (reply: PartitionReply) => void, onError: (err: Error) => void): void;
  terminate(): void;
  /** Whether an idle worker keeps the process alive (Node's ref/unref). */
  keepAlive?(alive: boolean): void;
}

/** Starts one worker that serves partitionServer.ts requests. */
export type WorkerFactory = () => PoolWorker;

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** True in Node (where the default of nJobs stays 1). */
const IN_NODE = nodeProcess?.versions?.node !== undefined;

/** Why a Node worker failed, as a clause of the pool's error message. */
function nodeFailure(e: Error & { code?: string }): Error {
  const why = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? `ran out of memory (${e.message})` : `threw ${e.name}: ${e.message}`;
  return new Error(why, { cause: e });
}

/**
 * Node worker_threads on `script` (a module that serves partitionServer.ts requests, as
 * dist/worker.js does) with Node's worker `options` (e.g. `resourceLimits` to cap each worker's
 * heap); for {@link setWorkerFactory}. Null outside Node.
 */
export function nodeWorkerFactory(script: URL | string, options?: import("node:worker_threads").WorkerOptions): WorkerFactory | null {
  const threads = nodeProcess?.getBuiltinModule?.("node:worker_threads") as typeof import("node:worker_threads") | undefined;
  if (threads === undefined) return null;
  return () => {
    const w = new threads.Worker(script, options);
    return {
      postMessage: (m, transfer) => w.postMessage(m, transfer),
      listen(onReply, onError) {
        w.on("message", onReply);
        w.on("error", (e: Error) => onError(nodeFailure(e)));
        w.on("messageerror", (e: Error) => onError(new Error(`could not read a message: ${e.message}`, { cause: e })));
        w.on("exit", (code: number) => onError(new Error(`stopped (exit code ${code})`)));
      },
      terminate: () => void w.terminate(),
      keepAlive: (alive) => (alive ? w.ref() : w.unref()),
    };
  };
}

function nodeFactory(): WorkerFactory | null {
  const fs = nodeProcess?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
  const script = new URL("./worker.js", import.meta.url);
  // Unbundled sources (a test runner on bindings/) have no worker script: trials run in this thread.
  if (fs === undefined || script.protocol !== "file:" || !fs.existsSync(script)) return null;
  return nodeWorkerFactory(script);
}

function webFactory(): WorkerFactory | null {
  if (typeof Worker !== "function" || typeof __HNN_WORKER_SOURCE__ === "undefined") return null;
  const url = URL.createObjectURL(new Blob([__HNN_WORKER_SOURCE__], { type: "text/javascript" }));
  return () => {
    const w = new Worker(url);
    return {
      postMessage: (m, transfer) => w.postMessage(m, transfer),
      listen(onReply, onError) {
        w.onmessage = (ev: MessageEvent<PartitionReply>) => onReply(ev.data);
        w.onerror = (ev) => {
          ev.preventDefault();
          onError(new Error(`threw ${ev.message}`));
        };
        w.onmessageerror = () => onError(new Error("could not read a message"));
      },
      terminate: () => w.terminate(),
    };
  };
}

let chosen: WorkerFactory | null | undefined;

/** The factory in use: the one set by {@link setWorkerFactory}, else the platform's (null: none). */
export function workerFactory(): WorkerFactory | null {
  if (chosen === undefined) chosen = IN_NODE ? nodeFactory() : webFactory();
  return chosen;
}

/**
 * Replaces how simulateDipole starts its workers (null: run every trial in the calling thread).
 * Affects pools grown afterwards; workers already started keep running.
 */
export function setWorkerFactory(factory: WorkerFactory | null): void {
  chosen = factory;
}

/** The default of simulateDipole's nJobs: 1 in Node, the browser's cores (at most 8) elsewhere. */
export function defaultJobs(): number {
  if (IN_NODE) return 1;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, Math.floor(cores)));
}

/** True on a page's main thread, where even one job runs in a worker so the page stays responsive. */
export function onPageThread(): boolean {
  return !IN_NODE && typeof window !== "undefined" && typeof document !== "undefined";
}

