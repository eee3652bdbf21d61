// ar: anomalous (h-like) rectifier, reversal −35 mV (CHANNELS.md §ar; hnn-core ar.mod).
import { addOhmic2 } from "../tree";
import { GateSet } from "./gates";
import { ldi, kv, ldc2 } from "../util";

const EREV: f64 = -35.0; // mV

// f64x2 constant (util.ts kv): erev.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([EREV, EREV]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);

// ar.mod:52-57; columns minf, mtau.
function rates(vm: f64, out: StaticArray<f64>): void {
  unchecked((out[0] = 1.0 / (1.0 + Math.exp((vm + 75.0) / 5.5))));
  unchecked((out[1] = 1.0 / (Math.exp(-14.6 - 0.086 * vm) + Math.exp(-1.87 + 0.07 * vm))));
}

/** TABLE from −120 to 40 mV in 641 steps (ar.mod:54). */
export const gates = new GateSet(node, -120.0, 40.0, 641, rates, [m]);

/** INITIAL: m = 0.25 whatever v (ar.mod:41-45). */
export function init(dtMs: f64): void {
  m.fill(0.25);
}

/** ar.mod:36-39: i = gbar·m·(v − erev). */
export function addCurrents(): void {
  const np = node.dataStart, gp = gbar.dataStart, mp = m.dataStart, erev = kv(K, 0);
  for (let i = 0, cnt = node.length; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    addOhmic2(ldi(np, i), ldi(np, j), f64x2.mul(ldc2(gp, i, j), ldc2(mp, i, j)), erev);
  }
}
