/**
 * hnn-core's global synaptic gains (network.py `set_global_synaptic_gains`,
 * `get_global_synaptic_gains`, `_check_global_synaptic_gains_uniformity`): the `gain` of every
 * cell-to-cell connection, by class of source and target (excitatory / inhibitory, from the cell
 * types' metadata). Drive connections are never touched.
 */

import { pyNum } from "../util/pyformat";
import { checkFinite, ValueError } from "../util/validate";
import type { Connection } from "./connection";
import type { Populations } from "./populations";
import type { CellType } from "./types";

/** The four classes: E→E, E→I, I→E, I→I. */
export type GainClass = "eE" | "eI" | "iE" | "iI";

/** A gain per class (absent: unchanged / no such connection). */
/** hnn-core's keyword names of the gain classes (its error messages name them). */
const PY_GAIN_NAMES: Record<GainClass, string> = { eE: "e_e", eI: "e_i", iE: "i_e", iI: "i_i" };

export type SynapticGains = Partial<Record<GainClass, number>>;

/** What the gain functions read from a network. */
export interface GainHost {
  readonly cellTypes: Readonly<Record<string, CellType>>;
  readonly populations: Populations;
  readonly connectivity: readonly Connection[];
}

/**
 * Indices of the connections of each class (hnn-core `_get_cell_index_by_synapse_type`, then
 * `pick_connection` by source and target gids), in connection order.
 */
function connectionsByClass(net: GainHost): [GainClass, number[]][] {
  const e = new Set<number>();
  const i = new Set<number>();
  for (const [name, ct] of Object.entries(net.cellTypes)) {
    const set = ct.cellMetadata.electroType === "excitatory" ? e : ct.cellMetadata.electroType === "inhibitory" ? i : null;
    for (const g of set === null ? [] : net.populations.gids(name)) set!.add(g);
  }
  const classes: [GainClass, Set<number>, Set<number>][] = [
    ["eE", e, e],
    ["eI", e, i],
    ["iE", i, e],
    ["iI", i, i],
  ];
  const hits = (gids: Iterable<number>, set: Set<number>): boolean => {
    for (const g of gids) if (set.has(g)) return true;
    return false;
  };
  return classes
    .filter(([, s, t]) => s.size > 0 && t.size > 0)
    .map(([name, s, t]) => [name, net.connectivity.flatMap((c, idx) => (hits(c.srcGids, s) && hits(c.targetGids, t) ? [idx] : []))]);
}

/**
 * Sets `gain` on every connection of each class given (hnn-core `set_global_synaptic_gains`).
 * @throws TypeError for a non-number gain, ValueError for a negative one.
 */
export function setGlobalSynapticGains(net: GainHost, gains: { [K in GainClass]?: number | null }): void {
  for (const name of ["eE", "eI", "iE", "iI"] as const) {
    const gain = gains[name];
    if (gain === null || gain === undefined) continue;
    checkFinite(PY_GAIN_NAMES[name], gain);
    if (gain < 0) throw new ValueError(`Synaptic gains must be non-negative. Got ${pyNum(gain)} for '${PY_GAIN_NAMES[name]}'.`);
  }
  for (const [name, picks] of connectionsByClass(net)) {
    const gain = gains[name];
    if (gain === null || gain === undefined) continue;
    for (const idx of picks) net.connectivity[idx].ncDict.gain = gain;
  }
}

/** hnn-core `get_global_synaptic_gains()`: the gain of the first connection of each class present. */
export function getGlobalSynapticGains(net: GainHost): SynapticGains {
  const out: SynapticGains = {};
  for (const [name, picks] of connectionsByClass(net)) {
    if (picks.length > 0) out[name] = net.connectivity[picks[0]].ncDict.gain;
  }
  return out;
}

/** hnn-core `_check_global_synaptic_gains_uniformity`: true when every class has one gain (numpy `isclose`). */
export function checkGlobalSynapticGainsUniformity(net: GainHost): boolean {
  for (const [, picks] of connectionsByClass(net)) {
    if (picks.length === 0) continue;
    const first = net.connectivity[picks[0]].ncDict.gain;
    for (const p of picks.slice(1)) {
      const g = net.connectivity[p].ncDict.gain;
      if (!(Math.abs(g - first) <= 1e-8 + 1e-5 * Math.abs(first))) return false;
    }
  }
  return true;
}
