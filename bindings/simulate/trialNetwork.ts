/**
 * What the compile step (validate.ts → lower.ts → load.ts) reads of a network: plain data, which a
 * `Network` satisfies structurally (simulateDipole.ts's compileView picks it out).
 */
import type { CellType, GidRange, NcDict, TonicBias, Vec3 } from "../model/types";

/** A connection as the compile step needs it (structurally satisfied by the model's Connection). */
export interface CompileConnection {
  srcType: string;
  targetType: string;
  gidPairs: Map<number, number[]>;
  loc: string;
  receptor: string;
  ncDict: NcDict;
}

/** A drive as the compile step needs it: its stored events, trial → drive cell → times (ms). */
interface CompileDrive {
  events: number[][][];
}

/** An electrode array as the compile step needs it (an ExtracellularArray's settings). */
export interface CompileElectrodeArray {
  /** Contact positions (µm). */
  positions: Vec3[];
  /** S/m. */
  conductivity: number;
  method: "psa" | "lsa";
  /** µm. */
  minDistance: number;
}

/** What a network must expose to be simulated (structurally satisfied by `Network`). */
export interface CompileNetwork {
  cellTypes: Record<string, CellType>;
  gidRanges: Record<string, GidRange>;
  posDict: Record<string, Vec3[] | Vec3>;
  connectivity: CompileConnection[];
  externalDrives: Record<string, CompileDrive>;
  externalBiases: Record<string, Record<string, TonicBias>>;
  threshold: number;
  inplaneDistance?: number;
  /** Electrode arrays by name: their potentials are recorded (none when absent). */
  recArrays?: Record<string, CompileElectrodeArray>;
}
