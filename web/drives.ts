/**
 * The drives editor's model: every drive of a network as an editable spec (the add_*_drive
 * arguments, hnn-core's names in camelCase), new drives with hnn-core's defaults, and the rebuild
 * that applies edited specs through the public add*Drive functions so that their validation runs.
 */
import type { Network } from "../bindings/index";

/** Editable drive kinds (hnn-core GUI: evoked, poisson, rhythmic = bursty, tonic). */
export type DriveKind = "evoked" | "poisson" | "bursty";

/** One drive as editable fields. Numbers in the units of the API (ms, Hz, µS). */
export interface DriveSpec {
  kind: DriveKind;
  name: string;
  location: string;
  /** evoked: mu, sigma, numspikes; poisson: tstart, tstop, rateConstant; bursty: tstart, tstartStd, tstop, burstRate, burstStd, numspikes, spikeIsi. */
  dynamics: Record<string, number | null>;
  weightsAmpa: Record<string, number>;
  weightsNmda: Record<string, number>;
  synapticDelays: number;
  probability: number;
  spaceConstant: number;
  cellSpecific: boolean;
  /** Drive cells when not cell-specific. */
  nDriveCells: number;
  eventSeed: number;
  connSeed: number;
}

/** Dynamics fields by kind, with hnn-core's defaults for a new drive. */
export const DYNAMICS_DEFAULTS: Record<DriveKind, Record<string, number | null>> = {
  evoked: { mu: 20, sigma: 3, numspikes: 1 },
  poisson: { tstart: 0, tstop: null, rateConstant: 10 },
  bursty: { tstart: 0, tstartStd: 0, tstop: null, burstRate: 10, burstStd: 0, numspikes: 2, spikeIsi: 10 },
};

/** Space constants by kind (hnn-core defaults). */
const SPACE_CONSTANT: Record<DriveKind, number> = { evoked: 3, poisson: 100, bursty: 100 };

/** A new drive of `kind` with hnn-core's defaults and a small AMPA weight onto the pyramidal cells. */
export function newDriveSpec(kind: DriveKind, name: string, cellTypes: string[]): DriveSpec {
  const weightsAmpa: Record<string, number> = {};
  for (const t of cellTypes) weightsAmpa[t] = t.endsWith("pyramidal") ? 0.01 : 0;
  return {
    kind,
    name,
    location: "proximal",
    dynamics: { ...DYNAMICS_DEFAULTS[kind] },
    weightsAmpa,
    weightsNmda: {},
    synapticDelays: 0.1,
    probability: 1,
    spaceConstant: SPACE_CONSTANT[kind],
    cellSpecific: kind !== "bursty",
    nDriveCells: 1,
    eventSeed: 2,
    connSeed: 3,
  };
}

function single(v: number | Record<string, number>): number {
  return typeof v === "number" ? v : (Object.values(v)[0] ?? 0);
}

/** The network's evoked, Poisson and bursty drives as specs (other kinds are left out). */
export function driveSpecs(net: Network): DriveSpec[] {
  const specs: DriveSpec[] = [];
  for (const d of Object.values(net.externalDrives)) {
    const kind: DriveKind | null = d.type === "evoked" || d.type === "gaussian" ? "evoked" : d.type === "poisson" || d.type === "bursty" ? d.type : null;
    if (kind === null) continue;
    const dyn = d.dynamics as unknown as Record<string, number | null | Record<string, number>>;
    const dynamics: Record<string, number | null> = {};
    for (const key of Object.keys(DYNAMICS_DEFAULTS[kind])) {
      const v = dyn[key];
      dynamics[key] = v === null || v === undefined ? null : single(v);
    }
    const conn = net.connectivity.find((c) => c.srcType === d.name);
    specs.push({
      kind,
      name: d.name,
      location: d.location,
      dynamics,
      weightsAmpa: { ...(d.weightsAmpa ?? {}) },
      weightsNmda: { ...(d.weightsNmda ?? {}) },
      synapticDelays: single(d.synapticDelays),
      probability: single(d.probability),
      spaceConstant: conn?.ncDict.lamtha ?? SPACE_CONSTANT[kind],
      cellSpecific: d.cellSpecific,
      nDriveCells: d.nDriveCells,
      eventSeed: d.eventSeed,
      connSeed: d.connSeed ?? 3,
    });
  }
  return specs;
}

/** An error of one drive while applying specs. */
export class DriveError extends Error {
  constructor(
    readonly driveName: string,
    message: string,
  ) {
    super(message);
  }
}

function nonEmpty(w: Record<string, number>): Record<string, number> | null {
  const kept = Object.fromEntries(Object.entries(w).filter(([, v]) => v !== 0));
  return Object.keys(kept).length > 0 ? kept : null;
}

/** Adds one drive through the public API (its checks and messages are hnn-core's). */
function addDrive(net: Network, s: DriveSpec): void {
  const common = {
    location: s.location,
    weightsAmpa: nonEmpty(s.weightsAmpa),
    weightsNmda: nonEmpty(s.weightsNmda),
    synapticDelays: s.synapticDelays,
    probability: s.probability,
    spaceConstant: s.spaceConstant,
    nDriveCells: s.cellSpecific ? ("n_cells" as const) : s.nDriveCells,
    cellSpecific: s.cellSpecific,
    eventSeed: s.eventSeed,
    connSeed: s.connSeed,
  };
  const d = s.dynamics;
  const num = (k: string): number => d[k] as number;
  if (s.kind === "evoked") net.addEvokedDrive(s.name, { ...common, mu: num("mu"), sigma: num("sigma"), numspikes: num("numspikes") });
  else if (s.kind === "poisson") net.addPoissonDrive(s.name, { ...common, tstart: num("tstart"), tstop: d.tstop ?? null, rateConstant: num("rateConstant") });
  else {
    net.addBurstyDrive(s.name, {
      ...common,
      tstart: num("tstart"),
      tstartStd: num("tstartStd"),
      tstop: d.tstop ?? null,
      burstRate: num("burstRate"),
      burstStd: num("burstStd"),
      numspikes: num("numspikes"),
      spikeIsi: num("spikeIsi"),
    });
  }
}

/**
 * A copy of `net` whose evoked/Poisson/bursty drives are `specs` (in that order); other drives
 * and the tonic biases are kept.
 * @throws DriveError naming the drive whose arguments the API rejected
 */
export function withDrives(net: Network, specs: DriveSpec[]): Network {
  const out = net.copy();
  const editable = new Set(driveSpecs(net).map((s) => s.name));
  const others = Object.values(out.externalDrives).filter((d) => !editable.has(d.name));
  if (others.length > 0) throw new DriveError(others[0]!.name, `drives of type '${others[0]!.type}' cannot be edited here; remove them from the network file first`);
  out.clearDrives();
  for (const s of specs) {
    try {
      addDrive(out, s);
    } catch (e) {
      throw new DriveError(s.name, (e as Error).message);
    }
  }
  return out;
}
