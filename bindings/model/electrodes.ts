/**
 * Extracellular electrode arrays as hnn-core stores them on a Network (extracellular.py
 * `ExtracellularArray`, `Network.add_electrode_array`): positions and the settings of the potential
 * calculation. The simulator does not compute the potentials yet; the arrays are kept and written.
 */

import { pyNum } from "../util/pyformat";
import { checkFinite, checkOption, ValueError } from "../util/validate";
import { isVec3 } from "./positions";
import type { Vec3 } from "./types";

/** An extracellular electrode array as stored (hnn-core `ExtracellularArray.to_dict()` fields). */
export interface ElectrodeArrayData {
  positions: Vec3[];
  conductivity: number;
  method: string;
  minDistance: number;
  times: number[];
  voltages: number[][][];
}

/** `add_electrode_array` keyword arguments. */
export interface ElectrodeArrayOptions {
  /** Extracellular conductivity (S/m), > 0. Default 0.3. */
  conductivity?: number;
  /** Point-source ('psa') or line-source ('lsa') approximation. Default 'psa'. */
  method?: "psa" | "lsa";
  /** Smallest electrode-to-segment distance used (µm), > 0. Default 0.5. */
  minDistance?: number;
}

/**
 * An electrode array from hnn-core's `add_electrode_array` arguments, without recordings.
 * @throws TypeError for a position that is not three finite numbers or a non-number setting;
 *   ValueError for a setting out of range.
 */
export function electrodeArray(electrodePos: Vec3 | Vec3[], opts: ElectrodeArrayOptions): ElectrodeArrayData {
  const list: unknown[] = Array.isArray(electrodePos) && Array.isArray(electrodePos[0]) ? (electrodePos as Vec3[]) : [electrodePos];
  const positions = list.map((p, k) => {
    if (!isVec3(p)) throw new TypeError(`electrodePos[${k}] must be [x, y, z] (three finite numbers)`);
    return [p[0], p[1], p[2]] as Vec3;
  });
  const conductivity = checkFinite("conductivity", opts.conductivity ?? 0.3, "float");
  if (!(conductivity > 0)) throw new ValueError(`conductivity must be a positive number, got ${pyNum(conductivity)}`);
  const method = checkOption("method", opts.method ?? "psa", ["psa", "lsa"]);
  const minDistance = checkFinite("minDistance", opts.minDistance ?? 0.5, "float");
  if (!(minDistance > 0)) throw new ValueError(`minDistance must be a positive number, got ${pyNum(minDistance)}`);
  return { positions, conductivity, method, minDistance, times: [], voltages: [] };
}
