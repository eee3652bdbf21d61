// NetCon delivery through the CSR table (assembly/events.ts; NUMERICS.md §5, CHANNELS.md §Exp2Syn):
// a source gid with several NetCons sends each target synapse its own weight at spike time + its own
// delay; injectSpike queues a spike of a cell simulated elsewhere without recording it;
// minCellNetConDelay skips VecStim sources; the build calls' status codes.
import * as tree from "../../assembly/tree";
import * as syn from "../../assembly/synapses";
import * as ev from "../../assembly/events";
import { BUILD_OK, BUILD_BAD_ARGUMENT, BUILD_SOURCE_CONFLICT } from "../../assembly/status";

/** CHANNELS.md §Exp2Syn: factor for (τ1, τ2) = (0.5, 5) and (1, 20). */
const FACTOR_AMPA: f64 = 1.435055183349871;
const FACTOR_NMDA: f64 = 1.2323999091818731;

const node = tree.addRoot(-65.0);
const s0 = syn.addExp2Syn(node, 0.0, 0.5, 5.0);
const s1 = syn.addExp2Syn(node, 0.0, 0.5, 5.0);
const s2 = syn.addExp2Syn(node, 0.0, 1.0, 20.0);
const s3 = syn.addExp2Syn(node, 0.0, 0.5, 5.0);

/** A and B of synapse s must both equal `expected` (NET_RECEIVE adds w·factor to each). */
function expectState(s: i32, expected: f64): void {
  expect(syn.synA[s]).toBe(expected);
  expect(syn.synB[s]).toBe(expected);
}

describe("NetCon build calls", () => {
  it("minCellNetConDelay is +inf before any NetCon", () => {
    expect(ev.minCellNetConDelay()).toBe(Infinity);
  });
  it("a negative source gid, a second source for one gid, a time before any VecStim are refused", () => {
    expect(ev.addNetCon(-1, s0, 0.001, 1.0)).toBe(BUILD_BAD_ARGUMENT);
    expect(ev.addVecStimTime(1.0)).toBe(BUILD_SOURCE_CONFLICT);
    expect(ev.addVecStim(-1)).toBe(BUILD_BAD_ARGUMENT);
    expect(ev.addCellSource(-3, node, 0.0)).toBe(BUILD_BAD_ARGUMENT);
    expect(ev.addCellSource(3, node, 0.0)).toBe(BUILD_OK);
    expect(ev.addVecStim(3)).toBe(BUILD_SOURCE_CONFLICT);
    expect(ev.addCellSource(3, node, 0.0)).toBe(BUILD_SOURCE_CONFLICT);
    expect(ev.addVecStim(1)).toBe(BUILD_OK); // no times: schedules nothing
  });
  it("NetCons get consecutive indices, whatever their source order", () => {
    // Source gid 5 is a cell of another partition (no source here), gid 2 likewise; gid 3 a cell here;
    // gid 1 a VecStim. Sources interleave so the CSR table has to regroup them.
    expect(ev.addNetCon(5, s0, 0.001, 1.0)).toBe(0);
    expect(ev.addNetCon(2, s1, 0.003, 0.5)).toBe(1);
    expect(ev.addNetCon(5, s1, 0.002, 2.0)).toBe(2);
    expect(ev.addNetCon(1, s3, 0.007, 0.1)).toBe(3);
    expect(ev.addNetCon(5, s2, 0.004, 0.25)).toBe(4);
    expect(ev.addNetCon(3, s3, 0.006, 1.7)).toBe(5);
    expect(ev.addNetCon(5, s2, 0.0005, 3.0)).toBe(6);
  });
  it("minCellNetConDelay: smallest delay of cell sources here or elsewhere, VecStims left out", () => {
    // gid 1's 0.1 ms is a VecStim's; the cell sources' delays are 1.0, 0.5, 2.0, 0.25, 1.7, 3.0.
    expect(ev.minCellNetConDelay()).toBe(0.25);
  });
});

describe("CSR delivery of an injected spike", () => {
  const ts: f64 = 10.0000000001; // a cell spike: grid time + 1e-10 (NUMERICS.md §6)
  it("nothing arrives before spike time + the smallest delay", () => {
    ev.initEvents(16);
    expect(ev.injectSpike(5, ts)).toBe(BUILD_OK);
    ev.deliverUntil(ts + 0.25 - 1e-9);
    for (let s = 0; s < 4; s++) expectState(s, 0.0);
  });
  it("each NetCon of gid 5 arrives at ts + its own delay with its own weight", () => {
    ev.deliverUntil(ts + 0.25);
    expectState(s2, 0.004 * FACTOR_NMDA);
    expectState(s0, 0.0);
    ev.deliverUntil(ts + 1.0);
    expectState(s0, 0.001 * FACTOR_AMPA);
    expectState(s1, 0.0);
    ev.deliverUntil(ts + 2.0);
    expectState(s1, 0.002 * FACTOR_AMPA);
    expectState(s2, 0.004 * FACTOR_NMDA); // its second NetCon (3 ms) is still queued
    ev.deliverUntil(ts + 3.0);
    expectState(s2, 0.004 * FACTOR_NMDA + 0.0005 * FACTOR_NMDA);
    // gid 2's NetCon to s1 and the sources here (gids 1, 3) were not fired.
    expectState(s1, 0.002 * FACTOR_AMPA);
    expectState(s3, 0.0);
  });
  it("an injected spike is not recorded here", () => {
    expect(ev.spikesRecorded()).toBe(0);
  });
  it("gid 2 reaches only its own NetCon", () => {
    expect(ev.injectSpike(2, 20.0)).toBe(BUILD_OK);
    ev.deliverUntil(20.5 - 1e-9);
    expectState(s1, 0.002 * FACTOR_AMPA);
    ev.deliverUntil(20.5);
    expectState(s1, 0.002 * FACTOR_AMPA + 0.003 * FACTOR_AMPA);
    expectState(s0, 0.001 * FACTOR_AMPA);
    expectState(s2, 0.004 * FACTOR_NMDA + 0.0005 * FACTOR_NMDA);
  });
  it("a gid with no NetCon here queues nothing; a negative gid is refused", () => {
    expect(ev.injectSpike(4, 30.0)).toBe(BUILD_OK); // a slot below the largest gid, no NetCon
    expect(ev.injectSpike(1000, 30.0)).toBe(BUILD_OK); // beyond every gid here
    expect(ev.injectSpike(-1, 30.0)).toBe(BUILD_BAD_ARGUMENT);
    ev.deliverUntil(1e9);
    expectState(s0, 0.001 * FACTOR_AMPA);
    expectState(s1, 0.002 * FACTOR_AMPA + 0.003 * FACTOR_AMPA);
    expectState(s2, 0.004 * FACTOR_NMDA + 0.0005 * FACTOR_NMDA);
    expectState(s3, 0.0);
    expect(ev.spikesRecorded()).toBe(0);
  });
});
