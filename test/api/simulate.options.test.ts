/** simulateDipole's options and its errors: bad arguments, and a run that blows up. */
import { describe, expect, it } from "vitest";
import { jones2009Model, readNetworkConfiguration, simulateDipole } from "../../bindings/index";
import { fixtureText, parseCsv } from "../helpers/fixtures";
import { digitError, ONE_DIGIT } from "../helpers/referenceCsv";

const small = () => jones2009Model({ meshShape: [3, 3] });

describe("simulateDipole", () => {
  const bad: [string, Record<string, unknown>, RegExp | string][] = [
    ["tstop 0", { tstop: 0 }, /tstop must be a positive finite number \(ms\), got 0/],
    ["negative tstop", { tstop: -10 }, /tstop must be a positive finite number \(ms\), got -10/],
    ["NaN tstop", { tstop: NaN }, /tstop must be a positive finite number \(ms\), got NaN/],
    ["dt 0", { tstop: 10, dt: 0 }, /dt must be a positive finite number \(ms\), got 0/],
    ["dt above tstop", { tstop: 1, dt: 2 }, /dt \(2 ms\) must not exceed tstop \(1 ms\)/],
    ["fractional nTrials", { tstop: 10, nTrials: 1.5 }, /nTrials must be a positive integer, got 1.5/],
    ["nJobs 0", { tstop: 10, nJobs: 0 }, /nJobs must be a positive integer, got 0/],
    ["unknown recordVsec", { tstop: 10, recordVsec: "dendrites" }, "Invalid value for the 'recordVsec' parameter. Allowed values are 'all', 'soma', and False, but got 'dendrites' instead."],
    ["recordCa true", { tstop: 10, recordCa: true }, "Invalid value for the 'recordCa' parameter. Allowed values are 'all', 'soma', and False, but got True instead."],
  ];
  for (const [what, opts, message] of bad) {
    it(`rejects ${what}`, async () => {
      await expect(simulateDipole(small(), opts as never)).rejects.toThrow(message);
    });
  }

  it("rejects recordGids that are not gids of the network", async () => {
    await expect(simulateDipole(small(), { tstop: 5, recordGids: [0, 1e6] })).rejects.toThrow(/recordGids must be an array of gids \(integers in \[0, \d+\)\), got \[0,1000000\]/);
  });

  const edited: [string, (net: ReturnType<typeof small>) => void, RegExp][] = [
    ["a NaN connection weight", (net) => (net.connectivity[0].ncDict.A_weight = NaN), /connection L2_pyramidal -> L2_pyramidal: gid \d+ -> \d+ gets weight NaN/],
    ["a negative connection delay", (net) => (net.connectivity[0].ncDict.A_delay = -1), /gets weight [-\d.e]+, delay -[\d.e]+ ms; check ncDict/],
    ["a NaN cell position", (net) => ((net.posDict.L2_pyramidal as number[][])[0][0] = NaN), /gets weight NaN, delay NaN ms; check ncDict .* and the cell positions/],
    ["a NaN threshold", (net) => (net.threshold = NaN), /network threshold must be a finite number \(mV\), got NaN/],
    ["a NaN celsius", (net) => (net.params.celsius = NaN), /params\['celsius'\] must be a finite number \(°C\), got NaN/],
    ["a NaN tonic bias amplitude", (net) => {
      net.addTonicBias({ amplitude: { L5_pyramidal: 1.0 }, t0: 1, tstop: 5 });
      net.externalBiases.tonic.L5_pyramidal.amplitude = NaN;
    }, /tonic bias on 'L5_pyramidal': amplitude must be a finite number, got NaN/],
  ];
  for (const [what, edit, message] of edited) {
    it(`rejects a network with ${what} (edited by hand) before running`, async () => {
      const net = small();
      edit(net);
      await expect(simulateDipole(net, { tstop: 5 })).rejects.toThrow(message);
    });
  }

  it("stops a run that blows up with an error saying when and where", async () => {
    const net = small();
    net.addTonicBias({ amplitude: { L2_basket: 1e9 }, t0: 2, tstop: 10 });
    await expect(simulateDipole(net, { tstop: 10 })).rejects.toThrow(/numerically unstable at t = 2\.\d+ ms: membrane potential at gid 0 \(L2_basket\), section 'soma' left ±1000 mV/);
  });

  it("records vsec/isec only when asked, in hnn-core's layout, with NEURON's values", async () => {
    // One L5 pyramidal cell driven at its proximal AMPA synapses (test/fixtures/single_cells).
    const dir = "single_cells/L5_pyramidal_evoked_proximal_ampa_supra";
    const gid = 3;
    const ref = { vsec: parseCsv(fixtureText(`${dir}/vsec_trial0.csv`)), isec: parseCsv(fixtureText(`${dir}/isec_trial0.csv`)) };
    const template = JSON.parse(fixtureText(`${dir}/network.json`)).cell_types.L5_pyramidal.cell_object.sections as Record<string, { syns: string[] }>;
    const net = readNetworkConfiguration(fixtureText(`${dir}/network.json`));
    let worst = 0;
    const expectNeuron = (ours: ArrayLike<number> | undefined, col: string) => {
      expect(ours, col).toBeDefined();
      const e = digitError(ours!, ref[col.includes("_ampa") ? "isec" : "vsec"].columns.get(col)!);
      expect(e.units, `${col} at sample ${e.index}`).toBeLessThanOrEqual(ONE_DIGIT);
      worst = Math.max(worst, e.units);
    };

    // vsec at the soma only; isec of every synapse, grouped by section as hnn-core does.
    await simulateDipole(net, { tstop: 200, recordVsec: "soma", recordIsec: "all", recordGids: [gid], useStoredEvents: true });
    let { vsec, isec } = { vsec: net.cellResponse!.vsec[0], isec: net.cellResponse!.isec[0] };
    expect(Object.keys(vsec)).toEqual([String(gid)]);
    expect(Object.keys(vsec[gid])).toEqual(["soma"]);
    expectNeuron(vsec[gid].soma, `${gid}_soma`);
    const expectedIsec = Object.fromEntries(Object.entries(template).map(([sec, { syns }]) => [sec, syns.map((r) => `${sec}_${r}`).sort()]));
    expect(Object.fromEntries(Object.entries(isec[gid]).map(([sec, traces]) => [sec, Object.keys(traces).sort()]))).toEqual(expectedIsec);
    for (const [sec, traces] of Object.entries(isec[gid])) {
      for (const [key, trace] of Object.entries(traces)) {
        // NEURON's file lists the synapses that carried current; every other one stays exactly 0.
        if (ref.isec.columns.has(`${gid}_${key}`)) expectNeuron(trace, `${gid}_${key}`);
        else expect(trace.every((x) => x === 0), `${sec}/${key}`).toBe(true);
      }
    }

    // vsec of every section, isec at the soma only.
    await simulateDipole(net, { tstop: 200, recordVsec: "all", recordIsec: "soma", recordGids: [gid], useStoredEvents: true });
    ({ vsec, isec } = { vsec: net.cellResponse!.vsec[0], isec: net.cellResponse!.isec[0] });
    expect(Object.keys(vsec[gid]).sort()).toEqual(Object.keys(template).sort());
    for (const col of ref.vsec.header.slice(1)) expectNeuron(vsec[gid][col.slice(col.indexOf("_") + 1)], col);
    expect(Object.keys(isec[gid])).toEqual(["soma"]);
    expect(Object.values(isec[gid].soma).every((trace) => trace.every((x) => x === 0))).toBe(true);
    console.log(`vsec/isec through simulateDipole: at most ${worst} unit(s) of NEURON's 10th digit`);

    await simulateDipole(net, { tstop: 5, useStoredEvents: true });
    expect(net.cellResponse!.vsec[0]).toEqual({});
    expect(net.cellResponse!.isec[0]).toEqual({});
  });
});
