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
    expect(() => engine.recordVoltage(node)).toThrow(already);
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
      "failed: the mechanism uses an ion pool, and no pool mechanism (cad) was inserted at that node before it",
    );
    engine.addVecStim(3);
    expect(() => engine.addVecStim(3)).toThrow("engine.addVecStim(3) failed: the gid already has a spike source, or a VecStim time came before any VecStim");
    expect(() => insertMechanism(engine, engine.mechanisms.get("hh2")!, root, [0.12])).toThrow("mechanism kind 1 takes 4 parameters, got 1");
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
});
