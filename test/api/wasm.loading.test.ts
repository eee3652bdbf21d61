/** Loading the engine from bytes or a URL, fresh instances per simulation, and the errors on the way. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadEngine, newEngineInstance } from "../../bindings/wasm";
import { jones2009Model, simulateDipole } from "../../bindings/index";

const WASM_URL = new URL("../../build/engine.wasm", import.meta.url);
const ENGINE_BYTES = new Uint8Array(readFileSync(WASM_URL));

/**
 * A hand-made WebAssembly module with one export, `name`, an immutable i32 global holding `value`
 * (0 ≤ value < 64): an engine of another interface version, or no engine at all.
 */
function tinyModule(name: string, value: number): Uint8Array<ArrayBuffer> {
  const nameBytes = [...new TextEncoder().encode(name)];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(6, [1, 0x7f, 0x00, 0x41, value, 0x0b]), // one global: const i32 = value
    ...section(7, [1, nameBytes.length, ...nameBytes, 0x03, 0]), // export it as `name`
  ]);
}

describe("engine loading", () => {
  it("compiles from bytes and from a URL, giving independent instances", async () => {
    const fromBytes = await loadEngine(ENGINE_BYTES);
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

describe("engine over HTTP", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/engine.wasm") res.writeHead(200, { "content-type": "application/wasm" }).end(ENGINE_BYTES);
      else res.writeHead(404).end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches and compiles the engine from a URL that serves it", async () => {
    const engine = newEngineInstance(await loadEngine(`${base}/engine.wasm`));
    expect(engine.addRoot(-65)).toBe(0);
    expect(engine.nodeCount()).toBe(1);
  });

  it("names the URL and the HTTP status when the server answers 404", async () => {
    const url = `${base}/dist/engine.wasm`;
    await expect(loadEngine(url)).rejects.toThrow(`could not fetch the hnn-wasm engine from ${url}: HTTP 404`);
  });

  it("names the URL when nothing answers at it", async () => {
    // A port that was free a moment ago: bound, then closed, so the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/engine.wasm`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(loadEngine(url)).rejects.toThrow(new RegExp(`^could not fetch the hnn-wasm engine from ${url.replace(/[.]/g, "\\.")}: fetch failed \\(connect ECONNREFUSED`));
  });
});

describe("engine interface version", () => {
  afterAll(async () => {
    await loadEngine(ENGINE_BYTES); // the real engine again for whatever runs next
  });

  it("rejects an engine of another version, by itself and when a simulation starts", async () => {
    const message = "engine.wasm interface version 6 does not match the bindings (5): rebuild with `npm run build`";
    const module = await loadEngine(tinyModule("ENGINE_VERSION", 6));
    expect(() => newEngineInstance(module)).toThrow(message);
    await expect(simulateDipole(jones2009Model({ meshShape: [3, 3] }), { tstop: 1 })).rejects.toThrow(message);
  });

  it("rejects a module that is not an hnn-wasm engine (no ENGINE_VERSION export)", () => {
    expect(() => newEngineInstance(new WebAssembly.Module(tinyModule("answer", 42)))).toThrow(
      "engine.wasm interface version (none: no ENGINE_VERSION export) does not match the bindings (5): rebuild with `npm run build`",
    );
  });
});
