/**
 * Fuzz target "params-files": hnn-core's default.json, as a flat .json file and as a legacy .param
 * file, mutated and read with `readParams` (text, and a file on disk through the Node reader), then
 * made into a network with its drives (`jones2009Model({ params, addDrivesFromParams: true })` on a
 * 1×1 mesh), which reads and checks every value. Property: see ./harness.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jones2009Model } from "../../bindings/model/models";
import { readParams } from "../../bindings/model/params";
import { readParams as readParamsFile } from "../../bindings/io/paramsFile";
import { DEFAULT_PARAMS_JSON } from "../../bindings/model/paramsDefault";
import { ValueError } from "../../bindings/util/validate";
import { fuzz, FuzzStats, PROTO_KEYS, TARGET_TIMEOUT_MS } from "./harness";
import { applyMutations, mutationArb, nodePaths, textMutationArb, toText } from "./jsonMutations";

/** default.json with a 5 ms simulation (the drives' event times are drawn up to tstop). */
const SEED: Record<string, unknown> = { ...DEFAULT_PARAMS_JSON, tstop: 5 };
const PATHS = nodePaths(SEED);
const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-fuzz-params-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Changes to one line of a .param file (`key: value`). */
const lineEditArb = fc.record({
  at: fc.nat(),
  edit: fc.oneof(
    fc.record({ kind: fc.constant("value" as const), text: fc.oneof(fc.constantFrom("nan", "inf", "-inf", "1e", "--1", "1.2.3", "0x10", "", "1e999", " 7 ", "1_000"), fc.string({ maxLength: 6 })) }),
    fc.record({ kind: fc.constant("key" as const), text: fc.constantFrom(...PROTO_KEYS, "", "tstop", "N_pyr_x", "t_evprox_9") }),
    fc.record({ kind: fc.constant("line" as const), text: fc.constantFrom("", "no colon here", "a: b: c", ":", "   ", "\r", "# comment: 1", "\u0000: 1") }),
    fc.record({ kind: fc.constant("drop" as const) }),
  ),
});

const caseArb = fc.oneof(
  fc.record({ format: fc.constant("json" as const), muts: fc.array(mutationArb, { minLength: 1, maxLength: 3 }), text: textMutationArb, onDisk: fc.boolean(), build: fc.boolean() }),
  fc.record({ format: fc.constant("param" as const), edits: fc.array(lineEditArb, { minLength: 1, maxLength: 4 }), onDisk: fc.boolean(), build: fc.boolean() }),
);
type ParamsCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The .param text of `params` with the line edits applied. */
function paramText(params: Record<string, unknown>, edits: ParamsCase extends infer C ? (C extends { edits: infer E } ? E : never) : never): string {
  const lines = Object.entries(params).map(([k, v]) => `${k}: ${String(v)}`);
  for (const { at, edit } of edits) {
    const i = at % lines.length;
    const [key, value] = lines[i].split(": ");
    if (edit.kind === "value") lines[i] = `${key}: ${edit.text}`;
    else if (edit.kind === "key") lines[i] = `${edit.text}: ${value}`;
    else if (edit.kind === "line") lines[i] = edit.text;
    else lines.splice(i, 1);
  }
  return lines.join("\n") + "\n";
}

function runCase(c: ParamsCase): unknown {
  const fname = c.format === "json" ? "params.json" : "params.param";
  const text =
    c.format === "json"
      ? toText(applyMutations(structuredClone(SEED), PATHS, c.muts), c.text)
      : paramText(SEED, c.edits);
  let params;
  if (c.onDisk) {
    writeFileSync(join(dir, fname), text);
    params = readParamsFile(join(dir, fname));
  } else params = readParams(text, fname);
  if (!c.build) return params;
  return jones2009Model({ params, meshShape: [1, 1], addDrivesFromParams: true });
}

describe("fuzz: params files (.json and .param)", () => {
  it("every mutated file is read (and built) or rejected with a ValueError/TypeError", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("params-files");
    await fuzz(stats, caseArb, runCase);
    expect(stats.crashes + stats.hangs + stats.pollution).toBe(0);
  });

  it("builds the unmutated seed (the mutations start from a valid file)", () => {
    expect(jones2009Model({ params: readParams(JSON.stringify(SEED), "p.json"), meshShape: [1, 1], addDrivesFromParams: true }).nGids).toBeGreaterThan(0);
  });
});

describe("fuzz regressions: params files", () => {
  // A list for a number went into the message through a template string, which recursed through it.
  it("rejects a drive parameter that is a list 4000 deep with a TypeError naming it", () => {
    const text = JSON.stringify(SEED).replace('"t0_input_prox":', `"t0_input_prox":${"[".repeat(4000)}${"]".repeat(4000)},"x":`);
    const build = () => jones2009Model({ params: readParams(text, "p.json"), meshShape: [1, 1], addDrivesFromParams: true });
    expect(build).toThrow(new TypeError("parameter 't0_input_prox' must be a number, got an array of length 1"));
  });
  // A truncated .json file threw JSON.parse's SyntaxError; hnn-core's json.JSONDecodeError is a ValueError.
  it("rejects a truncated .json file with a ValueError naming the file", () => {
    expect(() => readParams('{"tstop": 17', "p.json")).toThrow(ValueError);
    expect(() => readParams('{"tstop": 17', "p.json")).toThrow(/^Failed to read parameters from file p\.json: not valid JSON \(/);
  });
});
