/**
 * The membrane mechanisms of hnn-core 0.6.1 (hnn_core/mod, CHANNELS.md): one row per mechanism
 * with its parameters as sections store them, their units, the .mod files' defaults (used where a
 * section does not set a value) and allowed values, and the ion pools it uses. The engine's rows
 * (assembly/mechanisms/registry.ts) carry the same names; their insert reads the parameters in
 * this order and these units.
 */
import { ValueError } from "../util/validate";
import type { MechParam } from "./types";

/** One parameter of a mechanism. */
export interface MechanismParam {
  /** The name sections store it under (hnn-core's `<param>_<mechanism>`). */
  readonly name: string;
  /** Its unit, e.g. `S/cm²`, `pS/µm²`, `mV`, `ms`. */
  readonly unit: string;
  /** The .mod file's default. */
  readonly default: number;
  /** Allowed values: any finite number, finite and ≥ 0, or finite and > 0. */
  readonly range: "finite" | ">= 0" | "> 0";
}

/** One mechanism. */
export interface MechanismSpec {
  readonly name: string;
  /** `channel`: a membrane current; `pool`: an ion concentration at its node, for the channels there. */
  readonly kind: "channel" | "pool";
  /** Parameters in the order the engine's insert reads them. */
  readonly params: readonly MechanismParam[];
  /** Ions whose pool it uses (a channel) or holds (a pool); a channel needs the pool in its section. */
  readonly ions: readonly string[];
}

const SCM2 = "S/cm²";
const PSUM2 = "pS/µm²";

/** hnn-core's mechanisms, in its order. */
export const MECHANISMS: readonly MechanismSpec[] = [
  {
    name: "hh2",
    kind: "channel",
    params: [
      { name: "gnabar_hh2", unit: SCM2, default: 0.12, range: ">= 0" },
      { name: "gkbar_hh2", unit: SCM2, default: 0.036, range: ">= 0" },
      { name: "gl_hh2", unit: SCM2, default: 0.0003, range: ">= 0" },
      { name: "el_hh2", unit: "mV", default: -54.3, range: "finite" },
    ],
    ions: [],
  },
  { name: "km", kind: "channel", params: [{ name: "gbar_km", unit: PSUM2, default: 10.0, range: ">= 0" }], ions: [] },
  { name: "ca", kind: "channel", params: [{ name: "gbar_ca", unit: PSUM2, default: 0.0, range: ">= 0" }], ions: ["ca"] },
  { name: "cad", kind: "pool", params: [{ name: "taur_cad", unit: "ms", default: 200.0, range: "> 0" }], ions: ["ca"] },
  { name: "kca", kind: "channel", params: [{ name: "gbar_kca", unit: PSUM2, default: 0.0, range: ">= 0" }], ions: ["ca"] },
  { name: "cat", kind: "channel", params: [{ name: "gbar_cat", unit: SCM2, default: 0.0, range: ">= 0" }], ions: [] },
  { name: "ar", kind: "channel", params: [{ name: "gbar_ar", unit: SCM2, default: 0.0, range: ">= 0" }], ions: [] },
];

/** Mechanism names, in hnn-core's order. */
export const MECHANISM_NAMES: readonly string[] = MECHANISMS.map((m) => m.name);

/** The table's mechanisms in the order they are inserted at a node: pools first, for the channels that use them. */
export function insertionOrder(table: readonly MechanismSpec[]): MechanismSpec[] {
  return [...table.filter((m) => m.kind === "pool"), ...table.filter((m) => m.kind !== "pool")];
}

/**
 * Checks a section's mechanisms against the table: known names and parameters, and for each channel
 * a pool of every ion it uses. `where` names the section in messages.
 * @throws ValueError naming the mechanism or parameter and the allowed ones.
 */
export function checkSectionMechanisms(where: string, mechs: Record<string, Record<string, MechParam>>, table: readonly MechanismSpec[]): void {
  for (const name of Object.keys(mechs)) {
    const spec = table.find((m) => m.name === name);
    if (spec === undefined) throw new ValueError(`${where}: unknown mechanism '${name}' (known: ${table.map((m) => m.name).join(", ")})`);
    for (const p of Object.keys(mechs[name])) {
      if (!spec.params.some((q) => q.name === p)) throw new ValueError(`${where}: unknown parameter '${p}' of mechanism '${name}' (known: ${spec.params.map((q) => q.name).join(", ")})`);
    }
    if (spec.kind === "pool") continue;
    for (const ion of spec.ions) {
      const pools = table.filter((m) => m.kind === "pool" && m.ions.includes(ion));
      if (!pools.some((m) => m.name in mechs)) throw new ValueError(`${where}: mechanism '${name}' needs '${pools.map((m) => m.name).join("' or '")}' in the same section (it uses the ${ion} pool)`);
    }
  }
}

/**
 * Parameter p at segment `seg` of a section: its value there (a scalar, or hnn-core's per-segment
 * `[xs, values]`), or p's default where the section does not set it.
 * @throws ValueError when the value is not a finite number in p's range.
 */
export function mechanismParamAt(where: string, p: MechanismParam, value: MechParam | undefined, seg: number): number {
  const given = value ?? p.default;
  const x = typeof given === "number" ? given : given[1]?.[seg];
  const ok = typeof x === "number" && Number.isFinite(x) && (p.range === "finite" || (p.range === ">= 0" ? x >= 0 : x > 0));
  if (!ok) throw new ValueError(`${where}: ${p.name} must be a finite number${p.range === "finite" ? "" : ` ${p.range}`} (${p.unit}) or a per-segment list of them, got ${JSON.stringify(given)}`);
  return x;
}
