// assembly/mechanisms/sharedgrid.ts: the tabulated mechanisms pair up by grid (km + ca, cat + ar;
// hh2 alone), and the fused state updates give bit for bit the states of each set's own update,
// where the pairs' nodes partly coincide (km on more nodes than ca, with gaps) and where they
// coincide in a different order (ar), on both exp paths.
import * as tree from "../../assembly/tree";
import * as temperature from "../../assembly/mechanisms/temperature";
import { GateSet, updateRange } from "../../assembly/mechanisms/gates";
import * as registry from "../../assembly/mechanisms/registry";
import * as hh2 from "../../assembly/mechanisms/hh2";
import * as km from "../../assembly/mechanisms/km";
import * as ca from "../../assembly/mechanisms/ca";
import * as cat from "../../assembly/mechanisms/cat";
import * as ar from "../../assembly/mechanisms/ar";
import * as sharedGrid from "../../assembly/mechanisms/sharedgrid";

const DT: f64 = 0.025;

/** Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, top 53 bits). */
let lcgState: u64 = 0x2545f4914f6cdd1d;
function rand(): f64 {
  lcgState = lcgState * 6364136223846793005 + 1442695040888963407;
  return <f64>(lcgState >> 11) / 9007199254740992.0;
}

/** Parameter blocks of insertMechanism (every conductance 1, hh2's el −65 mV; cad's taur 20 ms). */
const ONE: StaticArray<f64> = [1.0, 1.0, 1.0, -65.0];
const TAUR: StaticArray<f64> = [20.0];

/** An instance of the registry's mechanism `name` at node nd. */
function insert(name: string, nd: i32, params: StaticArray<f64>): void {
  let kind = 0;
  while (registry.row(kind).name != name) kind++;
  assert(registry.insert(kind, nd, changetype<usize>(params)) == 0, "insert");
}

// One cable: root node 0, interior nodes 1..12, end node 13.
const root = tree.addRoot(-65.0);
tree.addSection(root, 200.0, 2.0, 100.0, 1.0, 12, -65.0);
for (let nd = 1; nd <= 12; nd++) insert("hh2", nd, ONE);
for (let nd = 1; nd <= 12; nd++) insert("km", nd, ONE);
for (let nd = 4; nd <= 9; nd++) insert("cad", nd, TAUR);
insert("cad", 11, TAUR);
for (let nd = 4; nd <= 9; nd++) insert("ca", nd, ONE);
insert("ca", 11, ONE);
for (let nd = 1; nd <= 12; nd++) insert("cat", nd, ONE);
const arOrder: StaticArray<i32> = [1, 2, 3, 4, 5, 6, 12, 11, 7, 8, 9, 10];
for (let k = 0; k < arOrder.length; k++) insert("ar", arOrder[k], ONE);
temperature.setCelsius(37.0);
const sets: Array<GateSet> = [hh2.gates, km.gates, ca.gates, cat.gates, ar.gates];
for (let s = 0; s < sets.length; s++) sets[s].build();
const pairs = sharedGrid.prepare(sets);

const states: Array<Array<f64>> = [hh2.m, hh2.h, hh2.n, km.n, ca.m, ca.h, cat.m, cat.h, ar.m];

/** Random v (beyond both tables' ends too) and gate states; returns a copy of the states. */
function randomise(): Array<Array<f64>> {
  for (let nd = 0; nd < tree.v.length; nd++) tree.v[nd] = -140.0 + 270.0 * rand();
  const copy = new Array<Array<f64>>(0);
  for (let s = 0; s < states.length; s++) {
    for (let i = 0; i < states[s].length; i++) states[s][i] = rand();
    copy.push(states[s].slice());
  }
  return copy;
}

function restore(copy: Array<Array<f64>>): void {
  for (let s = 0; s < states.length; s++) for (let i = 0; i < states[s].length; i++) states[s][i] = copy[s][i];
}

/** States after each set's own update, then after the grouped ones from the same start: bit mismatches. */
function mismatches(inRange: bool): i32 {
  const start = randomise();
  for (let s = 0; s < sets.length; s++) updateRange(sets[s], 0, sets[s].node.length, DT, inRange);
  const separate = new Array<Array<f64>>(0);
  for (let s = 0; s < states.length; s++) separate.push(states[s].slice());
  restore(start);
  sharedGrid.update(DT, inRange);
  let bad = 0;
  for (let s = 0; s < states.length; s++) {
    for (let i = 0; i < states[s].length; i++) {
      if (reinterpret<u64>(states[s][i]) != reinterpret<u64>(separate[s][i])) bad++;
      if (states[s][i] == start[s][i]) bad++; // every instance updated
    }
  }
  return bad;
}

describe("sharedgrid", () => {
  it("pairs km with ca and cat with ar; hh2's grid has no partner", () => {
    expect(pairs).toBe(2);
  });
  it("the tables' exp arguments are in range at dt = 0.025 ms", () => {
    for (let s = 0; s < sets.length; s++) expect(sets[s].tausInExpRange(DT)).toBe(true);
  });
  it("grouped updates equal the separate ones (proven-range exp)", () => {
    for (let trial = 0; trial < 20; trial++) expect(mismatches(true)).toBe(0);
  });
  it("grouped updates equal the separate ones (checked exp)", () => {
    for (let trial = 0; trial < 20; trial++) expect(mismatches(false)).toBe(0);
  });
});
