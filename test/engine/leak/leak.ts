// leak: a passive current i = g·(v − e), the smallest mechanism. test/engine/mechanismPlugin.test.ts
// adds it to an engine with one registry row (engine.ts) and one bindings row, and simulates it.
import { v, rhs, diag } from "../../../assembly/tree";

export const node = new Array<i32>(0);
export const g = new Array<f64>(0); // S/cm²
export const e = new Array<f64>(0); // mV

/** i (mA/cm²) at v and v + 0.001 mV into the node equations (NUMERICS.md §3 step 3). */
export function addCurrents(): void {
  for (let k = 0; k < node.length; k++) {
    const nd = node[k];
    const i0 = g[k] * (v[nd] - e[k]);
    const i1 = g[k] * (v[nd] + 0.001 - e[k]);
    rhs[nd] -= i0;
    diag[nd] += (i1 - i0) / 0.001;
  }
}
