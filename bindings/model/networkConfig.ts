/**
 * The stored parts of a Network ({@link NetworkConfig}), from which `Network.fromConfig` builds one
 * (the network JSON reader, `Network.copy`), and the check that their gid ranges fit together.
 */

import { ValueError } from "../util/validate";
import type { Connection } from "./connection";
import type { ExternalDrive } from "./driveTypes";
import type { ExtracellularArray } from "./extracellular";
import { Populations } from "./populations";
import { isPosList, type PosDict } from "./positions";
import type { CellType, GidRange, TonicBias } from "./types";

/** hnn-core's parameter dictionary (flat; the Network reads `threshold` and `celsius`). */
export type NetworkParams = Record<string, unknown>;

/** The stored parts of a Network, for {@link Network.fromConfig}. */
export interface NetworkConfig {
  /** hnn-core parameters; `threshold` is required. */
  params: NetworkParams;
  meshShape: [number, number];
  /** Default false. */
  legacyMode?: boolean;
  /** In-plane distance between pyramidal somata (µm), default 1.0. */
  inplaneDistance?: number;
  /** Distance between the L2 and L5 pyramidal layers (µm), default 1307.4. */
  layerSeparation?: number;
  cellTypes: Record<string, CellType>;
  /** Positions of the cell types and `origin`; drive cells default to the origin. */
  posDict: PosDict;
  /** gid range of every cell type and drive (disjoint). */
  gidRanges: Readonly<Record<string, GidRange>>;
  externalDrives?: Record<string, ExternalDrive>;
  externalBiases?: Record<string, Record<string, TonicBias>>;
  connectivity?: Connection[];
  recArrays?: Record<string, ExtracellularArray>;
  /** Spike threshold (mV); default `params.threshold`. */
  threshold?: number;
  /** Default synaptic delay (ms), default 1.0. */
  delay?: number;
}

/**
 * The populations of a config: every cell type needs a gid range as long as its positions, every
 * drive one of `nDriveCells` gids, and every range belongs to a cell type or a drive.
 * @throws ValueError naming the population otherwise, or for overlapping ranges.
 */
export function configPopulations(config: NetworkConfig): Populations {
  const { gidRanges, posDict } = config;
  const drives = config.externalDrives ?? {};
  const cellNames = Object.keys(config.cellTypes);
  for (const name of cellNames) {
    const r = gidRanges[name];
    if (r === undefined) throw new ValueError(`cell type '${name}' has no entry in gid_ranges`);
    const pos = posDict[name];
    if (!isPosList(pos)) throw new ValueError(`cell type '${name}' has no positions in pos_dict`);
    if (r.stop - r.start !== pos.length) throw new ValueError(`gid_ranges.${name} holds ${r.stop - r.start} gids but pos_dict.${name} has ${pos.length} positions`);
  }
  for (const [name, d] of Object.entries(drives)) {
    const r = gidRanges[name];
    if (r === undefined) throw new ValueError(`drive '${name}' has no entry in gid_ranges`);
    if (r.stop - r.start !== d.nDriveCells) throw new ValueError(`drive '${name}' has ${d.nDriveCells} drive cells but gid_ranges.${name} holds ${r.stop - r.start} gids`);
  }
  for (const name of Object.keys(gidRanges)) {
    if (!Object.hasOwn(config.cellTypes, name) && !Object.hasOwn(drives, name)) {
      throw new ValueError(`gid_ranges.${name} is neither a cell type (${cellNames.join(", ")}) nor a drive`);
    }
  }
  return Populations.fromRanges(gidRanges, cellNames);
}
