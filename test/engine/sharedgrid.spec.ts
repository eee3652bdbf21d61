// assembly/mechanisms/sharedgrid.ts: the fused km + ca and cat + ar state updates give bit for bit
// the states of the separate per-mechanism updates, where the pairs' nodes partly coincide (km on
// more nodes than ca, with gaps) and where they coincide in a different order (ar), on both exp paths.
import * as tree from "../../assembly/tree";
import * as temperature from "../../assembly/mechanisms/temperature";
import * as cad from "../../assembly/mechanisms/cad";
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

// One cable: root node 0, interior nodes 1..12, end node 13.
const root = tree.addRoot(-65.0);
tree.addSection(root, 200.0, 2.0, 100.0, 1.0, 12, -65.0);
for (let nd = 1; nd <= 12; nd++) km.add(nd, 1.0);
for (let nd = 4; nd <= 9; nd++) cad.add(nd, 20.0);
cad.add(11, 20.0);
for (let nd = 4; nd <= 9; nd++) ca.add(nd, 1.0);
ca.add(11, 1.0);
for (let nd = 1; nd <= 12; nd++) cat.add(nd, 1.0);
const arOrder: StaticArray<i32> = [1, 2, 3, 4, 5, 6, 12, 11, 7, 8, 9, 10];
for (let k = 0; k < arOrder.length; k++) ar.add(arOrder[k], 1.0);
temperature.setCelsius(37.0);
km.buildTable();
ca.buildTable();
cat.buildTable();
ar.buildTable();
sharedGrid.prepare();

const states: Array<Array<f64>> = [km.n, ca.m, ca.h, cat.m, cat.h, ar.m];

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

/** States after the separate updates, then after the fused ones from the same start: bit mismatches. */
function mismatches(inRange: bool): i32 {
  const start = randomise();
  km.updateStates(DT, inRange);
  ca.updateStates(DT, inRange);
  cat.updateStates(DT, inRange);
  ar.updateStates(DT, inRange);
  const separate = new Array<Array<f64>>(0);
  for (let s = 0; s < states.length; s++) separate.push(states[s].slice());
  restore(start);
  sharedGrid.updateKmCa(DT, inRange);
  sharedGrid.updateCatAr(DT, inRange);
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
  it("the tables' exp arguments are in range at dt = 0.025 ms", () => {
    expect(km.tausInExpRange(DT) && ca.tausInExpRange(DT) && cat.tausInExpRange(DT) && ar.tausInExpRange(DT)).toBe(true);
  });
  it("fused updates equal the separate ones (proven-range exp)", () => {
    for (let trial = 0; trial < 20; trial++) expect(mismatches(true)).toBe(0);
  });
  it("fused updates equal the separate ones (checked exp)", () => {
    for (let trial = 0; trial < 20; trial++) expect(mismatches(false)).toBe(0);
  });
});
