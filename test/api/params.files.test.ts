/**
 * Parameter files in Node against hnn-core 0.6.1 (params.py, hnn_io.py): `readParams(path)`,
 * `convertToJson` of a legacy .param file and of a flat .json file compared with the configuration
 * files hnn-core's own `convert_to_json` wrote from the same inputs
 * (test/fixtures/network/convert_to_json.json.gz, made by network/gen_convert.py), and
 * `writeConfiguration` with its overwrite flag.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { convertToJson, jones2009Model, Params, readNetworkConfiguration, readParams, ValueError } from "../../bindings/node";
import { DEFAULT_PARAMS_JSON } from "../../bindings/model/paramsDefault";
import { FIXTURES } from "../helpers/fixtures";

interface ConvertFixture {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  no_drives: Record<string, string>;
}
/** Paths where two parsed JSON values differ: structure exactly, numbers within 1e-12 (relative above 1). */
function mismatches(a: unknown, b: unknown, path: string): string[] {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: list vs dict`];
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || !ka.every((k) => Object.hasOwn(b, k))) return [`${path}: keys ${ka.join(",")} vs ${kb.join(",")}`];
  return ka.flatMap((k) => mismatches((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`)).slice(0, 5);
}

const fx = JSON.parse(gunzipSync(readFileSync(join(FIXTURES, "network/convert_to_json.json.gz"))).toString("utf8")) as ConvertFixture;
const dir = mkdtempSync(join(tmpdir(), "hnn-params-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const [name, text] of Object.entries(fx.inputs)) writeFileSync(join(dir, name), text);

describe("readParams(path) (hnn-core read_params)", () => {
  it("reads a legacy .param file: numbers with '.' or 'e' as floats, others as ints, as default.json holds them", () => {
    const p = readParams(join(dir, "default.param"));
    expect(p).toBeInstanceOf(Params);
    // The .param text is default.json written as `key: value` lines: every value comes back, except
    // that default.json's `false` was written as Python's `False`, which reads back as a string.
    expect({ ...p }).toEqual({ ...new Params(DEFAULT_PARAMS_JSON), sync_evinput: "False" });
    expect(Number.isInteger(p.N_trials) && p.tstop).toBe(170);
    expect(readParams(join(dir, "gamma_L5weak_L2weak.json")).gbar_L5Pyr_L5Pyr_nmda).toBe(
      JSON.parse(fx.inputs["gamma_L5weak_L2weak.json"]).gbar_L5Pyr_L5Pyr_nmda,
    );
  });

  it("gives hnn-core's errors: extension (checked before the file is opened), empty file, missing file", () => {
    expect(() => readParams(join(dir, "nothere.txt"))).toThrow(new ValueError("Unrecognized extension, expected one of .json, .param. Got .txt"));
    expect(() => readParams(dir)).toThrow(new ValueError("Unrecognized extension, expected one of .json, .param. Got "));
    writeFileSync(join(dir, "empty.json"), "{}");
    expect(() => readParams(join(dir, "empty.json"))).toThrow(new ValueError(`Failed to read parameters from file: ${join(dir, "empty.json")}`));
    expect(() => readParams(join(dir, "nothere.json"))).toThrow(`File not found at path ${join(dir, "nothere.json")}.`);
  });

  it("still reads text given with a file name, as the core readParams(text, fname)", () => {
    expect(readParams('{"tstop": 55.0}', "x.json").tstop).toBe(55);
    expect(readParams("tstop: 55.0\nN_trials: 2\n", "x.param").N_trials).toBe(2);
  });
});

describe("convertToJson (hnn-core convert_to_json)", () => {
  const cases = Object.keys(fx.inputs).flatMap((name) => [
    { name, includeDrives: true, ref: fx.outputs[name] },
    { name, includeDrives: false, ref: fx.no_drives[name] },
  ]);
  it.each(cases)("$name, includeDrives $includeDrives: the configuration hnn-core wrote", ({ name, includeDrives, ref }) => {
    const out = convertToJson(join(dir, name), join(dir, "out"), { includeDrives });
    expect(out).toBe(join(dir, "out.json"));
    // Parsed: hnn-core writes a template position typed as Python ints as `0`, we write `0.0`; the
    // cells' end points and distance-dependent conductances are numpy's arithmetic, ours within 1e-12.
    expect(mismatches(JSON.parse(readFileSync(out, "utf8")), JSON.parse(ref), "")).toEqual([]);
  });

  it("drops the drives the legacy file nulled (hnn-core's test: 3 drives, 39 connections, 7 gid ranges)", () => {
    const net = readNetworkConfiguration(JSON.parse(readFileSync(convertToJson(join(dir, "default.param"), join(dir, "legacy.json")), "utf8")));
    expect(Object.keys(net.externalDrives)).toEqual(["evdist1", "evprox1", "evprox2"]);
    expect(net.connectivity.length).toBe(39);
    expect(Object.keys(net.gidRanges).length).toBe(7);
  });

  it("replaces the output suffix with .json (Path.with_suffix) and honours overwrite", () => {
    expect(convertToJson(join(dir, "gamma_L5weak_L2weak.json"), join(dir, "gamma.txt"))).toBe(join(dir, "gamma.json"));
    expect(existsSync(join(dir, "gamma.json"))).toBe(true);
    expect(() => convertToJson(join(dir, "gamma_L5weak_L2weak.json"), join(dir, "gamma.json"), { overwrite: false })).toThrow(
      new ValueError(`File already exists at path ${join(dir, "gamma.json")}. Rename the file or set overwrite=True.`),
    );
  });

  it("checks its arguments with hnn-core's messages", () => {
    expect(() => convertToJson(5 as unknown as string, "x.json")).toThrow(
      new TypeError("params_fname must be an instance of str or Path, got <class 'int'> instead"),
    );
    expect(() => convertToJson(dir, 5 as unknown as string)).toThrow(new TypeError("out_fname must be an instance of str or Path, got <class 'int'> instead"));
    expect(() => convertToJson(dir, join(dir, "x.json"))).toThrow(/^Unrecognized extension, expected one of .json, .param. Got $/);
  });
});

describe("net.writeConfiguration(fname, { overwrite })", () => {
  it("writes the configuration that readNetworkConfiguration reads back equal, and refuses to overwrite when asked", () => {
    const net = jones2009Model({ meshShape: [3, 3], addDrivesFromParams: true });
    const fname = join(dir, "net.json");
    net.writeConfiguration(fname);
    expect(readNetworkConfiguration(JSON.parse(readFileSync(fname, "utf8"))).equals(net)).toBe(true);
    expect(() => net.writeConfiguration(fname, { overwrite: false })).toThrow(
      new ValueError(`File already exists at path ${fname}. Rename the file or set overwrite=True.`),
    );
    expect(() => net.writeConfiguration(fname, { overwrite: 1 as unknown as boolean })).toThrow(TypeError);
  });
});
