/**
 * The engine interface: bindings/wasm.ts's EngineExports against the exports asc declares for the
 * built engine (build/engine.d.ts, `npm run build:wasm`), member by member; the build statuses an
 * instance turns into errors; the inspection calls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { insertMechanism, loadEngine, newEngineInstance, type Engine } from "../../bindings/wasm";

const path = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** `name: (param: type, …) => type`, or `name: { value: type }` for a constant, per member of `t`. */
function members(checker: ts.TypeChecker, t: ts.Type): Map<string, string> {
  const out = new Map<string, string>();
  for (const sym of t.getProperties()) {
    const type = checker.getTypeOfSymbol(sym);
    const [sig, ...more] = type.getCallSignatures();
    const value = type.getProperty("value");
    let text: string;
    if (sig !== undefined && more.length === 0) {
      const params = sig.getParameters().map((p) => `${p.name}: ${checker.typeToString(checker.getTypeOfSymbol(p))}`);
      text = `(${params.join(", ")}) => ${checker.typeToString(sig.getReturnType())}`;
    } else if (value !== undefined && type.getProperties().length === 1) text = `{ value: ${checker.typeToString(checker.getTypeOfSymbol(value))} }`;
    else text = checker.typeToString(type);
    out.set(sym.name, text);
  }
  return out;
}

describe("EngineExports (bindings/wasm.ts) is what asc declares (build/engine.d.ts)", () => {
  it("has the same members with the same parameters and types", () => {
    const program = ts.createProgram([path("bindings/wasm.ts"), path("build/engine.d.ts")], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const exportOf = (file: string, name: string): ts.Symbol => {
      const source = program.getSourceFile(path(file));
      const found = source && checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === name);
      if (found === undefined) throw new Error(`${file} exports no '${name}'`);
      return found;
    };
    const ours = members(checker, checker.getDeclaredTypeOfSymbol(exportOf("bindings/wasm.ts", "EngineExports")));
    // asc: `instantiate(…): Promise<typeof __AdaptedExports>`.
    const [instantiate] = checker.getTypeOfSymbol(exportOf("build/engine.d.ts", "instantiate")).getCallSignatures();
    const theirs = members(checker, checker.getAwaitedType(instantiate.getReturnType())!);
    expect(theirs.size, "build/engine.d.ts: no exports found").toBeGreaterThan(40);
    const differences: string[] = [];
    for (const [name, text] of theirs) {
      if (!ours.has(name)) differences.push(`missing in EngineExports: ${name}: ${text}`);
      else if (ours.get(name) !== text) differences.push(`${name}: EngineExports says ${ours.get(name)}, asc ${text}`);
    }
    for (const [name, text] of ours) if (!theirs.has(name)) differences.push(`not exported by the engine: ${name}: ${text}`);
    expect(differences).toEqual([]);
  });
});

describe("an engine instance", () => {
  let module: WebAssembly.Module;
  beforeAll(async () => {
    module = await loadEngine();
  });

  /** One soma-like section (nseg 1) with cad and ca at its node; returns the engine and the node. */
  function caCompartment(): { engine: Engine; node: number } {
    const engine = newEngineInstance(module);
    const sec = engine.addSection(engine.addRoot(-65), 20, 20, 100, 1, 1, -65);
    const node = engine.sectionNode(sec, 0);
    insertMechanism(engine, engine.mechanisms.get("cad")!, node, [20]);
    insertMechanism(engine, engine.mechanisms.get("ca")!, node, [40]);
    return { engine, node };
  }

  it("knows hnn-core's mechanisms by name, with their parameter counts", () => {
    const engine = newEngineInstance(module);
    const counts = Object.fromEntries([...engine.mechanisms].map(([name, m]) => [name, m.nParams]));
    expect(counts).toEqual({ cad: 1, hh2: 4, km: 1, ca: 1, kca: 1, cat: 1, ar: 1 });
  });

  it("refuses build calls after initialize, changing nothing", () => {
    const { engine, node } = caCompartment();
    const syn = engine.addExp2Syn(node, 0, 0.5, 5);
    engine.initialize(0.025, 37, 10, 64);
    const nodes = engine.nodeCount();
    const already = "the engine is already initialized; build calls must come before initialize() (build into a fresh instance)";
    expect(() => engine.addRoot(-65)).toThrow(`engine.addRoot(-65) failed: ${already}`);
    expect(() => engine.addNetCon(0, syn, 0.01, 1)).toThrow(`engine.addNetCon(0, ${syn}, 0.01, 1) failed: ${already}`);
    expect(() => engine.recordNode(engine.QUANTITY_V.value, node)).toThrow(already);
    expect(() => insertMechanism(engine, engine.mechanisms.get("km")!, node, [10])).toThrow(already);
    expect(engine.nodeCount()).toBe(nodes);
    expect(engine.run(10)).toBe(10);
  });

  it("turns the other build statuses into errors", () => {
    const engine = newEngineInstance(module);
    const root = engine.addRoot(-65);
    const sec = engine.addSection(root, 20, 20, 100, 1, 2, -65);
    expect(() => engine.addSection(99, 20, 20, 100, 1, 1, -65)).toThrow("engine.addSection(99, 20, 20, 100, 1, 1, -65) failed: an index (node, section, synapse, mechanism kind, gid) or count is out of range");
    expect(() => engine.insertMechanism(engine.mechanismCount(), root)).toThrow("out of range");
    expect(() => insertMechanism(engine, engine.mechanisms.get("kca")!, engine.sectionNode(sec, 1), [1])).toThrow(
      "failed: the mechanism or recording uses an ion pool, and no pool mechanism (cad) was inserted at that node before it",
    );
    engine.addVecStim(3);
    expect(() => engine.addVecStim(3)).toThrow("engine.addVecStim(3) failed: the gid already has a spike source, or a VecStim time came before any VecStim");
    expect(() => insertMechanism(engine, engine.mechanisms.get("hh2")!, root, [0.12])).toThrow("mechanism kind 1 takes 4 parameters, got 1");
  });

  /** Writes i32 and f64 columns at the engine's staging block; returns their addresses. */
  function stageColumns<T extends (Int32Array | Float64Array)[]>(engine: Engine, columns: [...T]): { [K in keyof T]: number } {
    const base = engine.stagingPtr(columns.length * 64);
    return columns.map((c, i) => {
      const at = base + i * 64;
      (c instanceof Int32Array ? new Int32Array(engine.memory.buffer, at, c.length) : new Float64Array(engine.memory.buffer, at, c.length)).set(c);
      return at;
    }) as { [K in keyof T]: number };
  }

  it("bulk build calls build what the single calls build, and refuse bad columns building nothing", () => {
    // Two cells: sections 0 (at the root), 1 (at 0's x = 1 end), 2 (at the root); then section 3 alone.
    const single = newEngineInstance(module);
    const r0 = single.addRoot(-65);
    const s0 = single.addSection(r0, 20, 20, 100, 1, 1, -65);
    single.addSection(single.sectionEndNode(s0), 100, 2, 100, 1, 3, -64);
    single.addSection(r0, 50, 3, 150, 1, 2, -63);
    single.addSection(single.addRoot(-70), 10, 5, 200, 2, 1, -70);
    const bulk = newEngineInstance(module);
    const columns = (parent: number[]) => stageColumns(bulk, [Int32Array.of(0, 3, 4), Int32Array.from(parent), Int32Array.of(1, 3, 2, 1), Float64Array.of(20, 100, 50, 10), Float64Array.of(20, 2, 3, 5), Float64Array.of(100, 100, 150, 200), Float64Array.of(1, 1, 1, 2), Float64Array.of(-65, -64, -63, -70)]);
    expect(() => bulk.addCells(2, ...columns([-1, 2, -1, -1]))).toThrow("out of range"); // a parent after its child
    expect(bulk.nodeCount()).toBe(0);
    expect(bulk.addCells(2, ...columns([-1, 0, -1, -1]))).toBe(0);
    const nodes = Array.from({ length: single.nodeCount() }, (_, nd) => [single.nodeArea(nd), single.nodeAxialResistance(nd), single.nodeSectionIndex(nd)]);
    expect(Array.from({ length: bulk.nodeCount() }, (_, nd) => [bulk.nodeArea(nd), bulk.nodeAxialResistance(nd), bulk.nodeSectionIndex(nd)])).toEqual(nodes);

    const syn = bulk.addExp2Syn(bulk.sectionNode(3, 0), 0, 0.5, 5);
    const netCons = (synapse: number) => stageColumns(bulk, [Int32Array.of(7, 2), Int32Array.of(syn, synapse), Float64Array.of(0.01, 0.02), Float64Array.of(1, 2)]);
    expect(() => bulk.addNetCons(2, ...netCons(syn + 1))).toThrow("out of range");
    expect(bulk.addNetCons(2, ...netCons(syn))).toBe(0);
    const kca = bulk.mechanisms.get("kca")!;
    const [nodePtr, paramsPtr] = stageColumns(bulk, [Int32Array.of(bulk.sectionNode(0, 0), bulk.nodeCount()), Float64Array.of(1, 1)]);
    expect(() => bulk.insertMechanisms(kca.kind, 2, nodePtr, paramsPtr)).toThrow("out of range");
    expect(() => bulk.insertMechanisms(kca.kind, 1, nodePtr, paramsPtr)).toThrow("no pool mechanism (cad)");
  });

  it("gives section nodes: segments, and the zero-area x = 1 end", () => {
    const engine = newEngineInstance(module);
    const root = engine.addRoot(-65);
    const sec = engine.addSection(root, 30, 2, 100, 1, 3, -65);
    // NUMERICS.md §1: interior nodes follow the root, then the end node.
    expect([0, 1, 2].map((k) => engine.sectionNode(sec, k))).toEqual([1, 2, 3]);
    expect(engine.sectionEndNode(sec)).toBe(4);
    expect(engine.nodeArea(4)).toBe(100);
    expect(engine.sectionNode(sec, 3)).toBeLessThan(0);
    expect(engine.sectionEndNode(sec + 1)).toBeLessThan(0);
  });

  it("reads eca from the present cai (Nernst, NEURON's legacy R and F)", () => {
    const { engine, node } = caCompartment();
    engine.initialize(0.025, 37, 400, 64);
    engine.run(400);
    const cai = engine.caiAt(node);
    expect(cai).toBeGreaterThan(1e-4); // ca's inward current has raised cai
    const ktf = (1000 * 8.3134 * (37 + 273.15)) / 96485.309;
    expect(Math.abs(engine.ecaAt(node) - (ktf / 2) * Math.log(2.0 / cai))).toBeLessThan(1e-12);
  });

  it("records cai of a node's Ca pool next to its v, each step's value, and refuses cai where no pool is", () => {
    const { engine, node } = caCompartment();
    const bare = engine.sectionNode(engine.addSection(engine.addRoot(-65), 10, 10, 100, 1, 1, -65), 0);
    expect(() => engine.recordNode(engine.QUANTITY_CAI.value, bare)).toThrow("no pool mechanism (cad)");
    expect(() => engine.recordNode(7, node)).toThrow("out of range");
    const recV = engine.recordNode(engine.QUANTITY_V.value, node);
    const recCa = engine.recordNode(engine.QUANTITY_CAI.value, node);
    engine.initialize(0.025, 37, 400, 64);
    const trace = (rec: number) => new Float64Array(engine.memory.buffer, engine.nodeTracePtr(rec), 401);
    expect(trace(recCa)[0]).toBe(1e-4); // cad's INITIAL: cai = cainf
    expect(trace(recV)[0]).toBe(-65);
    engine.run(400);
    expect(trace(recCa)[400]).toBe(engine.caiAt(node));
    expect(trace(recCa)[400]).toBeGreaterThan(1e-4);
  });
});
