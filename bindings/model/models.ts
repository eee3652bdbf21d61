/**
 * hnn-core 0.6.1's network models (network_models.py, NETWORK.md §3): `neymotin_2020_model`
 * (= `jones_2009_model`), `law_2021_model`, `calcium_model`, and `add_erp_drives_to_jones_model`.
 */

import { applyLaw2021CellEdits, pyramidalCa } from "./cells";
import { Network, type NetworkOptions } from "./network";
import type { NetworkParams } from "./networkConfig";
import { checkBool, checkFinite, typeError, ValueError } from "../util/validate";
import { DEFAULT_PARAMS } from "./paramsDefault";

/** Options shared by the model functions (hnn-core keyword arguments in camelCase). */
export interface ModelOptions {
  /** hnn-core parameters (a flat dict like default.json); default: default.json's values. */
  params?: NetworkParams | null;
  /** Add the drives defined in `params` (evdist1, evprox1, evprox2 for default.json). Default false. */
  addDrivesFromParams?: boolean;
  /** HNN GUI compatibility mode (deprecated in hnn-core). Default false. */
  legacyMode?: boolean;
  /** Pyramidal grid `[nX, nY]`. Default [10, 10]. */
  meshShape?: [number, number];
  /** Memory limit (bytes) of building and simulating the network ({@link NetworkOptions.maxMemoryBytes}); default 2 GiB. */
  maxMemoryBytes?: number;
}

function paramNumber(params: NetworkParams, key: string): number {
  if (!(key in params)) throw new ValueError(`params is missing '${key}' (a connection weight of the default model)`);
  return checkFinite(`params['${key}']`, params[key]);
}

/**
 * hnn-core `neymotin_2020_model(params=None, add_drives_from_params=False, legacy_mode=False,
 * mesh_shape=(10, 10))`: the default column with its 16 cell-to-cell connections (NETWORK.md §3.3),
 * added after any params-file drives.
 */
export function neymotin2020Model(opts: ModelOptions = {}): Network {
  if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
  const params: NetworkParams = opts.params ?? { ...DEFAULT_PARAMS };
  if (typeof params !== "object" || Array.isArray(params)) throw typeError("params", "dict", params);
  // The Network checks meshShape, and the memory its cells need, before it places them.
  const net = new Network(params, {
    addDrivesFromParams: checkBool("addDrivesFromParams", opts.addDrivesFromParams ?? false),
    legacyMode: opts.legacyMode ?? false,
    meshShape: opts.meshShape ?? [10, 10],
    maxMemoryBytes: opts.maxMemoryBytes,
  });
  const delay = net.delay;
  const w = (key: string) => paramNumber(params, key);

  // layer2 Pyr -> layer2 Pyr, layer5 Pyr -> layer5 Pyr
  for (const target of ["L2_pyramidal", "L5_pyramidal"]) {
    for (const receptor of ["nmda", "ampa"]) {
      const short = target === "L2_pyramidal" ? "L2Pyr" : "L5Pyr";
      net.addConnection(target, target, "proximal", receptor, w(`gbar_${short}_${short}_${receptor}`), delay, 3.0, {
        allowAutapses: false,
      });
    }
  }
  // layer2 Basket -> layer2 Pyr
  for (const receptor of ["gabaa", "gabab"]) {
    net.addConnection("L2_basket", "L2_pyramidal", "soma", receptor, w(`gbar_L2Basket_L2Pyr_${receptor}`), delay, 50.0);
  }
  // layer5 Basket -> layer5 Pyr
  for (const receptor of ["gabaa", "gabab"]) {
    net.addConnection("L5_basket", "L5_pyramidal", "soma", receptor, w(`gbar_L5Basket_L5Pyr_${receptor}`), delay, 70.0);
  }
  // layer2 Pyr -> layer5 Pyr
  for (const loc of ["proximal", "distal"]) {
    net.addConnection("L2_pyramidal", "L5_pyramidal", loc, "ampa", w("gbar_L2Pyr_L5Pyr"), delay, 3.0);
  }
  // layer2 Basket -> layer5 Pyr
  net.addConnection("L2_basket", "L5_pyramidal", "distal", "gabaa", w("gbar_L2Basket_L5Pyr"), delay, 50.0);
  // layer2 Pyr -> layer2 Basket
  net.addConnection("L2_pyramidal", "L2_basket", "soma", "ampa", w("gbar_L2Pyr_L2Basket"), delay, 3.0);
  // layer2 Basket -> layer2 Basket (autapses allowed, as in hnn-core)
  net.addConnection("L2_basket", "L2_basket", "soma", "gabaa", w("gbar_L2Basket_L2Basket"), delay, 20.0);
  // layer5 Basket -> layer5 Basket
  net.addConnection("L5_basket", "L5_basket", "soma", "gabaa", w("gbar_L5Basket_L5Basket"), delay, 20.0, {
    allowAutapses: false,
  });
  // layer5 Pyr -> layer5 Basket
  net.addConnection("L5_pyramidal", "L5_basket", "soma", "ampa", w("gbar_L5Pyr_L5Basket"), delay, 3.0);
  // layer2 Pyr -> layer5 Basket
  net.addConnection("L2_pyramidal", "L5_basket", "soma", "ampa", w("gbar_L2Pyr_L5Basket"), delay, 3.0);
  return net;
}

/** hnn-core `jones_2009_model(...)`: the same network as {@link neymotin2020Model} (hnn-core warns it is deprecated). */
export function jones2009Model(opts: ModelOptions = {}): Network {
  return neymotin2020Model(opts);
}

/**
 * hnn-core `law_2021_model(...)` (NETWORK.md §3.5): Jones model with slower GABAb on pyramidal cells,
 * no `ca` in the L5 soma/basal dendrites, edited weights, L2_basket→L5_pyr distal GABAb instead of
 * GABAa, and an extra L5_basket→L5_pyr distal GABAa connection. Indices are absolute like hnn-core's,
 * so with `addDrivesFromParams: true` the edits hit drive connections (hnn-core's quirk, reproduced).
 */
export function law2021Model(opts: ModelOptions = {}): Network {
  const net = jones2009Model(opts);
  applyLaw2021CellEdits(net.cellTypes);
  if (net.connectivity.length < 11) throw new ValueError("law_2021_model needs the 16 default connections");
  net.connectivity[2].ncDict.A_weight = 0.0004;
  net.connectivity[6].ncDict.A_weight = 0.02;
  net.connectivity[7].ncDict.A_weight = 0.005;
  net.connectivity.splice(10, 1);
  net.addConnection("L2_basket", "L5_pyramidal", "distal", "gabab", 0.0002, 1.0, 50.0);
  const params = opts.params ?? DEFAULT_PARAMS;
  net.addConnection("L5_basket", "L5_pyramidal", "distal", "gabaa", paramNumber(params, "gbar_L5Basket_L5Pyr_gabaa"), net.delay, 70.0);
  return net;
}

/**
 * hnn-core `calcium_model(...)` (NETWORK.md §3.6): Jones model whose L5 pyramidal template is
 * `pyramidalCa` (distance-dependent gkbar/gnabar/gbar_ca, CELLS.md §3.6).
 */
export function calciumModel(opts: ModelOptions = {}): Network {
  const net = jones2009Model(opts);
  const ct = net.cellTypes.L5_pyramidal;
  const pos = ct.cellObject.pos;
  net.cellTypes.L5_pyramidal = { cellObject: pyramidalCa("L5_pyramidal", [pos[0], pos[1], pos[2]]), cellMetadata: ct.cellMetadata };
  return net;
}

/**
 * hnn-core `add_erp_drives_to_jones_model(net, tstart=0.0)` (DRIVES.md §9): evdist1, evprox1, evprox2
 * with the ERP example's weights and seeds 274/544/814.
 */
export function addErpDrivesToJonesModel(net: Network, tstart = 0.0): void {
  if (!(net instanceof Network)) throw typeError("net", "Network", net);
  checkFinite("tstart", tstart, "float or int");
  net.addEvokedDrive("evdist1", {
    mu: 63.53 + tstart,
    sigma: 3.85,
    numspikes: 1,
    weightsAmpa: { L2_basket: 0.006562, L2_pyramidal: 7e-6, L5_pyramidal: 0.1423 },
    weightsNmda: { L2_basket: 0.019482, L2_pyramidal: 0.004317, L5_pyramidal: 0.080074 },
    location: "distal",
    synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 },
    eventSeed: 274,
  });
  const delaysProx = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 };
  net.addEvokedDrive("evprox1", {
    mu: 26.61 + tstart,
    sigma: 2.47,
    numspikes: 1,
    weightsAmpa: { L2_basket: 0.08831, L2_pyramidal: 0.01525, L5_basket: 0.19934, L5_pyramidal: 0.00865 },
    weightsNmda: null,
    location: "proximal",
    synapticDelays: delaysProx,
    eventSeed: 544,
  });
  net.addEvokedDrive("evprox2", {
    mu: 137.12 + tstart,
    sigma: 8.33,
    numspikes: 1,
    weightsAmpa: { L2_basket: 0.000003, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: 0.684013 },
    location: "proximal",
    synapticDelays: { ...delaysProx },
    eventSeed: 814,
  });
}
