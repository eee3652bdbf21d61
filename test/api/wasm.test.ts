/** Loading the engine from bytes or a URL, and fresh instances per simulation. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadEngine, newEngineInstance } from "../../bindings/wasm";

const WASM_URL = new URL("../../build/engine.wasm", import.meta.url);

describe("engine loading", () => {
  it("compiles from bytes and from a URL, giving independent instances", async () => {
    const fromBytes = await loadEngine(new Uint8Array(readFileSync(WASM_URL)));
    const fromUrl = await loadEngine(WASM_URL);
    for (const module of [fromBytes, fromUrl]) {
      const a = newEngineInstance(module);
      const b = newEngineInstance(module);
      a.addRoot(-65);
      expect(a.nodeCount()).toBe(1);
      expect(b.nodeCount()).toBe(0);
      expect(a.memory.buffer).not.toBe(b.memory.buffer);
    }
  });

  it("says how to build the engine when the file is missing", async () => {
    await expect(loadEngine(new URL("file:///nonexistent/engine.wasm"))).rejects.toThrow(/hnn-wasm engine not found at \/nonexistent\/engine.wasm: run `npm run build` first/);
  });

  it("rejects bytes that are not WebAssembly", async () => {
    await expect(loadEngine(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(/WebAssembly|wasm/i);
  });
});
