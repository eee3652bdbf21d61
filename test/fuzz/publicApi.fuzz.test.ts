/**
 * Fuzz target "public-api": the model builders, drive functions and `simulateDipole` of
 * bindings/index.ts with wrong types and out-of-range values for their options, on a 1×1 or 2×2
 * mesh; values that would make a run large (tstop > 5 ms, tiny dt, big meshes, many trials) are left
 * to the resource-limit checks and not generated. Successful runs are checked for NaN in their
 * dipoles and spike times. Property: see ./harness.ts.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ValueError, calciumModel, jones2009Model, law2021Model, neymotin2020Model, simulateDipole, type Network } from "../../bindings/index";
import { badValue, fuzz, FuzzStats, ownKey, PROTO_KEYS, TARGET_TIMEOUT_MS } from "./harness";

const MODELS = { jones2009Model, neymotin2020Model, law2021Model, calciumModel };

/** A value for an option: usually a good one, else one of `bad` or {@link badValue}. */
const opt = <T>(good: readonly T[], bad: readonly unknown[] = []): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(undefined, ...bad) }, { weight: 1, arbitrary: badValue.filter((v) => typeof v !== "number" || v <= 5) });

/** Extra keys in an options object: unknown names and prototype names. */
const extraKeyArb = fc.option(fc.record({ key: fc.constantFrom(...PROTO_KEYS, "tStop", "n_trials"), value: badValue }), { nil: undefined });

const driveArb = fc.oneof(
  fc.record({
    kind: fc.constant("evoked" as const),
    name: opt(["ev1"], ["", ...PROTO_KEYS]),
    opts: fc.record({
      mu: opt([1, 2.5], [-1]),
      sigma: opt([0, 0.5], [-1]),
      numspikes: opt([1, 2], [0, 1.5]),
      location: opt(["proximal", "distal"], ["soma", "__proto__"]),
      weightsAmpa: opt([{ L2_pyramidal: 0.01 }, { L5_pyramidal: 0.1, L2_basket: 0.01 }], [{ L2_pyramidal: NaN }, { nope: 1 }, { constructor: 1 }]),
      synapticDelays: opt([0.1, { L2_pyramidal: 0.1 }], [-1, { L2_pyramidal: -1 }]),
      probability: opt([1, 0.5], [2, -0.1]),
      eventSeed: opt([2, 7], [-1, 1.5]),
    }),
  }),
  fc.record({
    kind: fc.constant("poisson" as const),
    name: opt(["pois"], ["", ...PROTO_KEYS]),
    opts: fc.record({
      tstart: opt([0, 1], [-1]),
      tstop: opt([4, undefined], [-1]),
      rateConstant: opt([100, { L2_pyramidal: 50 }], [0, -1, { L2_pyramidal: 0 }, { polluted: 1 }]),
      location: opt(["proximal", "distal"], ["x"]),
      weightsAmpa: opt([{ L2_pyramidal: 0.01 }], [{ L2_pyramidal: Infinity }]),
    }),
  }),
);

const simOptsArb = fc.record({
  tstop: opt([2, 5], [0, -1, 1e-9]),
  dt: opt([0.05, 0.1, 0.5], [0, -0.025, 10]),
  nTrials: opt([1, 2], [0, 1.5, -1]),
  recordVsec: opt([false, "soma", "all"], [true, "dendrites"]),
  recordIsec: opt([false, "soma"], [true, "x"]),
  recordCa: opt([false, "soma"], [true]),
  recordGids: opt([undefined, [0], [0, 1]], [[-1], [1e6], [0.5], "0", [NaN]]),
  useStoredEvents: opt([false, undefined], ["yes", 1]),
  postproc: opt([false, true], ["no"]),
});

const caseArb = fc.record({
  model: fc.constantFrom(...(Object.keys(MODELS) as (keyof typeof MODELS)[])),
  modelOpts: fc.record({
    meshShape: opt([[1, 1], [2, 2], [1, 2]], [[0, 1], [1.5, 1], [-1, 2], [1], [1, 1, 1], "2x2", [NaN, 1], ["1", 1]]),
    addDrivesFromParams: opt([false, true], [1, "true"]),
    legacyMode: opt([false, true], ["no"]),
    params: opt([undefined], [null, [], "params", { threshold: NaN }]),
  }),
  modelExtra: extraKeyArb,
  drives: fc.array(driveArb, { maxLength: 2 }),
  simulate: fc.boolean(),
  simOpts: simOptsArb,
  simExtra: extraKeyArb,
});
type ApiCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** An options object without its undefined entries, with the extra key as an own property. */
function options(o: Record<string, unknown>, extra: { key: string; value: unknown } | undefined): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  if (extra !== undefined) ownKey(out, extra.key, extra.value);
  return out;
}

async function runCase(c: ApiCase): Promise<{ net: Network; dipoles: Awaited<ReturnType<typeof simulateDipole>> | null }> {
  const net = MODELS[c.model](options(c.modelOpts, c.modelExtra) as never);
  for (const d of c.drives) {
    if (d.kind === "evoked") net.addEvokedDrive(d.name as string, options(d.opts, undefined) as never);
    else net.addPoissonDrive(d.name as string, options(d.opts, undefined) as never);
  }
  if (!c.simulate) return { net, dipoles: null };
  return { net, dipoles: await simulateDipole(net, options(c.simOpts, c.simExtra) as never) };
}

/** The arrays of a successful run that must hold no NaN: dipoles, their times, spike times. */
function outputs(r: Awaited<ReturnType<typeof runCase>>): ArrayLike<number>[] {
  if (r.dipoles === null) return [];
  const dpl = r.dipoles.flatMap((d) => [d.times, ...Object.values(d.data)]);
  return [...dpl, ...(r.net.cellResponse?.spikeTimes ?? [])];
}

describe("fuzz: public API arguments", () => {
  it("every call succeeds (without NaN) or throws a ValueError/TypeError", { timeout: TARGET_TIMEOUT_MS }, async () => {
    const stats = new FuzzStats("public-api");
    await fuzz(stats, caseArb, runCase, outputs);
    expect(stats.crashes + stats.hangs + stats.nanOutputs + stats.pollution).toBe(0);
  });
});

describe("fuzz regressions: public API arguments", () => {
  // A negative eventSeed reached numpy's seeding as a RangeError; numpy (and so hnn-core) raises ValueError.
  it("rejects a negative event seed with a ValueError at simulation", async () => {
    const net = jones2009Model({ meshShape: [1, 1] });
    net.addEvokedDrive("ev1", { mu: 1, sigma: 0, numspikes: 1, location: "proximal", weightsAmpa: { L2_pyramidal: 0.01 }, synapticDelays: 0.1, eventSeed: -1 });
    await expect(simulateDipole(net, { tstop: 2 })).rejects.toThrow(new ValueError("Seed must be between 0 and 2**32 - 1; got -1"));
  });
});
