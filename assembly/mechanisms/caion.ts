// The Ca ion where a mechanism writes cai (CELLS.md §3.4, NUMERICS.md §7): one pool per node that
// has cad; ica accumulates the `ca` mechanism's current; eca is Nernst from cai at every evaluation.
import { ldc2, stc2 } from "../util";
import { BUILD_OK, BUILD_NO_ION_POOL } from "../status";
import { log2x } from "../simdlog";

const R_LEGACY: f64 = 8.3134; // J/(mol·K), NEURON legacy units (nb.py:17-18)
const F_LEGACY: f64 = 96485.309; // C/mol, eion.cpp legacy value
const CAO: f64 = 2.0; // mM, NEURON default cao0

/** Pool of each node, -1 where there is none. */
const poolOfNode = new Array<i32>(0);
export const cai = new Array<f64>(0); // mM
export const ica = new Array<f64>(0); // mA/cm²
export const eca = new Array<f64>(0); // mV

let ktfHalf: f64 = 0.0;

export function setCelsius(celsius: f64): void {
  // eion.cpp: ktf = 1000·R·(T + 273.15)/F, divided by the valence 2.
  ktfHalf = ((1000.0 * R_LEGACY * (celsius + 273.15)) / F_LEGACY) / 2.0;
}

/** The pool at node nd, created on first use. */
export function poolAt(nd: i32): i32 {
  while (poolOfNode.length <= nd) poolOfNode.push(-1);
  let p = unchecked(poolOfNode[nd]);
  if (p < 0) {
    p = cai.length;
    cai.push(1e-4);
    ica.push(0.0);
    eca.push(0.0);
    unchecked((poolOfNode[nd] = p));
  }
  return p;
}

/** The pool at node nd, or -1 if no concentration mechanism is there. */
export function existingPool(nd: i32): i32 {
  return nd < poolOfNode.length ? unchecked(poolOfNode[nd]) : -1;
}

/** Appends node nd's pool to `pool` for an instance of a pool-reading mechanism (ca, kca); BUILD_NO_ION_POOL, appending nothing, without one. */
export function attachPool(nd: i32, pool: Array<i32>): i32 {
  const p = existingPool(nd);
  if (p < 0) return BUILD_NO_ION_POOL;
  pool.push(p);
  return BUILD_OK;
}

/** eca (mV) of pool p from its present cai, the value resetCurrents gives it (no side effect). */
export function ecaOf(p: i32): f64 {
  return ktfHalf * Math.log(CAO / unchecked(cai[p]));
}

/** Before currents (NUMERICS.md §3 step 3): ica = 0, eca from the current cai. */
export function resetCurrents(): void {
  const n = cai.length;
  const cp = cai.dataStart, ep = eca.dataStart;
  memory.fill(ica.dataStart, 0, <usize>n << 3);
  const cao = f64x2.splat(CAO), ktf = f64x2.splat(ktfHalf);
  for (let i = 0; i < n; i += 2) {
    const j = min(i + 1, n - 1); // an odd count's last pool fills both lanes
    // log2x is Math.log bit for bit (simdlog.ts).
    stc2(ep, i, j, f64x2.mul(ktf, log2x(f64x2.div(cao, ldc2(cp, i, j)))));
  }
}
