// The density mechanisms the engine knows: one row per mechanism (its file in this folder names the
// hooks), the kind of a mechanism being its row's index. Initialisation, current assembly and state
// updates loop over these rows (one indirect call per mechanism kind, never per instance); the
// bindings find a mechanism's kind by its name (bindings/model/mechanisms.ts holds units, defaults
// and ranges of the parameters, in the order insert reads them).
import { BUILD_OK, BUILD_BAD_ARGUMENT } from "../status";
import { ldi, appendFrom, appendStridedF64 } from "../util";
import { isNode } from "../tree";
import { GateSet } from "./gates";
import * as sharedGrid from "./sharedgrid";
import * as hh2 from "./hh2";
import * as km from "./km";
import * as ca from "./ca";
import * as cad from "./cad";
import * as kca from "./kca";
import * as cat from "./cat";
import * as ar from "./ar";

/** Per-instance set-up beyond node and parameters (an ion pool, other states); BUILD_OK, or a status having appended nothing. */
export type AttachFn = (node: i32) => i32;
/** INITIAL, after the tabulated gates (if any) are set to steady state; dt in ms. */
export type InitFn = (dtMs: f64) => void;
/** Adds the instances' currents into the node equations (NUMERICS.md §3 step 3). */
export type CurrentsFn = () => void;
/** Updates states not held in a GateSet (NUMERICS.md §3 step 8); dt in ms. */
export type StatesFn = (dtMs: f64) => void;

export class Mechanism {
  constructor(
    readonly name: string,
    /** Node of each instance. */
    readonly node: Array<i32>,
    /** One column per parameter, in the order insertMechanism reads them (units: bindings/model/mechanisms.ts). */
    readonly params: StaticArray<Array<f64>>,
    /** Its tabulated gates: states appended, tables built, set to steady state and updated here. */
    readonly gates: GateSet | null,
    readonly attach: AttachFn | null,
    readonly init: InitFn | null,
    readonly addCurrents: CurrentsFn | null,
    readonly updateStates: StatesFn | null,
  ) {}
}

/** Most parameters of one mechanism (the size of the insertMechanism parameter block). */
export const MAX_PARAMS: i32 = 8;

// Concentration mechanisms first: their INITIAL and state update come before the channels that
// read them (cad before kca, CHANNELS.md §cad), and the currents' sum keeps NEURON's order.
const rows: Array<Mechanism> = [
  // name, instance nodes, parameter columns, gates, attach, INITIAL, currents, other states
  new Mechanism("cad", cad.node, [cad.taur], null, cad.attach, cad.init, null, cad.updateStates),
  new Mechanism("hh2", hh2.node, [hh2.gnabar, hh2.gkbar, hh2.gl, hh2.el], hh2.gates, null, null, hh2.addCurrents, null),
  new Mechanism("km", km.node, [km.gbar], km.gates, null, null, km.addCurrents, null),
  new Mechanism("ca", ca.node, [ca.gbar], ca.gates, ca.attach, null, ca.addCurrents, null),
  new Mechanism("kca", kca.node, [kca.gbar], null, kca.attach, kca.init, kca.addCurrents, kca.updateStates),
  new Mechanism("cat", cat.node, [cat.gbar], cat.gates, null, cat.init, cat.addCurrents, null),
  new Mechanism("ar", ar.node, [ar.gbar], ar.gates, null, ar.init, ar.addCurrents, null),
];

/** Adds a row (a mechanism defined outside this table, e.g. by a test); returns its kind. */
export function register(m: Mechanism): i32 {
  assert(m.params.length <= MAX_PARAMS, "a mechanism has at most MAX_PARAMS parameters");
  rows.push(m);
  return rows.length - 1;
}

export function count(): i32 {
  return rows.length;
}

export function row(kind: i32): Mechanism {
  return rows[kind];
}

/** The node of insert's one instance, where insertMany reads it. */
// @ts-ignore: decorator
@lazy const oneNode = memory.data(4, 4);

/** insertMechanism: an instance of mechanism `kind` at node nd, parameters read from `block`. */
export function insert(kind: i32, nd: i32, block: usize): i32 {
  store<i32>(oneNode, nd);
  return insertMany(kind, 1, oneNode, block);
}

/**
 * insertMechanisms: n instances of mechanism `kind` at the nodes of the i32 column at nodePtr,
 * instance i's parameters at paramsPtr + i·8·(its parameter count). BUILD_BAD_ARGUMENT, inserting
 * none, for a bad kind or node; else the instances up to the first whose attach fails (with that
 * status), or all (BUILD_OK). Columns grow once per call, not once per instance.
 */
export function insertMany(kind: i32, n: i32, nodePtr: usize, paramsPtr: usize): i32 {
  if (kind < 0 || kind >= rows.length || n < 0) return BUILD_BAD_ARGUMENT;
  for (let i = 0; i < n; i++) if (!isNode(ldi(nodePtr, i))) return BUILD_BAD_ARGUMENT;
  const m = unchecked(rows[kind]);
  let done = n;
  let status = BUILD_OK;
  const attach = m.attach;
  if (attach) {
    for (let i = 0; i < n; i++) {
      status = attach(ldi(nodePtr, i));
      if (status != BUILD_OK) {
        done = i;
        break;
      }
    }
  }
  appendFrom<i32>(m.node, nodePtr, done);
  const nParams = m.params.length;
  for (let k = 0; k < nParams; k++) appendStridedF64(unchecked(m.params[k]), paramsPtr + (<usize>k << 3), nParams, done);
  const g = m.gates;
  if (g) g.addInstances(done);
  return status;
}

// The hot-loop hooks, gathered by initialize().
const currentHooks = new Array<CurrentsFn>(0);
const stateHooks = new Array<StatesFn>(0);
/** Every tabulated τ provably in exp2x's fast range at this dt (simdexp.ts). */
let gatesInExpRange: bool = false;

/** finitialize for mechanisms, after the temperature is set: tables, then INITIAL in row order. */
export function initialize(dtMs: f64): void {
  const sets = new Array<GateSet>(0);
  currentHooks.length = 0;
  stateHooks.length = 0;
  gatesInExpRange = true;
  for (let k = 0; k < rows.length; k++) {
    const m = unchecked(rows[k]);
    const c = m.addCurrents, s = m.updateStates, g = m.gates;
    if (c) currentHooks.push(c);
    if (s) stateHooks.push(s);
    if (g) {
      g.build();
      gatesInExpRange = gatesInExpRange && g.tausInExpRange(dtMs);
      sets.push(g);
    }
  }
  sharedGrid.prepare(sets);
  for (let k = 0; k < rows.length; k++) {
    const m = unchecked(rows[k]);
    const g = m.gates, init = m.init;
    if (g) g.initSteady();
    if (init) init(dtMs);
  }
}

/** Every mechanism's currents, in row order. */
export function addCurrents(): void {
  for (let k = 0; k < currentHooks.length; k++) unchecked(currentHooks[k])();
}

/** Every mechanism's states: the other states in row order, then the tabulated gates. */
export function updateStates(dtMs: f64): void {
  for (let k = 0; k < stateHooks.length; k++) unchecked(stateHooks[k])(dtMs);
  sharedGrid.update(dtMs, gatesInExpRange);
}
