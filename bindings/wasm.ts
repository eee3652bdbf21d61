/**
 * Loading the engine (build/engine.wasm) in Node and browsers, behind one small module so the
 * deprecated @assemblyscript/loader could be swapped (DESIGN.md, toolchain). One compiled
 * `WebAssembly.Module` is kept; every simulation gets a fresh instance with its own memory.
 */
import { instantiateSync } from "@assemblyscript/loader";

/** The engine's exports (assembly/index.ts). Pointers are byte offsets into `memory`. */
export interface EngineExports {
  memory: WebAssembly.Memory;
  engineVersion(): number;
  addRoot(v0Mv: number): number;
  addSection(parentNode: number, lengthUm: number, diamUm: number, raOhmCm: number, cmUfCm2: number, nseg: number, v0Mv: number): number;
  sectionNode(sec: number, k: number): number;
  sectionNseg(sec: number): number;
  addDipoleSection(sec: number, lengthUm: number, cosTheta: number, group: number): void;
  insertHh2(node: number, gnabar: number, gkbar: number, gl: number, el: number): void;
  insertKm(node: number, gbar: number): void;
  insertCad(node: number, taurMs: number): void;
  insertCa(node: number, gbar: number): number;
  insertKca(node: number, gbar: number): number;
  insertCat(node: number, gbar: number): void;
  insertAr(node: number, gbar: number): void;
  addExp2Syn(node: number, eMv: number, tau1Ms: number, tau2Ms: number): number;
  addIClamp(node: number, delayMs: number, durMs: number, ampNa: number): void;
  addCellSource(gid: number, node: number, thresholdMv: number): number;
  addVecStim(gid: number): number;
  addVecStimTime(timeMs: number): number;
  addNetCon(srcGid: number, synapse: number, weightUs: number, delayMs: number): number;
  injectSpike(gid: number, tSpikeMs: number): number;
  minCellNetConDelay(): number;
  recordVoltage(node: number): number;
  recordSynCurrent(synapse: number): number;
  initialize(dtMs: number, celsius: number, nSteps: number, spikeCapacity: number): void;
  run(nSteps: number): number;
  runStatus(): number;
  unstableNode(): number;
  nodeSectionIndex(node: number): number;
  currentTime(): number;
  nodeCount(): number;
  nodeVoltage(node: number): number;
  nodeArea(node: number): number;
  nodeAxialResistance(node: number): number;
  caiAt(node: number): number;
  ecaAt(node: number): number;
  samplesTaken(): number;
  dipoleGroups(): number;
  timesPtr(): number;
  voltagePtr(rec: number): number;
  synCurrentPtr(rec: number): number;
  dipolePtr(group: number): number;
  spikeTimesPtr(): number;
  spikeGidsPtr(): number;
  spikesRecorded(): number;
  clearSpikes(): void;
  netConCount(): number;
  synapseCount(): number;
}

/** Interface version this binding was written for (assembly/index.ts ENGINE_VERSION). */
const EXPECTED_ENGINE_VERSION = 2;

let compiled: WebAssembly.Module | null = null;

/**
 * Compiles the engine once. In Node it reads build/engine.wasm next to the package; in a browser
 * pass the bytes or a URL (e.g. from a bundler's `?url` import).
 */
export async function loadEngine(source?: Uint8Array | ArrayBuffer | URL | string): Promise<WebAssembly.Module> {
  if (compiled !== null && source === undefined) return compiled;
  let bytes: ArrayBuffer | Uint8Array;
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) bytes = source;
  else {
    const url = source === undefined ? new URL("../build/engine.wasm", import.meta.url) : new URL(String(source), import.meta.url);
    if (url.protocol === "file:") {
      const { readFile } = await import("node:fs/promises");
      try {
        bytes = await readFile(url);
      } catch {
        throw new Error(`hnn-wasm engine not found at ${url.pathname}: run \`npm run build\` first`);
      }
    } else {
      let response: Response;
      try {
        response = await fetch(url);
      } catch (e) {
        const cause = (e as { cause?: { message?: string } }).cause?.message;
        throw new Error(`could not fetch the hnn-wasm engine from ${url}: ${(e as Error).message}${cause ? ` (${cause})` : ""}`);
      }
      if (!response.ok) throw new Error(`could not fetch the hnn-wasm engine from ${url}: HTTP ${response.status}`);
      bytes = await response.arrayBuffer();
    }
  }
  compiled = await WebAssembly.compile(bytes as BufferSource);
  return compiled;
}

/** A fresh engine instance (empty model) from the compiled module. */
export function newEngineInstance(module: WebAssembly.Module): EngineExports {
  const { exports } = instantiateSync<Record<string, unknown>>(module, {});
  const engine = exports as unknown as EngineExports;
  const version = typeof engine.engineVersion === "function" ? engine.engineVersion() : "(none: no engineVersion export)";
  if (version !== EXPECTED_ENGINE_VERSION) {
    throw new Error(`engine.wasm interface version ${version} does not match the bindings (${EXPECTED_ENGINE_VERSION}): rebuild with \`npm run build\``);
  }
  return engine;
}

/** A Float64Array view over engine memory; valid until the next call that may grow memory. */
export function f64View(engine: EngineExports, ptr: number, length: number): Float64Array {
  return new Float64Array(engine.memory.buffer, ptr, length);
}

/** An Int32Array view over engine memory; valid until the next call that may grow memory. */
export function i32View(engine: EngineExports, ptr: number, length: number): Int32Array {
  return new Int32Array(engine.memory.buffer, ptr, length);
}
