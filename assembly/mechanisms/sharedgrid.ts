// State updates of the tabulated mechanisms (gates.ts), pairing mechanisms whose rate tables share
// one grid (CHANNELS.md "Rate tables": km + ca on −120..100 mV in 199 steps, cat + ar on −120..40 mV
// in 641 steps). Runs of a pair's instances that sit on the same nodes in the same order (L5
// pyramidal nodes) are updated together: the row and θ are computed once per node pair. Elsewhere
// (km on L2 pyramids, law_2021's L5 soma and basal without ca), and for a mechanism without a
// partner (hh2), each runs alone. Gate updates read only v and their own states: any order gives
// the same results.
import { v } from "../tree";
import { filledI32 } from "../util";
import { GateSet, updateRange, updateFused } from "./gates";

/** One mechanism, or two on one grid: their fused runs and the instances left to each. */
class Group {
  /** [first a instance, first b instance, length] of runs on the same nodes. */
  runs: Array<i32> = new Array<i32>(0);
  /** [first instance, length] of a's and of b's instances outside every run (a alone: all of them). */
  restA: Array<i32> = new Array<i32>(0);
  restB: Array<i32> = new Array<i32>(0);
  constructor(readonly a: GateSet, readonly b: GateSet | null) {}
}

function sameGrid(a: GateSet, b: GateSet): bool {
  const ta = a.table!, tb = b.table!;
  return ta.lo == tb.lo && ta.mfac == tb.mfac && ta.n == tb.n;
}

/** Pairs up a's and b's instances on the same nodes (equal grids: equal rows and θ). */
function pairUp(a: GateSet, b: GateSet): Group {
  const p = new Group(a, b);
  const na = a.node, nb = b.node;
  const inRunA = filledI32(na.length, 0), inRunB = filledI32(nb.length, 0);
  const bAt = filledI32(v.length, -1);
  for (let k = 0; k < nb.length; k++) unchecked((bAt[nb[k]] = k));
  let last = -3;
  for (let i = 0; i < na.length; i++) {
    const k = unchecked(bAt[na[i]]);
    if (k < 0) continue;
    const len = last >= 0 ? unchecked(p.runs[last + 2]) : 0;
    if (last >= 0 && unchecked(p.runs[last]) + len == i && unchecked(p.runs[last + 1]) + len == k) {
      unchecked((p.runs[last + 2] = len + 1));
    } else {
      last = p.runs.length;
      p.runs.push(i);
      p.runs.push(k);
      p.runs.push(1);
    }
    unchecked((inRunA[i] = 1));
    unchecked((inRunB[k] = 1));
  }
  collectRest(inRunA, p.restA);
  collectRest(inRunB, p.restB);
  return p;
}

/** [first, length] of every maximal range of instances with inRun 0. */
function collectRest(inRun: Array<i32>, out: Array<i32>): void {
  for (let i = 0; i < inRun.length; ) {
    if (unchecked(inRun[i]) != 0) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < inRun.length && unchecked(inRun[e]) == 0) e++;
    out.push(i);
    out.push(e - i);
    i = e;
  }
}

let groups = new Array<Group>(0);

/**
 * After the tables are built and every instance added (initialize): each set, in order, is paired
 * with the first later unpaired set on the same grid, or stands alone. Returns the number of pairs.
 */
export function prepare(sets: Array<GateSet>): i32 {
  groups = new Array<Group>(0);
  const paired = filledI32(sets.length, 0);
  for (let s = 0; s < sets.length; s++) {
    if (unchecked(paired[s]) != 0) continue;
    const a = unchecked(sets[s]);
    let t = s + 1;
    while (t < sets.length && (unchecked(paired[t]) != 0 || !sameGrid(a, unchecked(sets[t])))) t++;
    if (t < sets.length) {
      unchecked((paired[t] = 1));
      groups.push(pairUp(a, unchecked(sets[t])));
    } else {
      const alone = new Group(a, null);
      alone.restA.push(0);
      alone.restA.push(a.node.length);
      groups.push(alone);
    }
  }
  return sets.length - groups.length;
}

/** Every tabulated state (NUMERICS.md §3 step 8): fused runs, then each set's instances outside them. */
export function update(dt: f64, inRange: bool): void {
  for (let k = 0; k < groups.length; k++) {
    const p = unchecked(groups[k]);
    const a = p.a;
    for (let r = 0; r < p.runs.length; r += 3) {
      const s = unchecked(p.runs[r]), len = unchecked(p.runs[r + 2]);
      updateFused(a, p.b!, s, s + len, unchecked(p.runs[r + 1]) - s, dt, inRange);
    }
    updateRests(a, p.restA, dt, inRange);
    if (p.b) updateRests(p.b!, p.restB, dt, inRange);
  }
}

function updateRests(a: GateSet, rest: Array<i32>, dt: f64, inRange: bool): void {
  for (let r = 0; r < rest.length; r += 2) {
    const s = unchecked(rest[r]);
    updateRange(a, s, s + unchecked(rest[r + 1]), dt, inRange);
  }
}
