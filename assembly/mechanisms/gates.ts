// Tabulated gates (CHANNELS.md "Rate tables", NUMERICS.md §3 step 8): a GateSet is one mechanism's
// rate table and gate states. Its table has two columns per gate, s∞ then τ, so every tabulated
// mechanism shares one table build, one steady-state INITIAL, one exp-range proof and one cnexp
// loop; sharedgrid.ts runs that loop for two mechanisms at once where their grids are equal.
import { RateTable, RateFn, tableOut, clampedXi2, floor2, rowIndex2, rowAt, interp2, cnexp2 } from "../tables";
import { v } from "../tree";
import { ldi, ldf2, ldc2, stc2, appendZerosF64 } from "../util";

/** Most gates of one mechanism: two columns each in tables.ts's 8-column rows. */
const MAX_GATES: i32 = 4;

export class GateSet {
  /** The rate table, built by build() at every initialize (null before). */
  table: RateTable | null = null;
  /** Data pointers of the state arrays, taken by build(): the model no longer grows then. */
  private statePtr: StaticArray<usize>;

  /**
   * @param node the mechanism's instance nodes
   * @param lo lowest tabulated voltage (mV), NEURON's TABLE FROM
   * @param hi highest tabulated voltage (mV), TABLE TO
   * @param steps number of intervals, TABLE WITH
   * @param rates fills gate g's s∞ into column 2g and its τ (ms) into column 2g + 1
   * @param states one state array per gate, in column order
   */
  constructor(
    readonly node: Array<i32>,
    readonly lo: f64,
    readonly hi: f64,
    readonly steps: i32,
    readonly rates: RateFn,
    readonly states: StaticArray<Array<f64>>,
  ) {
    assert(states.length >= 1 && states.length <= MAX_GATES, "a GateSet has 1 to 4 gates");
    this.statePtr = new StaticArray<usize>(states.length);
  }

  get nGates(): i32 {
    return this.states.length;
  }

  /** Appends a state to every gate of each of the n instances just added (their values come at INITIAL). */
  addInstances(n: i32): void {
    for (let g = 0; g < this.nGates; g++) appendZerosF64(unchecked(this.states[g]), n);
  }

  /** The table at this run's temperature (the rates read temperature.ts), and the state pointers. */
  build(): void {
    this.table = new RateTable(this.lo, this.hi, this.steps, 2 * this.nGates, this.rates);
    for (let g = 0; g < this.nGates; g++) unchecked((this.statePtr[g] = this.states[g].dataStart));
  }

  /** Whether the cnexp updates may take exp2x's fast path: every τ column in its range (tables.ts). */
  tausInExpRange(dt: f64): bool {
    const t = this.table!;
    for (let g = 0; g < this.nGates; g++) if (!t.tauInExpRange(2 * g + 1, dt)) return false;
    return true;
  }

  /** INITIAL: every gate at its steady state s∞ for its node's v. */
  initSteady(): void {
    const t = this.table!;
    for (let i = 0; i < this.node.length; i++) {
      t.lookup(unchecked(v[unchecked(this.node[i])]));
      for (let g = 0; g < this.nGates; g++) unchecked((this.states[g][i] = tableOut[2 * g]));
    }
  }

  /** cnexp update of every gate of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ. */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    const sp = changetype<usize>(this.statePtr);
    const n = this.statePtr.length;
    // Unrolled, so the column offsets are constants: a loop over the gates ran the L5 cell ~8% slower.
    cnexpGate(load<usize>(sp), i, j, r0, r1, 0, th, dtv, inRange);
    if (n > 1) cnexpGate(load<usize>(sp, sizeof<usize>()), i, j, r0, r1, 1, th, dtv, inRange);
    if (n > 2) cnexpGate(load<usize>(sp, 2 * sizeof<usize>()), i, j, r0, r1, 2, th, dtv, inRange);
    if (n > 3) cnexpGate(load<usize>(sp, 3 * sizeof<usize>()), i, j, r0, r1, 3, th, dtv, inRange);
  }
}

/** cnexp update of gate g (state data at p, columns 2g and 2g + 1) at instances i, j. */
// @ts-ignore: decorator
@inline function cnexpGate(p: usize, i: i32, j: i32, r0: usize, r1: usize, g: i32, th: v128, dtv: v128, inRange: bool): void {
  stc2(p, i, j, cnexp2(ldc2(p, i, j), interp2(r0, r1, 2 * g, th), interp2(r0, r1, 2 * g + 1, th), dtv, inRange));
}

/** States of a's instances [from, to) with rates at their nodes' v. */
export function updateRange(a: GateSet, from: i32, to: i32, dt: f64, inRange: bool): void {
  if (inRange) rangeInRange(a, from, to, dt);
  else rangeChecked(a, from, to, dt);
}

/**
 * States of a's instances [from, to) and of b's instances [from + d, to + d) on the same nodes,
 * where the grids are equal (sharedgrid.ts): one row and θ per node pair serve both.
 */
export function updateFused(a: GateSet, b: GateSet, from: i32, to: i32, d: i32, dt: f64, inRange: bool): void {
  if (inRange) fusedInRange(a, b, from, to, d, dt);
  else fusedChecked(a, b, from, to, d, dt);
}

// One function per exp path (simdexp.ts): a hot loop shares its function with no Math.exp call.
function rangeInRange(a: GateSet, from: i32, to: i32, dt: f64): void {
  sweep(a, a, from, to, 0, dt, true, false);
}
function rangeChecked(a: GateSet, from: i32, to: i32, dt: f64): void {
  sweep(a, a, from, to, 0, dt, false, false);
}
function fusedInRange(a: GateSet, b: GateSet, from: i32, to: i32, d: i32, dt: f64): void {
  sweep(a, b, from, to, d, dt, true, true);
}
function fusedChecked(a: GateSet, b: GateSet, from: i32, to: i32, d: i32, dt: f64): void {
  sweep(a, b, from, to, d, dt, false, true);
}

/** a's instances [from, to) by pairs: row and θ at their nodes' v, then a's update2 (and b's if fused). */
// @ts-ignore: decorator
@inline function sweep(a: GateSet, b: GateSet, from: i32, to: i32, d: i32, dt: f64, inRange: bool, fused: bool): void {
  const ta = a.table!, tb = b.table!;
  const baseA = ta.base, baseB = tb.base, colsA = ta.nCols, colsB = tb.nCols;
  const lo = f64x2.splat(ta.lo), mfac = f64x2.splat(ta.mfac), nF = f64x2.splat(<f64>ta.n);
  const dtv = f64x2.splat(dt);
  const np = a.node.dataStart, vp = v.dataStart;
  for (let i = from; i < to; i += 2) {
    const j = min(i + 1, to - 1); // an odd count's last instance fills both lanes
    const xc = clampedXi2(ldf2(vp, ldi(np, i), ldi(np, j)), lo, mfac, nF);
    const fl = floor2(xc);
    const k = rowIndex2(fl);
    const k0 = i32x4.extract_lane(k, 0), k1 = i32x4.extract_lane(k, 2);
    const th = f64x2.sub(xc, fl);
    a.update2(i, j, rowAt(baseA, k0, colsA), rowAt(baseA, k1, colsA), th, dtv, inRange);
    if (fused) b.update2(i + d, j + d, rowAt(baseB, k0, colsB), rowAt(baseB, k1, colsB), th, dtv, inRange);
  }
}
