/**
 * hnn-core 0.6.1's `Network` (network.py) as a TypeScript class: cell types, gids, positions,
 * connectivity, drives and biases (../shared/spec/NETWORK.md). Its parts live in their own modules:
 * gids in ./populations.ts, positions in ./positions.ts, connections in ./connection.ts, synaptic
 * gains in ./synapticGains.ts, drives in ./drives.ts, params-file drives in ./paramsDrives.ts,
 * electrode arrays in ./electrodes.ts, the stored parts ({@link NetworkConfig}) in ./networkConfig.ts.
 *
 * What hnn-core keeps in private attributes (`_params`, `_n_gids`, `_inplane_distance`, ...) is
 * private here too, with public read-only accessors; {@link Network.fromConfig} builds a Network
 * from stored parts (the network JSON reader, {@link Network.copy}).
 *
 * ## For the drives module (bindings/model/drives.ts)
 * `Network` implements drives.ts's `DriveHost`: `cellTypes`, `gidRanges`, `origin`, `externalDrives`,
 * `externalBiases`, `connectivity`, `legacyMode`, `nGids`, `addConnection`, and the hooks
 * `addDriveCells(name, pos)` (hnn-core `_add_cell_type` without a template: appends the drive's gid
 * range after all gids) and `shareLastSrcGids()` (hnn-core
 * `connectivity[-1].src_gids = connectivity[-2].src_gids`).
 *
 * ## Deviations from hnn-core (all deliberate)
 * - Numbers: JavaScript has no int/float distinction. Every `nc_dict` value is printed as a Python
 *   float in `Connection.toString()` (`lamtha: 70.0` even when the caller meant the int 70).
 * - Non-finite numbers (NaN, ±Infinity) are rejected wherever hnn-core would accept any float, a
 *   negative delay and a non-positive lamtha are rejected (hnn-core lets them through to NEURON or
 *   to a division by zero).
 * - Where hnn-core 0.6.1 checks an argument itself, the error is its message, with its argument names
 *   and spacing (test/fixtures/network/error_messages.json; see ./connection.ts). Checks hnn-core
 *   lacks name the TypeScript argument.
 */

import type { CellResponse } from "../analysis/cellResponse";
import { plotRenderer } from "../util/plotRenderers";
import type { Figure } from "../viz/figure";
import type { PlotCellsOptions } from "../viz/cells";
import { asNetworkCellType, type NetworkCellType } from "./cell";
import { pyNum } from "../util/pyformat";
import { checkBool, checkFinite, checkOption, typeError, ValueError } from "../util/validate";
import { warn } from "../util/warnings";
import { checkMaxMemoryBytes, checkMemory } from "../util/memoryLimit";
import { cellsPart, defaultCellCounts } from "./memoryEstimate";
import { defaultCellTypes } from "./cells";
import { makeConnection, type AddConnectionArgs, type Connection } from "./connection";
import { addBurstyDrive, addEvokedDrive, addPoissonDrive, addSpikeTrainDrive, addTonicBias } from "./drives";
import type {
  BurstyDriveOptions,
  DriveHost,
  EvokedDriveOptions,
  ExternalDrive,
  PoissonDriveOptions,
  SpikeTrainDriveOptions,
  TonicBiasOptions,
} from "./driveTypes";
import type { Params } from "./paramsDefault";
import { addDrivesFromParams } from "./paramsDrives";
import { copyParams } from "./paramsObject";
import { networkEquals } from "./networkEquals";
import { writeConfigurationFile, type WriteConfigurationOptions } from "../io/configurationFile";
import { Populations } from "./populations";
import { electrodeArray, type ElectrodeArrayOptions } from "./electrodes";
import type { ExtracellularArray } from "./extracellular";
import { configPopulations, type NetworkConfig, type NetworkParams } from "./networkConfig";
import { defaultPosDict, isPosList, repeatPoint, type PosDict } from "./positions";
import { checkGlobalSynapticGainsUniformity, getGlobalSynapticGains, setGlobalSynapticGains, type GainClass, type SynapticGains } from "./synapticGains";
import type { CellMetadata, CellType, GidRange, TonicBias, Vec3 } from "./types";

/** Network constructor options (hnn-core keyword arguments). */
export interface NetworkOptions {
  addDrivesFromParams?: boolean;
  legacyMode?: boolean;
  /** Grid of pyramidal cells `[nX, nY]`, default [10, 10]. */
  meshShape?: [number, number];
  /** Positions; used (with `cellTypes`) instead of the default grid when both are given. */
  posDict?: PosDict;
  /** Cell types; used (with `posDict`) instead of the four default types when both are given. */
  cellTypes?: Record<string, CellType>;
  /** Memory limit (bytes) of building the network and (unless given its own) simulateDipole; default 2 GiB, `Infinity`: none. */
  maxMemoryBytes?: number;
}

const LEGACY_MODE_WARNING =
  "DeprecationWarning: Legacy mode is used solely to maintain compatibility with.param files of the old HNN GUI. This feature will be deprecrated in future releases.";

/** hnn-core `Network`. */
export class Network implements DriveHost {
  /** Cell type name -> template and metadata, in gid order. */
  cellTypes: Record<string, NetworkCellType> = {};
  /** Population name -> positions; `origin` -> one point. */
  posDict: PosDict = {};
  /** Connections in order (drives' and cells'). */
  connectivity: Connection[] = [];
  /** Drive name -> drive. */
  externalDrives: Record<string, ExternalDrive> = {};
  /** Bias name -> cell type -> tonic bias. */
  externalBiases: Record<string, Record<string, TonicBias>> = {};
  /** Electrode arrays. */
  recArrays: Record<string, ExtracellularArray> = {};
  /** Spikes of the last simulation (set by the simulator), null before. */
  cellResponse: CellResponse | null = null;
  /** Spike threshold of all cells (mV). */
  threshold: number;
  /** Default synaptic delay (ms). */
  delay = 1.0;

  #params: NetworkParams;
  #legacyMode: boolean;
  #meshShape: [number, number];
  #inplaneDistance = 1.0;
  #layerSeparation = 1307.4;
  #populations = new Populations();
  #maxMemoryBytes: number;

  /**
   * hnn-core `Network(params, add_drives_from_params=False, legacy_mode=False, mesh_shape=(10, 10),
   * pos_dict=None, cell_types=None)`. A bare Network has the four default cell types and no
   * connections (use `jones2009Model` etc. for the default connectivity).
   * @throws TypeError for a params that is not an object, a bad meshShape; ValueError for a missing threshold.
   */
  constructor(params: NetworkParams, options: NetworkOptions = {}) {
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw typeError("params", "dict", params);
    if (typeof options !== "object" || options === null) throw typeError("options", "dict", options);
    this.#params = params;
    this.#legacyMode = checkBool("legacyMode", options.legacyMode ?? false);
    if (this.#legacyMode) warn(LEGACY_MODE_WARNING);
    if (!("threshold" in params)) throw new ValueError("params must contain 'threshold' (the cells' spike threshold in mV)");
    this.threshold = checkFinite("params['threshold']", params.threshold);
    const meshShape = options.meshShape ?? [10, 10];
    if (!Array.isArray(meshShape) || meshShape.length !== 2) throw typeError("mesh_shape", "tuple", meshShape);
    for (const i of [0, 1]) {
      if (typeof meshShape[i] !== "number" || !Number.isInteger(meshShape[i])) throw typeError(`mesh_shape[${i}]`, "int", meshShape[i]);
    }
    if (meshShape[0] < 1 || meshShape[1] < 1) {
      throw new ValueError(`mesh_shape must be a tuple of positive integers, got: (${meshShape[0]}, ${meshShape[1]})`);
    }
    this.#meshShape = [meshShape[0], meshShape[1]];
    this.#maxMemoryBytes = checkMaxMemoryBytes(options.maxMemoryBytes);

    if (options.posDict !== undefined && options.cellTypes !== undefined) {
      if (typeof options.posDict !== "object" || options.posDict === null) throw typeError("posDict", "dict", options.posDict);
      if (typeof options.cellTypes !== "object" || options.cellTypes === null) throw typeError("cellTypes", "dict", options.cellTypes);
      this.posDict = structuredClone(options.posDict);
      for (const [name, ct] of Object.entries(options.cellTypes)) {
        if (name in this.posDict) {
          const pos = this.posDict[name];
          if (!isPosList(pos)) throw new TypeError(`posDict['${name}'] must be a list of [x, y, z] positions`);
          this.#addPopulation(name, pos, asNetworkCellType(ct));
        }
      }
    } else {
      const cellTypes = defaultCellTypes();
      checkMemory(`Network(meshShape: [${meshShape.join(", ")}])`, [cellsPart(cellTypes, defaultCellCounts(meshShape))], this.#maxMemoryBytes, "Use a smaller meshShape");
      this.setCellPositions();
      for (const [name, ct] of Object.entries(cellTypes)) this.#addPopulation(name, this.posDict[name] as Vec3[], ct);
    }
    if (options.addDrivesFromParams !== undefined && checkBool("addDrivesFromParams", options.addDrivesFromParams)) {
      this.addDrivesFromParams();
    }
  }

  /**
   * A Network from its stored parts, taken as they are (not copied): the network JSON reader and
   * {@link copy} use it. Drives must already hold their connections in `connectivity`.
   * @throws ValueError when the gid ranges do not match the cell types' positions or the drives
   *   (every cell type and drive needs a range of its size; ranges must be disjoint).
   */
  static fromConfig(config: NetworkConfig): Network {
    const net = new Network(config.params, { meshShape: config.meshShape, posDict: { origin: [0, 0, 0] }, cellTypes: {} });
    net.#legacyMode = checkBool("legacyMode", config.legacyMode ?? false);
    net.#inplaneDistance = config.inplaneDistance ?? net.#inplaneDistance;
    net.#layerSeparation = config.layerSeparation ?? net.#layerSeparation;
    const drives = config.externalDrives ?? {};
    const posDict = config.posDict;
    net.#populations = configPopulations(config);
    net.cellTypes = Object.fromEntries(Object.entries(config.cellTypes).map(([name, ct]) => [name, asNetworkCellType(ct)]));
    net.posDict = posDict;
    const origin = net.origin;
    for (const [name, d] of Object.entries(drives)) {
      if (!isPosList(posDict[name])) posDict[name] = repeatPoint(origin, d.nDriveCells);
    }
    net.externalDrives = drives;
    net.externalBiases = config.externalBiases ?? {};
    net.connectivity = config.connectivity ?? [];
    net.recArrays = config.recArrays ?? {};
    net.threshold = checkFinite("threshold", config.threshold ?? net.threshold);
    net.delay = checkFinite("delay", config.delay ?? net.delay);
    return net;
  }

  /**
   * The parameter dict given to the constructor (hnn-core `_params`). The simulator reads
   * `celsius`, `N_trials`, `dipole_smooth_win` and `dipole_scalefctr` from it when it runs.
   */
  get params(): NetworkParams {
    return this.#params;
  }

  /** `[nX, nY]` of the pyramidal grid. */
  get meshShape(): [number, number] {
    return [this.#meshShape[0], this.#meshShape[1]];
  }

  /** The memory limit (bytes) of building and simulating this network ({@link NetworkOptions.maxMemoryBytes}). */
  get maxMemoryBytes(): number {
    return this.#maxMemoryBytes;
  }

  /** Whether the network was built in legacy mode. */
  get legacyMode(): boolean {
    return this.#legacyMode;
  }

  /** In-plane distance between pyramidal somata (µm); scales every lamtha (NETWORK.md §5). */
  get inplaneDistance(): number {
    return this.#inplaneDistance;
  }

  /** Distance between the L2 and L5 pyramidal layers (µm). */
  get layerSeparation(): number {
    return this.#layerSeparation;
  }

  /** `params['celsius']` (37.0 when the params do not say). */
  get celsius(): number {
    const c = this.#params.celsius;
    return typeof c === "number" ? c : 37.0;
  }

  /** `pos_dict['origin']` (drive cells sit here). */
  get origin(): Vec3 {
    const o = this.posDict.origin;
    if (o === undefined || isPosList(o)) throw new ValueError("posDict['origin'] is missing or not a single [x, y, z]");
    return o as Vec3;
  }

  /** The gid ranges of the cell types and drives (one value, rebuilt when a population is added or removed). */
  get populations(): Populations {
    return this.#populations;
  }

  /** hnn-core `gid_ranges`: population name (cell types, then drives) -> gid range, read-only. */
  get gidRanges(): Readonly<Record<string, Readonly<GidRange>>> {
    return this.#populations.ranges;
  }

  /** hnn-core `_n_gids`: number of gids of cells and drives. */
  get nGids(): number {
    return this.#populations.nGids;
  }

  /** Positions of one population (cell type or drive). @throws ValueError for an unknown name. */
  positions(name: string): Vec3[] {
    const p = this.posDict[name];
    if (name === "origin" || p === undefined || !isPosList(p)) {
      checkOption("name", name, Object.keys(this.posDict).filter((k) => k !== "origin"));
    }
    return p as Vec3[];
  }

  /** Cell positions by type (hnn-core `Network.plot_cells`; {@link plotCells}). Needs `hnn-wasm/viz` imported. */
  plotCells(options: PlotCellsOptions = {}): Figure {
    return plotRenderer("plotCells", "Network.plotCells")(this, options);
  }

  /** hnn-core `__repr__`: `<Network | 35 L2_basket cells\n100 L2_pyramidal cells...>`. */
  toString(): string {
    const desc = Object.keys(this.cellTypes).map((name) => {
      const p = this.posDict[name];
      return `${isPosList(p) ? p.length : 0} ${name} cells`;
    });
    return `<Network | ${desc.join("\n")}>`;
  }

  /**
   * hnn-core `set_cell_positions(*, inplane_distance=None, layer_separation=None)` (NETWORK.md §1.3):
   * recompute the grid; `posDict` is replaced by the default layout plus the drives at the origin.
   * @throws TypeError for a non-number, ValueError for a value <= 0.
   */
  setCellPositions(opts: { inplaneDistance?: number | null; layerSeparation?: number | null } = {}): void {
    const inplane = opts.inplaneDistance ?? this.#inplaneDistance;
    checkFinite("inplaneDistance", inplane, "float or int");
    if (!(inplane > 0)) throw new ValueError(`In-plane distance must be positive, got: ${pyNum(inplane)}`);
    const sep = opts.layerSeparation ?? this.#layerSeparation;
    checkFinite("layerSeparation", sep, "float or int");
    if (!(sep > 0)) throw new ValueError(`Layer separation must be positive, got: ${pyNum(sep)}`);
    this.posDict = defaultPosDict(this.meshShape, sep, inplane);
    for (const [name, drive] of Object.entries(this.externalDrives)) this.posDict[name] = repeatPoint(this.origin, drive.nDriveCells);
    this.#inplaneDistance = inplane;
    this.#layerSeparation = sep;
  }

  /** hnn-core `_add_cell_type`: append a population's gid range and positions (and template for a cell type). */
  #addPopulation(name: string, pos: Vec3[], template?: NetworkCellType): void {
    this.#populations = this.#populations.appended(name, pos.length, template === undefined ? "drive" : "cell");
    this.posDict[name] = pos;
    if (template !== undefined) this.cellTypes[name] = template;
  }

  /** DriveHost hook: hnn-core `_add_cell_type(name, pos)` for drive cells (no template). */
  addDriveCells(name: string, pos: Vec3[]): void {
    if (typeof name !== "string" || name.length === 0) throw typeError("name", "str", name);
    if (this.#populations.has(name) || name === "origin") throw new ValueError(`${name} is already a population of the network`);
    this.#addPopulation(
      name,
      pos.map((p) => [p[0], p[1], p[2]] as Vec3),
    );
  }

  /** DriveHost hook: the last connection shares the previous one's `srcGids` set. */
  shareLastSrcGids(): void {
    const n = this.connectivity.length;
    if (n < 2) throw new ValueError("shareLastSrcGids needs two connections");
    this.connectivity[n - 1].srcGids = this.connectivity[n - 2].srcGids;
  }

  /** hnn-core `gid_to_type(gid)`: the population holding `gid`, or null. */
  gidToType(gid: number): string | null {
    return this.#populations.typeOf(gid);
  }

  /**
   * hnn-core `add_connection(src_gids, target_gids, loc, receptor, weight, delay, lamtha, ...)`
   * (NETWORK.md §4): append a connection class. Arguments: {@link AddConnectionArgs}.
   * @throws TypeError / ValueError with hnn-core's messages.
   */
  addConnection(...args: AddConnectionArgs): void {
    this.connectivity.push(makeConnection(this, ...args));
  }

  /** hnn-core `clear_connectivity`: remove every cell-to-cell connection (drive connections stay). */
  clearConnectivity(): void {
    this.connectivity = this.connectivity.filter((c) => c.srcType in this.externalDrives);
  }

  /** hnn-core `clear_drives`: remove drives, their gids, positions and connections (gids are not renumbered). */
  clearDrives(): void {
    this.connectivity = this.connectivity.filter((c) => !(c.srcType in this.externalDrives));
    for (const name of Object.keys(this.externalDrives)) delete this.posDict[name];
    this.#populations = this.#populations.without((p) => p.name in this.externalDrives);
    this.externalDrives = {};
  }

  /** hnn-core `copy()`: a deep copy with drive `events` cleared and electrode data reset. */
  copy(): Network {
    const externalDrives: Record<string, ExternalDrive> = {};
    for (const [name, d] of Object.entries(this.externalDrives)) {
      externalDrives[name] = d.copy();
      externalDrives[name].events = [];
    }
    const recArrays: Record<string, ExtracellularArray> = {};
    for (const [name, a] of Object.entries(this.recArrays)) recArrays[name] = a.at([]);
    const net = Network.fromConfig({
      params: copyParams(this.#params),
      meshShape: this.meshShape,
      legacyMode: this.#legacyMode,
      inplaneDistance: this.#inplaneDistance,
      layerSeparation: this.#layerSeparation,
      cellTypes: Object.fromEntries(Object.entries(this.cellTypes).map(([name, ct]) => [name, { cellObject: ct.cellObject.copy(), cellMetadata: { ...ct.cellMetadata } }])),
      posDict: structuredClone(this.posDict),
      gidRanges: this.gidRanges,
      externalDrives,
      externalBiases: structuredClone(this.externalBiases),
      connectivity: this.connectivity.map((c) => c.copy()),
      recArrays,
      threshold: this.threshold,
      delay: this.delay,
    });
    net.cellResponse = this.cellResponse;
    net.#maxMemoryBytes = this.#maxMemoryBytes;
    return net;
  }

  /** hnn-core `net == other` (`Network.__eq__`; see ./networkEquals.ts for what is compared). */
  equals(other: Network): boolean {
    return other instanceof Network && networkEquals(this, other);
  }

  /** hnn-core `write_configuration(fname, overwrite=True)`: the configuration JSON to a file (Node only). */
  writeConfiguration(fname: string, opts: WriteConfigurationOptions = {}): void {
    writeConfigurationFile(this, fname, opts);
  }

  /** hnn-core `filter_cell_types(**metadata)`: names of cell types whose metadata match all filters. */
  filterCellTypes(filters: Partial<CellMetadata> = {}): string[] {
    return Object.keys(this.cellTypes).filter((name) => {
      const md = this.cellTypes[name].cellMetadata as unknown as Record<string, unknown>;
      return Object.entries(filters).every(([k, v]) => k in md && md[k] === v);
    });
  }

  /**
   * hnn-core `set_global_synaptic_gains(e_e, e_i, i_e, i_i, copy=False)`: set `gain` on every
   * cell-to-cell connection of a class (drives untouched). With `copy: true` returns a modified copy.
   * @throws TypeError for a non-number gain, ValueError for a negative one.
   */
  setGlobalSynapticGains(gains: { [K in GainClass]?: number | null } & { copy?: boolean } = {}): Network | undefined {
    const copy = checkBool("copy", gains.copy ?? false);
    const net = copy ? this.copy() : this;
    setGlobalSynapticGains(net, gains);
    return copy ? net : undefined;
  }

  /** hnn-core `get_global_synaptic_gains()`: gain of the first connection of each E/I class present. */
  getGlobalSynapticGains(): SynapticGains {
    return getGlobalSynapticGains(this);
  }

  /** hnn-core `_check_global_synaptic_gains_uniformity`: true when every E/I class has one gain. */
  checkGlobalSynapticGainsUniformity(): boolean {
    return checkGlobalSynapticGainsUniformity(this);
  }

  /**
   * hnn-core `add_electrode_array(name, electrode_pos, *, conductivity=0.3, method='psa', min_distance=0.5)`
   * (simulateDipole records its potentials into `recArrays[name]`).
   */
  addElectrodeArray(
    name: string,
    electrodePos: Vec3 | Vec3[],
    opts: ElectrodeArrayOptions = {},
  ): void {
    if (typeof name !== "string") throw typeError("name", "str", name);
    if (name in this.recArrays) throw new ValueError(`${name} already exists, use another name!`);
    this.recArrays[name] = electrodeArray(electrodePos, opts);
  }

  // --- drives: thin delegates to drives.ts (DRIVES.md) ---------------------------------------

  /** hnn-core `add_evoked_drive(name, *, mu, sigma, numspikes, location, ...)`. */
  addEvokedDrive(name: string, opts: EvokedDriveOptions): ExternalDrive {
    return addEvokedDrive(this, name, opts);
  }

  /** hnn-core `add_poisson_drive(name, *, tstart, tstop, rate_constant, location, ...)`. */
  addPoissonDrive(name: string, opts: PoissonDriveOptions): ExternalDrive {
    return addPoissonDrive(this, name, opts);
  }

  /** hnn-core `add_bursty_drive(name, *, tstart, tstart_std, tstop, location, burst_rate, ...)`. */
  addBurstyDrive(name: string, opts: BurstyDriveOptions): ExternalDrive {
    return addBurstyDrive(this, name, opts);
  }

  /** hnn-core `add_spike_train_drive(name, *, spike_data, location, ...)`. */
  addSpikeTrainDrive(name: string, opts: SpikeTrainDriveOptions): ExternalDrive {
    return addSpikeTrainDrive(this, name, opts);
  }

  /** hnn-core `add_tonic_bias(*, cell_type=None, section='soma', bias_name='tonic', amplitude, t0=0, tstop=None)`. */
  addTonicBias(opts: TonicBiasOptions): void {
    addTonicBias(this, opts);
  }

  /** hnn-core `_add_drives_from_params(net)`: the drives of the params given to the constructor. */
  addDrivesFromParams(): void {
    addDrivesFromParams(this, this.#params as Params);
  }
}
