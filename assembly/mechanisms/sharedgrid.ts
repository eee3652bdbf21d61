// State updates of mechanism pairs whose rate tables share one grid (CHANNELS.md "Rate tables":
// km + ca on −120..100 mV in 199 steps, cat + ar on −120..40 mV in 641 steps), fused over runs of
// instances that sit on the same nodes in the same order (L5 pyramidal nodes): the row and θ
// are computed once per node pair. Each mechanism's update math stays in its own module (update2).
// Elsewhere (km on L2 pyramids, law_2021's L5 soma and basal without ca) each runs alone.
import { RateTable } from "../tables";
import { v } from "../tree";
import { filledI32 } from "../util";
import { updateRange, updateFused } from "./gates";
import * as km from "./km";
import * as ca from "./ca";
import * as cat from "./cat";
import * as ar from "./ar";

/** Instances of two mechanisms A, B on one grid: fused runs and the instances left to each. */
class Pairing {
  /** [first A instance, first B instance, length] of runs on the same nodes. */
  runs: Array<i32> = new Array<i32>(0);
  /** [first instance, length] of A's and of B's instances outside every run. */
  restA: Array<i32> = new Array<i32>(0);
  restB: Array<i32> = new Array<i32>(0);
}

/** Pairs up A's and B's instances where the grids are equal (lo, 1/Δ, N: equal rows and θ). */
function pairUp(na: Array<i32>, nb: Array<i32>, ta: RateTable, tb: RateTable): Pairing {
  const p = new Pairing();
  const inRunA = filledI32(na.length, 0), inRunB = filledI32(nb.length, 0);
  if (ta.lo == tb.lo && ta.mfac == tb.mfac && ta.n == tb.n) {
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

let kmCa = new Pairing();
let catAr = new Pairing();

/** After the tables are built and every instance added (initialize). */
export function prepare(): void {
  kmCa = pairUp(km.node, ca.node, km.table!, ca.table!);
  catAr = pairUp(cat.node, ar.node, cat.table!, ar.table!);
}

/** km and ca states (NUMERICS.md §3 step 8): independent states, so any order keeps every result. */
export function updateKmCa(dt: f64, inRange: bool): void {
  update<km.Gates, ca.Gates>(km.gates, km.table!, km.node, ca.gates, ca.table!, ca.node, kmCa, dt, inRange);
}

/** cat and ar states, as updateKmCa. */
export function updateCatAr(dt: f64, inRange: bool): void {
  update<cat.Gates, ar.Gates>(cat.gates, cat.table!, cat.node, ar.gates, ar.table!, ar.node, catAr, dt, inRange);
}

/** The fused runs of A and B (gates.ts), then each mechanism's instances outside them. */
function update<A, B>(a: A, ta: RateTable, na: Array<i32>, b: B, tb: RateTable, nb: Array<i32>, p: Pairing, dt: f64, inRange: bool): void {
  for (let r = 0; r < p.runs.length; r += 3) {
    const s = unchecked(p.runs[r]), len = unchecked(p.runs[r + 2]);
    updateFused<A, B>(a, ta, na, b, tb, s, s + len, unchecked(p.runs[r + 1]) - s, dt, inRange);
  }
  for (let r = 0; r < p.restA.length; r += 2) {
    const s = unchecked(p.restA[r]);
    updateRange<A>(a, ta, na, s, s + unchecked(p.restA[r + 1]), dt, inRange);
  }
  for (let r = 0; r < p.restB.length; r += 2) {
    const s = unchecked(p.restB[r]);
    updateRange<B>(b, tb, nb, s, s + unchecked(p.restB[r + 1]), dt, inRange);
  }
}
