/**
 * simulateDipole's recordCa: `cellResponse.ca` in hnn-core 0.6.1's layout (trial → gid → section →
 * cai in mM at the section centre; a recorded cell without the Ca ion maps to `{}`), and the same
 * traces however a trial's cells are split. Values against NEURON: test/parity/calcium.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { jones2009Model, type Network } from "../../bindings/index";
import { simulateDipole, compileView } from "../../bindings/simulate/simulateDipole";
import { runTrial, type TrialOptions } from "../../bindings/simulate/runTrial";
import { instantiateDrives } from "../../bindings/model/eventTimes";
import { loadEngine } from "../../bindings/wasm";

const TSTOP_MS = 40;
/** cad's resting (and initial) concentration, cainf (mM): its pool decays to it and never below. */
const CAINF_MM = 1e-4;

let net: Network;
let gids: { l2Basket: number; l2Pyr: number; l5Pyr: number[] };
beforeAll(() => {
  net = jones2009Model({ meshShape: [3, 3], addDrivesFromParams: true });
  const p = net.populations;
  gids = { l2Basket: p.gids("L2_basket")[0], l2Pyr: p.gids("L2_pyramidal")[0], l5Pyr: [...p.gids("L5_pyramidal")].slice(0, 2) };
});

describe("simulateDipole({ recordCa })", () => {
  it("'all': every recorded cell, the sections with the Ca ion in hnn-core's order, one trace per trial", async () => {
    const recordGids = [gids.l5Pyr[1], gids.l2Pyr, gids.l2Basket, gids.l5Pyr[0]];
    const driveGid = net.populations.gids("evprox1")[0]; // no traces: not listed
    await simulateDipole(net, { tstop: TSTOP_MS, nTrials: 2, recordCa: "all", recordGids: [...recordGids, driveGid] });
    const resp = net.cellResponse!;
    expect(resp.ca.length).toBe(2);
    const l5Sections = net.cellTypes["L5_pyramidal"].cellObject.sections;
    const withCa = Object.keys(l5Sections).filter((name) => "cad" in l5Sections[name].mechs);
    expect(withCa).toContain("soma");
    for (const trial of resp.ca) {
      expect(Object.keys(trial).map(Number)).toEqual([...recordGids].sort((a, b) => a - b));
      expect(trial[gids.l2Basket]).toEqual({});
      expect(trial[gids.l2Pyr]).toEqual({});
      for (const gid of gids.l5Pyr) {
        expect(Object.keys(trial[gid])).toEqual(withCa);
        for (const [section, trace] of Object.entries(trial[gid])) {
          expect(trace.length, section).toBe(resp.times.length);
          expect(trace[0], section).toBe(CAINF_MM);
          expect(Math.min(...trace), section).toBeGreaterThanOrEqual(CAINF_MM);
        }
      }
    }
    // The ERP's proximal drive at ~26 ms raises somatic calcium in the L5 cells.
    expect(Math.max(...resp.ca[0][gids.l5Pyr[0]].soma)).toBeGreaterThan(CAINF_MM);
    expect(resp.vsec[0]).toEqual({});
  });

  it("'soma' without recordGids lists every cell; false records nothing", async () => {
    await simulateDipole(net, { tstop: 5, recordCa: "soma" });
    const ca = net.cellResponse!.ca[0];
    const cells = Object.keys(net.cellTypes).flatMap((t) => [...net.populations.gids(t)]);
    expect(Object.keys(ca).map(Number)).toEqual(cells);
    for (const gid of cells) expect(Object.keys(ca[gid])).toEqual(net.populations.typeOf(gid) === "L5_pyramidal" ? ["soma"] : []);
    await simulateDipole(net, { tstop: 5 });
    expect(net.cellResponse!.ca).toEqual([{}]);
  });

  it("gives the same traces with the trial's cells split into 3 partitions", async () => {
    instantiateDrives(net, TSTOP_MS, 1);
    const opts: TrialOptions = { tstopMs: TSTOP_MS, dtMs: 0.025, trialIdx: 0, celsius: 37, recordVsec: false, recordIsec: false, recordCa: "all" };
    const module = await loadEngine();
    const [whole, split] = [await runTrial(module, compileView(net), opts, 1), await runTrial(module, compileView(net), opts, 3)];
    expect(split.ca.size).toBe(net.populations.gids("L5_pyramidal").length);
    expect(new Map([...split.ca].sort(([a], [b]) => a - b))).toEqual(whole.ca);
  });
});
