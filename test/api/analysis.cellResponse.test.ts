/** CellResponse: hnn-core 0.6.1 semantics of mean_rates, spike files, types and repr. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CellResponse, readSpikes, readSpikesText } from "../../bindings/analysis";

const GID_RANGES = {
  L2_pyramidal: { start: 0, stop: 4 },
  L5_basket: [4, 5],
  evprox1: { start: 6, stop: 8 },
};

/** Two trials; tstart..tstop spans 500 ms, so a cell's rate is 2 Hz per spike. */
function handMade(): CellResponse {
  return new CellResponse(["L2_pyramidal", "L5_basket"], {
    spikeTimes: [
      [10.0, 60.5, 61.25, 100.125, 200, 300, 301, 302, 400],
      [70, 80, 90],
    ],
    spikeGids: [
      [2, 0, 0, 1, 4, 6, 6, 6, 7],
      [3, 5, 5],
    ],
    spikeTypes: [
      ["L2_pyramidal", "L2_pyramidal", "L2_pyramidal", "L2_pyramidal", "L5_basket", "evprox1", "evprox1", "evprox1", "evprox1"],
      ["L2_pyramidal", "L5_basket", "L5_basket"],
    ],
  });
}

describe("CellResponse", () => {
  it("repr, cell types, counts and spike times by type", () => {
    const cr = handMade();
    expect(cr.toString()).toBe("<CellResponse | 2 simulation trials>");
    expect(String(new CellResponse([]))).toBe("<CellResponse | 0 simulation trials>");
    expect(cr.cellTypes).toEqual(["L2_pyramidal", "L5_basket", "evprox1"]);
    expect(cr.spikeCountsByType()).toEqual({ L2_pyramidal: [4, 1], L5_basket: [1, 2], evprox1: [4, 0] });
    expect(cr.spikeTimesByType.L5_basket).toEqual([[200], [80, 90]]);
  });

  it("meanRates: exact values for 'all', 'trial' and 'cell' (every spike counts, tstart/tstop set the duration)", () => {
    const cr = handMade();
    // trial 0: L2 gids 0..3 fired 2,1,1,0 spikes → 4,2,2,0 Hz (gid 2's spike at 10 ms < tstart counts,
    // as in hnn-core); L5_basket gids 4,5 → 2,0 Hz. trial 1: L2 → 0,0,0,2 Hz; L5_basket → 0,4 Hz.
    expect(cr.meanRates(50, 550, GID_RANGES, "cell")).toEqual({
      L2_pyramidal: [[4, 2, 2, 0], [0, 0, 0, 2]],
      L5_basket: [[2, 0], [0, 4]],
    });
    expect(cr.meanRates(50, 550, GID_RANGES, "trial")).toEqual({ L2_pyramidal: [2, 0.5], L5_basket: [1, 2] });
    expect(cr.meanRates(50, 550, GID_RANGES)).toEqual({ L2_pyramidal: 1.25, L5_basket: 1.5 });
    expect(cr.meanRates(50, 550, GID_RANGES, "all")).toEqual({ L2_pyramidal: 1.25, L5_basket: 1.5 });
  });

  it("meanRates: bad input", () => {
    const cr = handMade();
    expect(() => cr.meanRates(0, 100, GID_RANGES, "avg" as "all")).toThrow(
      /Invalid mean_type. Valid arguments include 'all', 'trial', or 'cell'. Got 'avg'/,
    );
    expect(() => cr.meanRates(100, 100, GID_RANGES)).toThrow(/tstop must be greater than tstart/);
    expect(() => cr.meanRates(Number.NaN, 100, GID_RANGES)).toThrow(/tstart and tstop must be of type int or float/);
    expect(() => cr.meanRates(0, 100, { L2_pyramidal: [0] })).toThrow(/no entry for cell type 'L5_basket'/);
  });

  it("constructor checks", () => {
    expect(() => new CellResponse([], { spikeTimes: [[1]], spikeGids: [], spikeTypes: [] })).toThrow(
      /spike times, gids, and types should be lists of the same length/,
    );
    expect(() => new CellResponse([], { spikeTimes: [1] as unknown as number[][] })).toThrow(
      /spikeTimes should be a list of lists/,
    );
    expect(() => new CellResponse([], { spikeTimes: [[1, 2]], spikeGids: [[1]], spikeTypes: [["a"]] })).toThrow(
      /trial 0: spikeTimes, spikeGids and spikeTypes must have equal lengths/,
    );
  });

  it("updateTypes re-derives types from gids and rejects overlapping ranges", () => {
    const cr = handMade();
    cr.updateTypes({ L2_pyramidal: { start: 0, stop: 4 }, evprox1: [6, 7] });
    expect(cr.spikeTypes[1]).toEqual(["L2_pyramidal", "", ""]);
    expect(() => cr.updateTypes({ a: [1, 2], b: { start: 2, stop: 3 } })).toThrow(
      /gid_ranges should contain only disjoint sets of gid values \(gid 2/,
    );
  });

  it("writes hnn-core's spike file format", () => {
    const cr = handMade();
    expect(cr.toText(1)).toBe("70.000\t3\tL2_pyramidal\n80.000\t5\tL5_basket\n90.000\t5\tL5_basket\n");
    expect(cr.toText(0).split("\n")[3]).toBe("100.125\t1\tL2_pyramidal");
    expect(() => cr.toText(2)).toThrow(/trialIdx must be an integer in \[0, 2\)/);
  });

  it("write / readSpikes round trip (templates %d, {0}, directory, plain name)", () => {
    const cr = handMade();
    const dir = mkdtempSync(join(tmpdir(), "hnn-spk-"));
    try {
      expect(cr.write(join(dir, "spk_%d.txt"))).toEqual([join(dir, "spk_0.txt"), join(dir, "spk_1.txt")]);
      const back = readSpikes(join(dir, "spk_*.txt"));
      expect(back.equals(cr)).toBe(true);
      expect(back.spikeGids).toEqual(cr.spikeGids);
      expect(back.spikeTypes).toEqual(cr.spikeTypes);
      expect(back.cellTypeNames).toEqual(["L2_pyramidal", "L5_basket"]);
      expect(back.meanRates(50, 550, GID_RANGES)).toEqual(cr.meanRates(50, 550, GID_RANGES));

      expect(cr.write(join(dir, "a_{0}.txt"))[1]).toBe(join(dir, "a_1.txt"));
      const subDir = join(dir, "sub");
      mkdirSync(subDir);
      expect(cr.write(subDir)[0]).toBe(join(subDir, "spk_0.txt"));
      expect(cr.write(join(dir, "plain.txt"))).toEqual([join(dir, "plain_0.txt"), join(dir, "plain_1.txt")]);
      expect(readFileSync(join(dir, "plain_1.txt"), "utf8")).toBe(cr.toText(1));
      expect(readSpikes([join(dir, "plain_1.txt"), join(dir, "plain_0.txt")]).spikeTimes).toEqual([
        cr.spikeTimes[1],
        cr.spikeTimes[0].map((t) => Number(t.toFixed(3))),
      ]);
      expect(() => readSpikes([join(dir, "nope.txt")])).toThrow(/File not found at path/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads legacy 2-column files with gidRanges, and requires them otherwise", () => {
    const text = "1.500\t0\n2.000\t6\n";
    expect(() => readSpikesText([text])).toThrow(/gid_ranges must be provided if spike types are unspecified/);
    const cr = readSpikesText([text, ""], GID_RANGES);
    expect(cr.spikeTypes).toEqual([["L2_pyramidal", "evprox1"], []]);
    expect(cr.spikeTimes).toEqual([[1.5, 2], []]);
    expect(() => readSpikesText(["1.0\tx\tL2_basket\n"])).toThrow(/integer gid/);
  });

  it("equals rounds spike times to 3 decimals; toDict uses hnn-core's keys", () => {
    const a = handMade();
    const b = handMade();
    b.spikeTimes[0][0] += 1e-5;
    expect(a.equals(b)).toBe(true);
    b.spikeTimes[0][0] += 1e-2;
    expect(a.equals(b)).toBe(false);
    a.vsec = [{ 3: { soma: Float64Array.of(-65, -64) } }, {}];
    const d = a.toDict();
    expect(Object.keys(d)).toEqual(["spike_times", "spike_gids", "spike_types", "vsec", "isec", "ca", "times"]);
    expect(d.vsec).toEqual([{ "3": { soma: [-65, -64] } }, {}]);
  });
});
