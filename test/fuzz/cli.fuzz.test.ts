/**
 * Fuzz target "cli-flags": `hnn-wasm simulate` and `serve` argument lists parsed and run in-process
 * (`buildProgram` of bindings/cli.ts, which throws instead of exiting), with a one-cell-per-type
 * network file and runs of at most 5 ms; `serve` only with a bad `--port` (a good one would start a server) (a `--tstop 1e7` is left to the resource-limit checks). A usage error of commander counts as an argument error (the
 * CLI prints it as one line and exits 1). Property: see ./harness.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { CommanderError } from "commander";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram } from "../../bindings/cli";
import { ValueError } from "../../bindings/util/validate";
import { fixtureText } from "../helpers/fixtures";
import { fuzz, FuzzStats, TARGET_TIMEOUT_MS } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-fuzz-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NETWORK = join(dir, "net.json");
writeFileSync(NETWORK, fixtureText("single_cells/L2_basket_tonic_sub/network.json"));

const token = (good: readonly string[], bad: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 2, arbitrary: fc.constantFrom(...bad, "", " ", "-1", "NaN", "Infinity", "1e999", "0x10", "__proto__") }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) });

const flagArb = fc.oneof(
  fc.constant(["--network", NETWORK]),
  token(["jones2009"], ["nope", "constructor", "toString"]).map((m) => ["--model", m]),
  token(["1", "2.5", "5"], ["0", "-5"]).map((t) => ["--tstop", t]),
  token(["0.05", "0.5", "0.1"], ["0", "10"]).map((t) => ["--dt", t]),
  token(["1", "2"], ["0", "1.5"]).map((t) => ["--trials", t]),
  token(["1"], ["0", "2.5"]).map((t) => ["--jobs", t]),
  token(["soma", "all"], ["true", "x"]).map((t) => ["--record-vsec", t]),
  token(["soma"], ["x"]).map((t) => ["--record-isec", t]),
  token(["soma"], ["x"]).map((t) => ["--record-ca", t]),
  token(["0", "0,1", "1,2"], ["-1", "1e6", "0,,1", "a", "0.5"]).map((t) => ["--gids", t]),
  fc.constantFrom(["--drives-from-params"], ["--unknown"], ["-x"], ["--out"], ["--help"], ["--tstop"]),
);

const caseArb = fc.oneof(
  { weight: 9, arbitrary: fc.record({ cmd: fc.constant("simulate"), flags: fc.array(flagArb, { maxLength: 6 }), out: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ cmd: fc.constantFrom("serve", "bogus", ""), flags: fc.array(fc.constantFrom("65536", "-1", "x", "99999", "1.5", "", "1e3.5").map((p) => ["--port", p]), { minLength: 1, maxLength: 2 }), out: fc.constant(false) }) },
);
let run = 0;

/** Parses and runs one argument list; commander's usage errors become ValueErrors. */
async function runCase(c: typeof caseArb extends fc.Arbitrary<infer T> ? T : never): Promise<void> {
  const program = buildProgram();
  const quiet = { writeOut: () => {}, writeErr: () => {}, outputError: () => {} };
  for (const cmd of [program, ...program.commands]) cmd.configureOutput(quiet);
  // Runs stay short (2 ms at dt 0.5 unless a flag says otherwise; commander keeps the last value).
  const short = c.cmd === "simulate" ? ["--tstop", "2", "--dt", "0.5"] : [];
  const args = [c.cmd, ...short, ...c.flags.flat(), ...(c.out ? ["--out", join(dir, `out${run++}`)] : [])].filter((a) => a !== "");
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) throw new ValueError(e.message);
    throw e;
  }
}

describe("fuzz: CLI flags", () => {
  it("every argument list runs or ends in a usage/argument error", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("cli-flags");
    await fuzz(stats, caseArb, runCase);
    expect(stats.crashes + stats.hangs + stats.pollution).toBe(0);
  });
});

describe("fuzz regressions: CLI flags", () => {
  // `--model toString` looked the name up with the prototype chain and called Object.prototype.toString.
  it("rejects --model naming an Object.prototype member", async () => {
    await expect(runCase({ cmd: "simulate", flags: [["--model", "toString"]], out: true })).rejects.toThrow(
      new ValueError("unknown --model 'toString'; allowed: jones2009, neymotin2020, law2021, calcium"),
    );
  });
});
