// Threshold detection (assembly/events.ts checkThresholds; NUMERICS.md §4 item 5, §6): a cell fires
// when v − threshold > 0 (strictly) at a check while its flag is down, with spike time t + 1e-10; it
// does not fire again until v has been ≤ threshold at a check; initialisation lowers every flag.
import * as tree from "../../assembly/tree";
import * as syn from "../../assembly/synapses";
import * as ev from "../../assembly/events";

/** NUMERICS.md §6: teps. */
const TEPS: f64 = 1e-10;

const cellA = tree.addRoot(-65.0); // gid 0, threshold 0 mV
const cellB = tree.addRoot(-65.0); // gid 1, threshold −20 mV
ev.addCellSource(0, cellA, 0.0);
ev.addCellSource(1, cellB, -20.0);
// gid 0's spikes also send an event (NUMERICS.md §5: at spike time + delay).
const target = syn.addExp2Syn(cellA, 0.0, 0.5, 5.0);
ev.addNetCon(0, target, 0.001, 1.0);

function spikeTime(i: i32): f64 {
  return load<f64>(ev.spikeTimesPtr() + (<usize>i << 3));
}
function spikeGid(i: i32): i32 {
  return load<i32>(ev.spikeGidsPtr() + (<usize>i << 2));
}

/** One check at time t with v of cell A set to vA (cell B stays at −65). */
function checkAt(t: f64, vA: f64): void {
  tree.v[cellA] = vA;
  ev.checkThresholds(t);
}

describe("threshold detection", () => {
  it("fires once per upward crossing, strictly above threshold, at t + 1e-10", () => {
    ev.initEvents(64);
    // check times 0.025·k as a step loop would pass them; v of cell A at each check.
    const vA: StaticArray<f64> = [-65.0, -1.0, 0.0, 0.5, 30.0, 1e-12, 0.0, 1e-12, 5.0, -70.0, 40.0];
    const fires: StaticArray<bool> = [false, false, false, true, false, false, false, true, false, false, true];
    let expected = 0;
    for (let k = 0; k < vA.length; k++) {
      const t = 0.025 * <f64>k;
      checkAt(t, vA[k]);
      if (fires[k]) {
        expect(spikeTime(expected)).toBe(t + TEPS);
        expect(spikeGid(expected)).toBe(0);
        expected++;
      }
      expect(ev.spikesRecorded()).toBe(expected);
    }
  });
  it("a spike queues its NetCon event at spike time + delay", () => {
    const t0 = spikeTime(0); // 0.075 + 1e-10
    ev.deliverUntil(t0 + 1.0 - 1e-12);
    expect(syn.synA[target]).toBe(0.0);
    ev.deliverUntil(t0 + 1.0);
    expect(syn.synA[target]).toBe(0.001 * 1.435055183349871); // CHANNELS.md factor (0.5, 5)
  });
  it("exactly at threshold is not above (cell B at −20 mV)", () => {
    ev.clearSpikes();
    tree.v[cellB] = -20.0;
    checkAt(1.0, -65.0);
    expect(ev.spikesRecorded()).toBe(0);
    tree.v[cellB] = -19.999999999;
    checkAt(1.025, -65.0);
    expect(ev.spikesRecorded()).toBe(1);
    expect(spikeGid(0)).toBe(1);
    expect(spikeTime(0)).toBe(1.025 + TEPS);
  });
  it("initialisation lowers the flags: a cell above threshold fires at the first check", () => {
    tree.v[cellB] = 10.0;
    checkAt(1.05, 10.0); // A rises above 0 (its flag was down); B stays above: no new spike for B
    expect(ev.spikesRecorded()).toBe(2);
    expect(spikeGid(1)).toBe(0);
    ev.initEvents(64); // clears the recorded spikes too
    expect(ev.spikesRecorded()).toBe(0);
    checkAt(0.0, 10.0);
    expect(ev.spikesRecorded()).toBe(2);
    expect(spikeGid(0)).toBe(0);
    expect(spikeGid(1)).toBe(1);
    expect(spikeTime(0)).toBe(TEPS);
    expect(spikeTime(1)).toBe(TEPS);
  });
});
