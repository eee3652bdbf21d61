/**
 * Fuzz target "network-json": real network configuration files (the scenario, network and
 * single-cell fixtures), mutated (./jsonMutations.ts) and read with `readNetworkConfiguration`
 * (as an object or as text) and `readNetworkFile` (.json and .json.gz on disk). Property: see
 * ./harness.ts. Regression cases found by the fuzzer are kept below, one line each.
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { readNetworkFile } from "../../bindings/io/networkFile";
import { ValueError } from "../../bindings/util/validate";
import { fixtureText } from "../helpers/fixtures";
import { fuzz, FuzzStats, ownKey, TARGET_TIMEOUT_MS } from "./harness";
import { applyMutations, mutationArb, needsText, nodePaths, textMutationArb, toText } from "./jsonMutations";

const SEEDS = [
  "single_cells/L2_basket_tonic_sub/network.json",
  "single_cells/L5_pyramidal_evoked_distal_nmda_supra/network.json",
  "networks/neymotin2020_3x3_drives.json",
  "lfp_neymotin2020_erp/network.json",
  "scenarios/jones2009_erp/network.json",
  "scenarios/alpha/network.json",
  "scenarios/seed_custom_sparse/network.json",
];
const seeds = SEEDS.map((f) => {
  const doc: unknown = JSON.parse(fixtureText(f));
  return { file: f, doc, paths: nodePaths(doc) };
});

const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-fuzz-net-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseArb = fc.record({
  // The small files (one cell per type, the 3×3 model) three times as often as the 10×10 ones.
  seed: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.nat({ max: seeds.length - 1 }) }),
  muts: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  text: textMutationArb,
  via: fc.constantFrom("object", "text", "text", "file", "gzfile"),
  opts: fc.oneof(fc.constant({}), fc.record({ readDrives: fc.boolean(), readExternalBiases: fc.boolean() }), fc.constantFrom<unknown>(null, 1, { readDrives: "no" })),
});

type NetCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Reads the mutated document the way the case says. */
function readCase(c: NetCase): unknown {
  const s = seeds[c.seed];
  const doc = applyMutations(structuredClone(s.doc), s.paths, c.muts);
  const asText = c.via !== "object" || c.text.kind !== "none" || needsText(c.muts);
  if (!asText) return readNetworkConfiguration(doc as object, c.opts as never);
  const text = toText(doc, c.text);
  if (c.via === "file" || c.via === "gzfile") {
    const f = join(dir, c.via === "gzfile" ? "net.json.gz" : "net.json");
    writeFileSync(f, c.via === "gzfile" ? gzipSync(text) : text);
    return readNetworkFile(f);
  }
  return readNetworkConfiguration(text, c.opts as never);
}

describe("fuzz: network configuration files", () => {
  it("every mutated file is read or rejected with a ValueError/TypeError", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("network-json");
    await fuzz(stats, caseArb, readCase);
    expect(stats.crashes + stats.hangs + stats.pollution).toBe(0);
  });

  it("reads every unmutated seed (the mutations start from valid files)", () => {
    for (const s of seeds) expect(readNetworkConfiguration(structuredClone(s.doc) as object).nGids, s.file).toBeGreaterThan(0);
  });
});

describe("fuzz regressions: network configuration files", () => {
  /** The single-pyramidal-cell fixture with `edit` applied, read back through JSON text (as from a file). */
  const read = (edit: (doc: Record<string, any>) => void): unknown => {
    const doc = structuredClone(seeds[1].doc) as Record<string, any>;
    edit(doc);
    return readNetworkConfiguration(JSON.stringify(doc));
  };
  const pyr = (doc: Record<string, any>) => doc.cell_types.L5_pyramidal.cell_object;
  const cases: [string, (doc: Record<string, any>) => void, RegExp][] = [
    // A receptor named after an Object.prototype member passed the `in` check; the run blew up.
    ["syns naming 'constructor'", (d) => pyr(d).sections.soma.syns.push("constructor"), /sections\.soma\.syns names receptor 'constructor' that .*synapses does not define/],
    // A cell-tree node naming an inherited member was taken for a section.
    ["cell_tree node 'constructor,0'", (d) => pyr(d).cell_tree["soma,1"].push("constructor,0"), /cell_tree node 'constructor,0' must be '<section>,0' or '<section>,1'/],
    // A section group naming an inherited member was taken for a section.
    ["sect_loc naming 'toString'", (d) => pyr(d).sect_loc.proximal.push("toString"), /sect_loc\.proximal names unknown section 'toString'/],
    // A gid range named after an inherited member was accepted as a cell type's.
    ["gid_ranges key 'constructor'", (d) => (d.gid_ranges.constructor = { start: 1000, stop: 1001 }), /gid_ranges\.constructor is neither a cell type .* nor a drive/],
    // A `__proto__` cell type replaced the prototype of the reader's cell-type record (the type vanished).
    ["cell_types key '__proto__'", (d) => ownKey(d.cell_types, "__proto__", d.cell_types.L5_pyramidal), /cell_types has the key '__proto__'/],
    ["a '__proto__' key deep inside", (d) => ownKey(pyr(d).sections.soma.mechs, "__proto__", { polluted: 1 }), /sections\.soma\.mechs has the key '__proto__'/],
  ];
  for (const [what, edit, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => read(edit)).toThrow(ValueError);
      expect(() => read(edit)).toThrow(message);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it("rejects an object_type that is a list 5000 deep", () => {
    // object_type went into the message through String(), which recursed through the list.
    const text = JSON.stringify(seeds[0].doc).replace('"object_type":"Network"', `"object_type":${"[".repeat(5000)}${"]".repeat(5000)}`);
    expect(() => readNetworkConfiguration(text)).toThrow(new ValueError("The json should encode a Network object. The file contains object of type a list"));
  });
});
