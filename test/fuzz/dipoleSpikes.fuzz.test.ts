/**
 * Fuzz targets "dipole-files" and "spike-files": hnn-core's dipole .txt and a dipole .csv, and the
 * ERP scenario's spikes written as hnn-core spike files (`time gid type`), mutated line by line and
 * read with `parseDipoleText` / `readDipole` (text and file) and `readSpikesText` / `readSpikes`
 * (with fuzzed `gidRanges`). Property: see ./harness.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDipoleText, readDipole } from "../../bindings/analysis/dipole";
import { readSpikes, readSpikesText } from "../../bindings/analysis/cellResponse";
import { ValueError } from "../../bindings/util/validate";
import { fixtureText } from "../helpers/fixtures";
import { badValue, fuzz, FuzzStats, ownKey, PROTO_KEYS, TARGET_TIMEOUT_MS } from "./harness";

/** The first `n` lines of a fixture (the files are long; the readers' work is per line). */
const head = (path: string, n: number): string[] => fixtureText(path).split("\n").slice(0, n);
const DIPOLE_SEEDS = [head("dipole_ops/trial0_hnn_core_write.txt", 60), head("dipole_ops/dipole_trial0.csv", 60)];
const SPIKE_SEED = head("scenarios/jones2009_erp/spikes_trial0.csv", 80)
  .slice(1)
  .map((l) => l.split(",").join("\t"));
const GID_RANGES = { L2_basket: { start: 0, stop: 35 }, L2_pyramidal: { start: 35, stop: 135 }, L5_basket: { start: 135, stop: 170 }, L5_pyramidal: { start: 170, stop: 270 }, evdist1: { start: 270, stop: 540 }, evprox1: { start: 540, stop: 810 }, evprox2: { start: 810, stop: 1080 } };

const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-fuzz-dpl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A token that is wrong somewhere in a numeric table. */
const tokenArb = fc.oneof(
  fc.constantFrom("nan", "NaN", "inf", "-inf", "Infinity", "1e999", "-1e999", "", "0x1F", "1e", "--1", "1,5", "-1", "999999999", "1.5", "2e3", "#", ",", "\t", ...PROTO_KEYS),
  fc.string({ maxLength: 6 }),
  fc.double().map(String),
  fc.integer().map(String),
);

/** Edits of a text table: a field, a whole line, extra lines, truncation, line endings. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant("field" as const), line: fc.nat(), field: fc.nat(), token: tokenArb }),
  fc.record({ kind: fc.constant("line" as const), line: fc.nat(), token: tokenArb }),
  fc.record({ kind: fc.constant("dropField" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("addField" as const), line: fc.nat(), token: tokenArb }),
  fc.record({ kind: fc.constant("repeat" as const), line: fc.nat(), times: fc.integer({ min: 1000, max: 10_000 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("crlf" as const) }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

/** `lines` joined with the edits applied (fields split on tabs, commas or runs of spaces). */
function edited(lines: readonly string[], edits: readonly Edit[]): string {
  const rows = lines.map((l) => l.split(/(\t|,| +)/));
  let crlf = false;
  let cut: number | null = null;
  for (const e of edits) {
    const r = "line" in e ? rows[e.line % rows.length] : [];
    if (e.kind === "field") r[2 * (e.field % Math.ceil(r.length / 2))] = e.token;
    else if (e.kind === "line") rows[e.line % rows.length] = [e.token];
    else if (e.kind === "dropField") r.splice(-2, 2);
    else if (e.kind === "addField") r.push("\t", e.token);
    else if (e.kind === "repeat") rows.push(...new Array<string[]>(e.times).fill(r));
    else if (e.kind === "truncate") cut = e.at;
    else crlf = true;
  }
  const text = rows.map((r) => r.join("")).join(crlf ? "\r\n" : "\n");
  return cut === null ? text : text.slice(0, cut % Math.max(1, text.length));
}

const dipoleArb = fc.record({ seed: fc.nat({ max: DIPOLE_SEEDS.length - 1 }), edits: fc.array(editArb, { minLength: 1, maxLength: 4 }), via: fc.constantFrom("parse", "readText", "file") });

/** gidRanges as a user may pass them: right, wrong types, overlapping, prototype keys. */
const gidRangesArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(GID_RANGES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.record({ key: fc.constantFrom(...PROTO_KEYS, "L2_basket", "x"), value: fc.oneof(badValue, fc.record({ start: badValue, stop: badValue }), fc.record({ start: fc.integer({ min: -5, max: 2000 }), stop: fc.integer({ min: -5, max: 2000 }) })) }).map(({ key, value }) => {
    const r: Record<string, unknown> = { ...GID_RANGES };
    ownKey(r, key, value);
    return r;
  }) },
  { weight: 1, arbitrary: badValue },
);
const spikeArb = fc.record({ edits: fc.array(editArb, { minLength: 1, maxLength: 4 }), trials: fc.integer({ min: 1, max: 3 }), gidRanges: gidRangesArb, onDisk: fc.boolean() });

describe("fuzz: dipole and spike files", () => {
  it("every mutated dipole file is read or rejected with a ValueError/TypeError", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("dipole-files");
    await fuzz(stats, dipoleArb, (c) => {
      const text = edited(DIPOLE_SEEDS[c.seed], c.edits);
      if (c.via === "parse") return parseDipoleText(text);
      if (c.via === "readText") return readDipole(text.includes("\n") ? text : text + "\n");
      const f = join(dir, c.seed === 0 ? "dpl.txt" : "dpl.csv");
      writeFileSync(f, text);
      return readDipole(f);
    });
    expect(stats.crashes + stats.hangs + stats.pollution).toBe(0);
  });

  it("every mutated spike file is read or rejected with a ValueError/TypeError", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("spike-files");
    await fuzz(stats, spikeArb, (c) => {
      const texts = Array.from({ length: c.trials }, (_, k) => (k === 0 ? edited(SPIKE_SEED, c.edits) : SPIKE_SEED.join("\n")));
      if (!c.onDisk) return readSpikesText(texts, c.gidRanges as never);
      const files = texts.map((t, k) => join(dir, `spk_${k}.txt`));
      texts.forEach((t, k) => writeFileSync(files[k], t));
      return readSpikes(files, c.gidRanges as never);
    });
    expect(stats.crashes + stats.hangs + stats.pollution).toBe(0);
  });

  it("reads the unmutated seeds", () => {
    for (const s of DIPOLE_SEEDS) expect(parseDipoleText(s.join("\n")).times.length).toBe(s.length - (s[0].startsWith("t") ? 1 : 0));
    expect(readSpikesText([SPIKE_SEED.join("\n")], GID_RANGES).spikeTimes[0].length).toBe(SPIKE_SEED.length);
  });
});

describe("fuzz regressions: dipole and spike files", () => {
  // updateTypes listed every gid of every range: a range of 1e9 gids ran the process out of memory.
  it("reads spikes with a gid range of 1e9 gids without listing it", () => {
    const cr = readSpikesText(["1.0\t5\tL2_basket\n2.0\t2000000\tL2_basket\n"], { L2_basket: { start: 0, stop: 10 }, big: { start: 1000, stop: 1e9 } });
    expect(cr.spikeTypes[0]).toEqual(["L2_basket", "big"]);
  });
  // A gid range with non-integer ends, or no range at all, reached the engine's loops unchecked.
  it("rejects gid ranges that are not ranges of integers", () => {
    expect(() => readSpikesText(["1.0\t5\tL2_basket\n"], { L2_basket: { start: 0, stop: Infinity } })).toThrow(new ValueError("gid_ranges['L2_basket'] must have integer start and stop, got 0 and Infinity"));
    expect(() => readSpikesText(["1.0\t5\tL2_basket\n"], { L2_basket: 3 } as never)).toThrow(new TypeError("gid_ranges['L2_basket'] must be a range {start, stop} or a list of gids, got 3"));
    expect(() => readSpikesText(["1.0\t5\tL2_basket\n"], "L2" as never)).toThrow(TypeError);
  });
});
