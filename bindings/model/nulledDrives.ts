/**
 * hnn-core's `remove_nulled_drives(net)` (params.py): legacy parameter files hold placeholder
 * drives switched off with out-of-range values; a copy of the network without them.
 */

import { reattachDrive } from "./drives";
import type { ExternalDrive } from "./driveTypes";
import { Network } from "./network";
import { pickConnection } from "./pickConnection";
import { typeError } from "../util/validate";

/** `_any_positive_weights(drive)`: some AMPA or NMDA weight is > 0. */
function anyPositiveWeights(drive: ExternalDrive): boolean {
  const weights = [...Object.values(drive.weightsAmpa ?? {}), ...Object.values(drive.weightsNmda ?? {})];
  return weights.some((w) => w > 0);
}

/** Whether the drive's dynamics have a start and a stop, and they are reversed or negative. */
function badInterval(drive: ExternalDrive): boolean {
  const dyn = drive.dynamics as unknown as Record<string, unknown>;
  const tstart = dyn.tstart;
  const tstop = dyn.tstop;
  if (typeof tstart !== "number" || typeof tstop !== "number") return false;
  return tstart > tstop || tstart < 0 || tstop < 0;
}

/**
 * hnn-core `remove_nulled_drives(net)`: a copy of `net` whose drives are re-attached in order,
 * leaving out each drive whose dynamics start after they stop (or at a negative time) and each
 * drive with no positive weight. Re-attached drives get the space constant and probability of their
 * first connection, and `n_drive_cells = 'n_cells'` when cell-specific; their gids are renumbered
 * after the cells, as when they were first added.
 */
export function removeNulledDrives(net: Network): Network {
  if (!(net instanceof Network)) throw typeError("net", "Network", net);
  const copy = net.copy();
  const drives = Object.values(copy.externalDrives);
  const extras = new Map<string, [number, number]>();
  for (const drive of drives) {
    const first = copy.connectivity[pickConnection(copy, { srcGids: drive.name })[0]];
    extras.set(drive.name, [first.ncDict.lamtha, first.probability]);
  }
  copy.clearDrives();
  for (const drive of drives) {
    if (badInterval(drive) || !anyPositiveWeights(drive)) continue;
    const [spaceConstant, probability] = extras.get(drive.name)!;
    reattachDrive(copy, drive, spaceConstant, probability);
  }
  return copy;
}
