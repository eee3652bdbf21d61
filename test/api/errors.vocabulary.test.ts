/**
 * One error vocabulary: argument errors are ValueError or TypeError (hnn-core's AttributeError and
 * KeyError belong to them), exported from the public entry; an error raised in a worker thread
 * arrives with its class and message; warnings go to the handler set with setWarningHandler and
 * nowhere else.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync } from "node:fs";
import { AttributeError, KeyError, ValueError, jones2009Model, setWarningHandler, simulateDipole } from "../../bindings/index";
import { errorFromWire, errorToWire } from "../../bindings/util/validate";
import { Network } from "../../bindings/model/network";
import { DEFAULT_PARAMS } from "../../bindings/model/paramsDefault";

const DIST = new URL("../../dist/index.js", import.meta.url);

describe("error classes", () => {
  it("hnn-core's AttributeError is a TypeError and its KeyError a ValueError, with Python's names", () => {
    expect(new AttributeError("x")).toBeInstanceOf(TypeError);
    expect(new KeyError("x")).toBeInstanceOf(ValueError);
    expect([new ValueError("x").name, new AttributeError("x").name, new KeyError("x").name]).toEqual(["ValueError", "AttributeError", "KeyError"]);
  });

  it("survive the trip to another thread as class and message", () => {
    const cases: Error[] = [new ValueError("bad value"), new TypeError("bad type"), new AttributeError("no attr"), new KeyError("'k'"), new RangeError("far"), new Error("plain")];
    for (const e of cases) {
      const back = errorFromWire(structuredClone(errorToWire(e)));
      expect(back.constructor).toBe(e.constructor);
      expect([back.name, back.message]).toEqual([e.name, e.message]);
    }
    const other = errorFromWire({ name: "SyntaxError", message: "m" });
    expect([other.name, other.message]).toEqual(["SyntaxError", "m"]);
  });

  it("simulateDipole's option errors: ValueError for a wrong value, TypeError for a wrong type, text unchanged", async () => {
    const net = jones2009Model({ meshShape: [2, 2] });
    await expect(simulateDipole(net, { tstop: 0 })).rejects.toThrow(new ValueError("tstop must be a positive finite number (ms), got 0"));
    await expect(simulateDipole(net, { tstop: 0 })).rejects.toBeInstanceOf(ValueError);
    await expect(simulateDipole(net, { tstop: "5" as unknown as number })).rejects.toBeInstanceOf(TypeError);
    await expect(simulateDipole(net, { tstop: 10, dt: 20 })).rejects.toBeInstanceOf(ValueError);
  });
});

describe.runIf(existsSync(DIST))("errors from worker threads (bundled dist/, built by npm test)", () => {
  it("a template error raised while a worker builds its partition arrives as the ValueError the main thread raises", async () => {
    const dist = (await import(DIST.href)) as typeof import("../../bindings/index");
    const broken = () => {
      const net = dist.jones2009Model({ meshShape: [2, 2] });
      net.cellTypes.L2_basket.cellObject.modifySection("soma", { L: -1 });
      return net;
    };
    const message = "cell type 'L2_basket', section 'soma': L must be a positive finite number, got -1";
    const inThread = await dist.simulateDipole(broken(), { tstop: 5 }).catch((e: unknown) => e);
    const inWorkers = await dist.simulateDipole(broken(), { tstop: 5, nJobs: 2, splitTrials: true }).catch((e: unknown) => e);
    for (const e of [inThread, inWorkers]) {
      expect(e).toBeInstanceOf(dist.ValueError);
      expect((e as Error).message).toBe(message);
    }
  });
});

describe("warnings", () => {
  afterEach(() => {
    setWarningHandler(null);
  });

  it("go to the handler with hnn-core's text, and nowhere by default", () => {
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    new Network({ ...DEFAULT_PARAMS }, { legacyMode: true });
    expect(consoleWarn).not.toHaveBeenCalled();
    const seen: string[] = [];
    expect(setWarningHandler((m) => seen.push(m))).toBeNull();
    const net = new Network({ ...DEFAULT_PARAMS }, { legacyMode: true });
    net.addTonicBias({ amplitude: {} });
    expect(seen).toEqual([
      "DeprecationWarning: Legacy mode is used solely to maintain compatibility with.param files of the old HNN GUI. This feature will be deprecrated in future releases.",
      "No bias have been defined, no action taken",
    ]);
    expect(consoleWarn).not.toHaveBeenCalled();
    consoleWarn.mockRestore();
  });
});
