/** simulateDipole's options and its errors: bad arguments, and a run that blows up. */
import { describe, expect, it } from "vitest";
import { jones2009Model, simulateDipole } from "../../bindings/index";

const small = () => jones2009Model({ meshShape: [3, 3] });

describe("simulateDipole", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["tstop 0", { tstop: 0 }, /tstop must be a positive finite number \(ms\), got 0/],
    ["negative tstop", { tstop: -10 }, /tstop must be a positive finite number \(ms\), got -10/],
    ["NaN tstop", { tstop: NaN }, /tstop must be a positive finite number \(ms\), got NaN/],
    ["dt 0", { tstop: 10, dt: 0 }, /dt must be a positive finite number \(ms\), got 0/],
    ["dt above tstop", { tstop: 1, dt: 2 }, /dt \(2 ms\) must not exceed tstop \(1 ms\)/],
    ["fractional nTrials", { tstop: 10, nTrials: 1.5 }, /nTrials must be a positive integer, got 1.5/],
    ["nJobs 0", { tstop: 10, nJobs: 0 }, /nJobs must be a positive integer, got 0/],
    ["unknown recordVsec", { tstop: 10, recordVsec: "dendrites" }, /Invalid value for the 'recordVsec' parameter. Allowed values are false, 'soma' and 'all', but got "dendrites" instead./],
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

  it("records vsec/isec only when asked, in hnn-core's layout", async () => {
    const net = small();
    net.addTonicBias({ amplitude: { L5_pyramidal: 1.0 }, t0: 1, tstop: 5 });
    await simulateDipole(net, { tstop: 5, recordVsec: "soma", recordIsec: "all" });
    const vsec = net.cellResponse!.vsec[0];
    const gidL5 = net.gidRanges.L5_pyramidal.start;
    expect(Object.keys(vsec[gidL5])).toEqual(["soma"]);
    expect(vsec[gidL5].soma.length).toBe(201);
    expect(Object.keys(net.cellResponse!.isec[0][gidL5])).toContain("apical_tuft");
    await simulateDipole(net, { tstop: 5 });
    expect(net.cellResponse!.vsec[0]).toEqual({});
  });
});
