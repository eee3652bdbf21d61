/**
 * `Network.add_electrode_array` (hnn-core network.py): an {@link ExtracellularArray} from its
 * arguments; simulateDipole records its potentials (extracellular.ts).
 */
import { ExtracellularArray, type ExtracellularArrayOptions } from "./extracellular";
import type { Vec3 } from "./types";

/** `add_electrode_array` keyword arguments. */
export type ElectrodeArrayOptions = Pick<ExtracellularArrayOptions, "conductivity" | "method" | "minDistance">;

/**
 * An electrode array from hnn-core's `add_electrode_array` arguments, without recordings.
 * @throws TypeError for a position that is not three finite numbers or a non-number setting;
 *   ValueError for a setting out of range.
 */
export function electrodeArray(electrodePos: Vec3 | Vec3[], opts: ElectrodeArrayOptions): ExtracellularArray {
  if (typeof opts !== "object" || opts === null) throw new TypeError("opts must be an object { conductivity?, method?, minDistance? }");
  return new ExtracellularArray(electrodePos, { conductivity: opts.conductivity, method: opts.method, minDistance: opts.minDistance });
}
