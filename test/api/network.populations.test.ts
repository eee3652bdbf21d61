/**
 * One model of gids: Populations answers which population a gid belongs to and whether it is a
 * drive, for the ranges hnn-core 0.6.1 wrote into its reference network.json files; it rejects
 * ranges that cannot describe a network; the Network exposes it read-only and keeps it in step
 * when drives are added or cleared; Network.fromConfig checks that the stored parts fit together.
 */
import { describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { jones2009Model } from "../../bindings/model/models";
import { Network } from "../../bindings/model/network";
import { Populations } from "../../bindings/model/populations";
import type { GidRange } from "../../bindings/model/types";
import { ValueError } from "../../bindings/util/validate";
import { referenceJson, type AnyJson } from "../helpers/networkFixtures";

/** The population of `gid` by scanning hnn-core's `gid_ranges` as its `gid_to_type` does. */
function referenceType(gidRanges: Record<string, GidRange>, gid: number): string | null {
  for (const [name, r] of Object.entries(gidRanges)) if (gid >= r.start && gid < r.stop) return name;
  return null;
}

describe("Populations on hnn-core's gid ranges", () => {
  for (const name of ["jones2009_erp", "gamma", "neymotin2020_3x3_drives"]) {
    it(`${name}: typeOf, isDrive and gids agree with the reference gid_ranges for every gid`, () => {
      const ref: AnyJson = referenceJson(name);
      const ranges: Record<string, GidRange> = ref.gid_ranges;
      const cellTypes = Object.keys(ref.cell_types);
      const pops = Populations.fromRanges(ranges, cellTypes);
      const stops = Object.values(ranges).map((r) => r.stop);
      expect(pops.nGids).toBe(Math.max(...stops));
      expect(pops.names).toEqual(Object.keys(ranges));
      for (let gid = -1; gid <= pops.nGids; gid++) {
        const t = referenceType(ranges, gid);
        expect(pops.typeOf(gid)).toBe(t);
        expect(pops.isDrive(gid)).toBe(t !== null && t in ref.external_drives);
      }
      for (const [pop, r] of Object.entries(ranges)) {
        expect(pops.gids(pop)).toEqual(Array.from({ length: r.stop - r.start }, (_, i) => r.start + i));
      }
      // the network read from the file holds the same populations
      const net = readNetworkConfiguration(JSON.stringify(ref));
      expect(net.populations.list).toEqual(pops.list);
    });
  }

  it("gives no population to a non-integer gid or one past the last range", () => {
    const pops = Populations.fromRanges({ a: { start: 0, stop: 3 }, d: { start: 3, stop: 5 } }, ["a"]);
    expect([pops.typeOf(2.5), pops.typeOf(5), pops.typeOf(-1), pops.typeOf(NaN)]).toEqual([null, null, null, null]);
    expect([pops.isDrive(2), pops.isDrive(3), pops.isDrive(5)]).toEqual([false, true, false]);
  });

  it("rejects overlapping ranges, repeated names and malformed ranges", () => {
    const make = (list: { name: string; start: number; stop: number }[]) => () => new Populations(list.map((p) => ({ ...p, kind: "cell" as const })));
    expect(make([{ name: "a", start: 0, stop: 5 }, { name: "b", start: 4, stop: 8 }])).toThrow(
      new ValueError("gid ranges of 'a' [0, 5) and 'b' [4, 8) overlap"),
    );
    expect(make([{ name: "a", start: 0, stop: 1 }, { name: "a", start: 1, stop: 2 }])).toThrow(new ValueError("a is already a population of the network"));
    expect(make([{ name: "a", start: 3, stop: 2 }])).toThrow(
      new ValueError("gid range of 'a' must be [start, stop) with integers 0 <= start <= stop, got [3, 2)"),
    );
    expect(make([{ name: "a", start: 0.5, stop: 2 }])).toThrow(ValueError);
    // an empty range (a drive without cells) overlaps nothing
    expect(make([{ name: "a", start: 0, stop: 4 }, { name: "e", start: 2, stop: 2 }])()).toBeInstanceOf(Populations);
  });

  it("names the populations for an unknown name", () => {
    const pops = Populations.fromRanges({ a: { start: 0, stop: 3 }, b: { start: 3, stop: 4 } }, ["a", "b"]);
    expect(() => pops.gids("c")).toThrow(new ValueError("Invalid value for the 'name' parameter. Allowed values are 'a', and 'b', but got 'c' instead."));
  });
});

describe("the Network's populations", () => {
  it("grow with each drive and lose the drives on clearDrives, without renumbering", () => {
    const net = jones2009Model({ meshShape: [3, 3] });
    const cells = net.populations;
    expect(cells.list.every((p) => p.kind === "cell")).toBe(true);
    net.addEvokedDrive("ev", { mu: 10, sigma: 1, numspikes: 1, location: "proximal", weightsAmpa: { L2_pyramidal: 1e-3 } });
    // cell-specific: one drive cell per L2 pyramidal cell, after all cells
    expect(net.gidRanges.ev).toEqual({ start: cells.nGids, stop: cells.nGids + 9 });
    expect(net.populations.isDrive(cells.nGids)).toBe(true);
    expect(net.gidToType(cells.nGids + 8)).toBe("ev");
    net.clearDrives();
    expect(net.populations.list).toEqual(cells.list);
    expect(net.gidToType(cells.nGids)).toBeNull();
  });

  it("are read-only from outside", () => {
    const net = jones2009Model({ meshShape: [3, 3] });
    expect(() => {
      (net.gidRanges as Record<string, GidRange>).extra = { start: 0, stop: 1 };
    }).toThrow(TypeError);
    expect(() => {
      (net.gidRanges.L2_basket as GidRange).stop = 99;
    }).toThrow(TypeError);
    expect(Object.keys(net.gidRanges)).toEqual(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]);
  });
});

describe("Network.fromConfig", () => {
  const base = () => {
    const net = jones2009Model({ meshShape: [3, 3] });
    return {
      params: { threshold: 0 },
      meshShape: [3, 3] as [number, number],
      cellTypes: net.cellTypes,
      posDict: structuredClone(net.posDict),
      gidRanges: { ...net.gidRanges } as Record<string, GidRange>,
    };
  };

  it("takes the stored gid ranges, positions and cell types", () => {
    const c = base();
    const net = Network.fromConfig(c);
    expect(net.gidRanges).toEqual(c.gidRanges);
    expect(net.nGids).toBe(2 * 9 + 2 * 3);
    expect(net.positions("L5_basket")).toEqual(c.posDict.L5_basket);
  });

  it("rejects parts that do not fit together", () => {
    const c1 = base();
    delete c1.gidRanges.L5_basket;
    expect(() => Network.fromConfig(c1)).toThrow(new ValueError("cell type 'L5_basket' has no entry in gid_ranges"));
    const c2 = base();
    c2.gidRanges.L5_pyramidal = { start: 15, stop: 23 };
    expect(() => Network.fromConfig(c2)).toThrow(new ValueError("gid_ranges.L5_pyramidal holds 8 gids but pos_dict.L5_pyramidal has 9 positions"));
    const c3 = base();
    c3.gidRanges.stray = { start: 24, stop: 25 };
    expect(() => Network.fromConfig(c3)).toThrow(
      new ValueError("gid_ranges.stray is neither a cell type (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal) nor a drive"),
    );
    const c4 = base();
    c4.gidRanges.L2_pyramidal = { start: 2, stop: 11 };
    expect(() => Network.fromConfig(c4)).toThrow(new ValueError("gid ranges of 'L2_basket' [0, 3) and 'L2_pyramidal' [2, 11) overlap"));
  });
});
