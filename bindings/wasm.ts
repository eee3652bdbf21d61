/**
 * Loading the engine (build/engine.wasm) in Node and browsers, behind one small module so the
 * deprecated @assemblyscript/loader could be swapped (DESIGN.md, toolchain). One compiled
 * `WebAssembly.Module` is kept; every simulation gets a fresh instance with its own memory.
 */
import { instantiateSync } from "@assemblyscript/loader";
import { formatBytes } from "./util/memoryLimit";
import { MemoryLimitError } from "./util/validate";

/** An exported i32 constant of the engine (a wasm global). */
interface EngineConstant {
  readonly value: number;
}

/**
 * The engine's exports (assembly/index.ts) as asc declares them in build/engine.d.ts;
 * test/engine/engineInterface.test.ts fails when the two differ. Pointers are byte offsets into
 * `memory`. Build calls return an index ≥ 0 (or 0), or a BUILD_* status < 0, which an
 * instance from {@link newEngineInstance} turns into an Error.
 */
export interface EngineExports {
  memory: WebAssembly.Memory;
  ENGINE_VERSION: EngineConstant;
  addRoot(v0Mv: number): number;
  addSection(parentNode: number, lengthUm: number, diamUm: number, raOhmCm: number, cmUfCm2: number, nseg: number, v0Mv: number): number;
  addCells(nCells: number, sectionStartPtr: number, parentPtr: number, nsegPtr: number, lengthUmPtr: number, diamUmPtr: number, raOhmCmPtr: number, cmUfCm2Ptr: number, v0MvPtr: number): number;
  sectionNode(sec: number, k: number): number;
  sectionEndNode(sec: number): number;
  sectionNseg(sec: number): number;
  addDipoleSection(sec: number, lengthUm: number, cosTheta: number, group: number): number;
  addDipoleSections(n: number, sectionPtr: number, lengthUmPtr: number, cosThetaPtr: number, groupPtr: number): number;
  mechanismCount(): number;
  mechanismNamePtr(kind: number): number;
  mechanismParamCount(kind: number): number;
  mechanismParamsPtr(): number;
  insertMechanism(kind: number, nd: number): number;
  insertMechanisms(kind: number, n: number, nodePtr: number, paramsPtr: number): number;
  stagingPtr(bytes: number): number;
  addExp2Syn(nd: number, eMv: number, tau1Ms: number, tau2Ms: number): number;
  addExp2Syns(n: number, nodePtr: number, eMvPtr: number, tau1MsPtr: number, tau2MsPtr: number): number;
  addIClamp(nd: number, delayMs: number, durMs: number, ampNa: number): number;
  addCellSource(gid: number, nd: number, thresholdMv: number): number;
  addVecStim(gid: number): number;
  addVecStimTime(timeMs: number): number;
  addNetCon(srcGid: number, synapse: number, weightUs: number, delayMs: number): number;
  reserveNetCons(n: number): number;
  addNetCons(n: number, srcGidPtr: number, synapsePtr: number, weightUsPtr: number, delayMsPtr: number): number;
  recordNode(quantity: number, nd: number): number;
  recordSynCurrent(synapse: number): number;
  recordMembraneCurrents(n: number, nodePtr: number): number;
  addElectrodes(n: number, rPtr: number): number;
  initialize(dt: number, celsius: number, nSteps: number, spikeCapacity: number): void;
  run(nSteps: number): number;
  runStatus(): number;
  unstableNode(): number;
  currentTime(): number;
  nodeCount(): number;
  nodeSectionIndex(nd: number): number;
  nodeArea(nd: number): number;
  nodeAxialResistance(nd: number): number;
  caiAt(nd: number): number;
  ecaAt(nd: number): number;
  BUILD_AFTER_INITIALIZE: EngineConstant;
  BUILD_BAD_ARGUMENT: EngineConstant;
  BUILD_NO_ION_POOL: EngineConstant;
  BUILD_SOURCE_CONFLICT: EngineConstant;
  STATUS_UNSTABLE: EngineConstant;
  STATUS_SPIKE_OVERFLOW: EngineConstant;
  QUANTITY_V: EngineConstant;
  QUANTITY_CAI: EngineConstant;
  injectSpike(gid: number, tSpike: number): number;
  minCellNetConDelay(): number;
  timesPtr(): number;
  nodeTracePtr(rec: number): number;
  synCurrentPtr(rec: number): number;
  dipolePtr(group: number): number;
  extracellularPtr(contact: number): number;
  membraneCurrentPtr(): number;
  spikeTimesPtr(): number;
  spikeGidsPtr(): number;
  spikesRecorded(): number;
  clearSpikes(): void;
}

/** A mechanism as an engine instance knows it (assembly/mechanisms/registry.ts). */
export interface EngineMechanism {
  /** Its kind, the argument of insertMechanism. */
  kind: number;
  /** How many parameters insertMechanism reads. */
  nParams: number;
}

/** An engine instance: its exports, whose statuses of build calls throw, and its mechanisms. */
export interface Engine extends EngineExports {
  /** The engine's mechanisms by name. */
  readonly mechanisms: ReadonlyMap<string, EngineMechanism>;
}

/** Interface version this binding was written for (assembly/index.ts ENGINE_VERSION). */
const EXPECTED_ENGINE_VERSION = 5;

/** Calls that return a BUILD_* status on failure; an Engine throws instead. */
const CHECKED_CALLS = [
  "addRoot",
  "addSection",
  "addCells",
  "addDipoleSection",
  "addDipoleSections",
  "insertMechanism",
  "insertMechanisms",
  "addExp2Syn",
  "addExp2Syns",
  "addIClamp",
  "addCellSource",
  "addVecStim",
  "addVecStimTime",
  "addNetCon",
  "reserveNetCons",
  "addNetCons",
  "recordNode",
  "recordSynCurrent",
  "recordMembraneCurrents",
  "addElectrodes",
  "injectSpike",
] as const satisfies readonly (keyof EngineExports)[];

/** engine.wasm as base64, defined by the build (scripts/inline.mjs); absent in unbundled sources. */
declare const __HNN_ENGINE_BASE64__: string | undefined;

let compiled: WebAssembly.Module | null = null;

/** The engine's bytes from a file: URL (Node), without importing `node:fs` (bundle-safe). */
async function readFileUrl(url: URL): Promise<BufferSource> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs/promises") as typeof import("node:fs/promises") | undefined;
  if (fs === undefined) throw new Error(`cannot read ${url.href}: file: URLs need Node.js (>= 20.16); pass the bytes, an http(s) URL or a Response`);
  try {
    return (await fs.readFile(url)) as BufferSource;
  } catch {
    throw new Error(`hnn-wasm engine not found at ${url.pathname}: run \`npm run build\` first`);
  }
}

async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new Error(`could not fetch the hnn-wasm engine from ${url}: ${(e as Error).message}${cause ? ` (${cause})` : ""}`);
  }
  return responseBytes(response, url.href);
}

async function responseBytes(response: Response, where: string): Promise<ArrayBuffer> {
  if (!response.ok) throw new Error(`could not fetch the hnn-wasm engine from ${where}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** The bytes the package carries: inlined by the build, else build/engine.wasm beside the sources. */
async function packagedBytes(): Promise<BufferSource> {
  if (typeof __HNN_ENGINE_BASE64__ === "string") {
    const binary = atob(__HNN_ENGINE_BASE64__);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  const url = new URL("../build/engine.wasm", import.meta.url);
  return url.protocol === "file:" ? readFileUrl(url) : fetchBytes(url);
}

/**
 * Compiles the engine once and keeps it for every simulation. With no argument it uses the engine
 * the package carries (inlined in the bundle: nothing to serve, no bundler setting), in browsers
 * and Node alike. To serve engine.wasm yourself (`hnn-wasm/engine.wasm`), pass its bytes, its URL
 * (http(s), or file: in Node) or a `fetch` Response.
 */
export async function loadEngine(source?: Uint8Array | ArrayBuffer | URL | string | Response): Promise<WebAssembly.Module> {
  if (compiled !== null && source === undefined) return compiled;
  let bytes: BufferSource;
  if (source === undefined) bytes = await packagedBytes();
  else if (source instanceof Uint8Array || source instanceof ArrayBuffer) bytes = source as BufferSource;
  else if (typeof Response !== "undefined" && source instanceof Response) bytes = await responseBytes(source, source.url || "a Response");
  else {
    const base = typeof location !== "undefined" ? location.href : import.meta.url;
    const url = new URL(String(source), base);
    bytes = url.protocol === "file:" ? await readFileUrl(url) : await fetchBytes(url);
  }
  compiled = await WebAssembly.compile(bytes);
  return compiled;
}

/** Why a build call failed, from its status. */
function statusText(engine: EngineExports, status: number): string {
  switch (status) {
    case engine.BUILD_AFTER_INITIALIZE.value:
      return "the engine is already initialized; build calls must come before initialize() (build into a fresh instance)";
    case engine.BUILD_BAD_ARGUMENT.value:
      return "an index (node, section, synapse, mechanism kind, gid) or count is out of range";
    case engine.BUILD_NO_ION_POOL.value:
      return "the mechanism or recording uses an ion pool, and no pool mechanism (cad) was inserted at that node before it";
    case engine.BUILD_SOURCE_CONFLICT.value:
      return "the gid already has a spike source, or a VecStim time came before any VecStim";
    default:
      return `unknown status ${status}`;
  }
}

/** An AssemblyScript string in engine memory (UTF-16, its byte length in the 4 bytes before it). */
function engineString(memory: WebAssembly.Memory, ptr: number): string {
  if (ptr === 0) return "";
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return new TextDecoder("utf-16le").decode(new Uint8Array(memory.buffer, ptr, bytes));
}

/** What an engine that ran out of memory says: how much it held, and what to do. */
function outOfMemory(memory: WebAssembly.Memory | undefined, what: string): MemoryLimitError {
  const held = memory === undefined ? "" : ` (it held ${formatBytes(memory.buffer.byteLength)})`;
  return new MemoryLimitError(
    `the simulation engine ran out of memory: ${what}${held}. A WebAssembly memory holds at most 4 GiB, and one engine array at most 1 GiB; ` +
      "simulate less at once: a shorter tstop or larger dt, fewer recorded traces (recordGids, 'soma'), fewer trials or cells",
  );
}

/**
 * The engine's `abort` import: AssemblyScript calls it for an array or block too large to allocate
 * ("Invalid length", "Allocation too large"), which becomes a {@link MemoryLimitError}; any other
 * abort is an internal error.
 */
function engineAbort(memory: () => WebAssembly.Memory | undefined) {
  return (msgPtr: number, filePtr: number, line: number, column: number): never => {
    const mem = memory();
    const msg = mem === undefined ? "" : engineString(mem, msgPtr);
    if (msg === "Invalid length" || msg === "Allocation too large") throw outOfMemory(mem, `an array was too large to allocate (${msg})`);
    const file = mem === undefined ? "" : engineString(mem, filePtr);
    throw new Error(`internal engine error: ${msg} at ${file}:${line}:${column}`);
  };
}

/** A fresh engine instance (empty model) from the compiled module. */
export function newEngineInstance(module: WebAssembly.Module): Engine {
  let memory: WebAssembly.Memory | undefined;
  const { exports } = instantiateSync<Record<string, unknown>>(module, { env: { abort: engineAbort(() => memory) } });
  const raw = exports as unknown as EngineExports & { __getString(ptr: number): string };
  memory = raw.memory;
  const version = raw.ENGINE_VERSION?.value ?? "(none: no ENGINE_VERSION export)";
  if (version !== EXPECTED_ENGINE_VERSION) {
    throw new Error(`engine.wasm interface version ${version} does not match the bindings (${EXPECTED_ENGINE_VERSION}): rebuild with \`npm run build\``);
  }
  const calls = exports as Record<string, unknown>;
  const checked = new Set<string>(CHECKED_CALLS);
  for (const [name, value] of Object.entries(calls)) {
    if (typeof value !== "function") continue;
    const call = value as (...args: number[]) => number;
    calls[name] = (...args: number[]): number => {
      let result: number;
      try {
        result = call(...args);
      } catch (e) {
        // The engine's allocator traps (unreachable) when memory.grow fails.
        if (e instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message)) throw outOfMemory(memory, `engine.${name} could not grow its memory`);
        throw e;
      }
      if (checked.has(name) && result < 0) throw new Error(`engine.${name}(${args.join(", ")}) failed: ${statusText(raw, result)}`);
      return result;
    };
  }
  const mechanisms = new Map<string, EngineMechanism>();
  for (let kind = 0; kind < raw.mechanismCount(); kind++) {
    mechanisms.set(raw.__getString(raw.mechanismNamePtr(kind)), { kind, nParams: raw.mechanismParamCount(kind) });
  }
  return Object.assign(raw, { mechanisms });
}

/** Inserts a mechanism at node `node`, its parameters in the engine's order and units. */
export function insertMechanism(engine: Engine, mechanism: EngineMechanism, node: number, params: readonly number[]): void {
  if (params.length !== mechanism.nParams) throw new Error(`insertMechanism: mechanism kind ${mechanism.kind} takes ${mechanism.nParams} parameters, got ${params.length}`);
  f64View(engine, engine.mechanismParamsPtr(), params.length).set(params);
  engine.insertMechanism(mechanism.kind, node);
}

/** A Float64Array view over engine memory; valid until the next call that may grow memory. */
export function f64View(engine: EngineExports, ptr: number, length: number): Float64Array {
  return new Float64Array(engine.memory.buffer, ptr, length);
}

/** An Int32Array view over engine memory; valid until the next call that may grow memory. */
export function i32View(engine: EngineExports, ptr: number, length: number): Int32Array {
  return new Int32Array(engine.memory.buffer, ptr, length);
}
