// cat: T-type Ca-like nonspecific current, reversal 125 mV (CHANNELS.md §cat; hnn-core cat.mod).
import { addOhmic2 } from "../tree";
import { GateSet } from "./gates";
import { ldi, kv, ldc2 } from "../util";

const EREV: f64 = 125.0; // mV

// f64x2 constant (util.ts kv): erev.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([EREV, EREV]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

// cat.mod:53-66; columns minf, mtau, hinf, htau.
function rates(vm: f64, out: StaticArray<f64>): void {
  unchecked((out[0] = 1.0 / (1.0 + Math.exp((-vm - 56.0) / 6.2))));
  unchecked((out[1] = 0.204 + 0.333 / (Math.exp((vm + 15.8) / 18.2) + Math.exp((-vm - 131.0) / 16.7))));
  unchecked((out[2] = 1.0 / (1.0 + Math.exp((vm + 80.0) / 4.0))));
  if (vm < -81.0) unchecked((out[3] = 0.333 * Math.exp((vm + 466.0) / 66.6)));
  else unchecked((out[3] = 9.32 + 0.333 * Math.exp((-vm - 21.0) / 10.5)));
}

/** TABLE from −120 to 40 mV in 641 steps (cat.mod:55). */
export const gates = new GateSet(node, -120.0, 40.0, 641, rates, [m, h]);

/** INITIAL: h = h∞(v) (set by the registry), m = 0 (cat.mod:40-45). */
export function init(dtMs: f64): void {
  m.fill(0.0);
}

/** cat.mod:35-38: i = gbar·m²·h·(v − 125). */
export function addCurrents(): void {
  const np = node.dataStart, gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart, erev = kv(K, 0);
  for (let i = 0, cnt = node.length; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const mi = ldc2(mp, i, j);
    addOhmic2(ldi(np, i), ldi(np, j), f64x2.mul(f64x2.mul(f64x2.mul(ldc2(gp, i, j), mi), mi), ldc2(hp, i, j)), erev);
  }
}
