// Messages between the page (sim/simulate.ts) and its simulation worker (sim/worker.ts).

/** What the page asks the worker to run. */
export interface RunRequest {
  /** Where the worker fetches engine.wasm. */
  engineUrl: string;
  /** hnn-core network configuration JSON of the network to simulate. */
  networkJson: string;
  tstopMs: number;
  dtMs: number;
  nTrials: number;
}

/** One trial's results as plain arrays (structured-cloneable). */
export interface TrialData {
  timesMs: Float64Array;
  agg: Float64Array;
  L2: Float64Array;
  L5: Float64Array;
  spikeTimesMs: number[];
  spikeGids: number[];
  spikeTypes: string[];
}

/** What the worker sends back. */
export type WorkerReply =
  | { kind: "progress"; trial: number; nTrials: number; tMs: number; tstopMs: number }
  | { kind: "done"; trials: TrialData[]; cellTypes: string[] }
  | { kind: "error"; name: string; message: string };
