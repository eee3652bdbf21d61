/**
 * Params-file drives, tonic biases and the less common drive arguments against hnn-core 0.6.1.
 * Expected drive dicts, biases, connection summaries and event times (2 trials) were produced by running
 * the same calls in hnn-core 0.6.1 (test/fixtures/drives/params_cases.json.gz).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

import { dynamicsToHnn, type ExternalDrive } from "../../bindings/model/driveTypes";
import { instantiateDriveEvents, instantiateDrives } from "../../bindings/model/eventTimes";
import { addErpDrivesToJonesModel, jones2009Model, neymotin2020Model } from "../../bindings/model/models";
import type { Network } from "../../bindings/model/network";
import { readParams } from "../../bindings/model/params";
import { makeParams } from "../../bindings/model/paramsDefault";
import { extractDriveSpecsFromHnnParams } from "../../bindings/model/paramsDrives";
import {
  DEFAULT_PARAMS,
  DEFAULT_PARAMS_JSON,
  GAMMA_L5WEAK_L2WEAK_JSON,
  getParamsDefault,
} from "../../bindings/model/paramsDefault";

interface Case {
  note: string;
  tstop: number;
  nTrials: number;
  gidRanges: Record<string, [number, number]>;
  nConnections: number;
  connections: {
    src_type: string;
    target_type: string;
    loc: string;
    receptor: string;
    nc_dict: Record<string, number>;
    num_srcs: number;
    num_targets: number;
  }[];
  drives: Record<string, Record<string, unknown> & { events: number[][][] }>;
  biases: Record<string, Record<string, unknown>>;
}

const cases: Record<string, Case> = JSON.parse(
  gunzipSync(readFileSync(new URL("../fixtures/drives/params_cases.json.gz", import.meta.url))).toString("utf8"),
);

/** hnn-core's drive dict of one of our drives (events left out). */
function hnnDrive(d: ExternalDrive): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: d.type,
    location: d.location,
    n_drive_cells: d.nDriveCells,
    event_seed: d.eventSeed,
    conn_seed: d.connSeed,
    dynamics: dynamicsToHnn(d.type, d.dynamics),
    weights_ampa: d.weightsAmpa,
    weights_nmda: d.weightsNmda,
    synaptic_delays: d.synapticDelays,
    probability: d.probability,
    name: d.name,
    target_types: d.targetTypes,
    cell_specific: d.cellSpecific,
  };
  if (d.sourceToGidMap !== undefined) out.source_to_gid_map = d.sourceToGidMap;
  return out;
}

const quietly = <T>(f: () => T): T => {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return f();
  } finally {
    console.warn = warn;
  }
};

const builders: Record<string, () => Network> = {
  gamma_params: () =>
    jones2009Model({
      params: readParams(JSON.stringify(GAMMA_L5WEAK_L2WEAK_JSON), "gamma_L5weak_L2weak.json"),
      addDrivesFromParams: true,
      meshShape: [3, 3],
    }),
  all_feeds: () => {
    const p2 = {
      ...DEFAULT_PARAMS_JSON,
      t0_input_prox: 50.0,
      tstop_input_prox: 400,
      f_input_prox: 12.0,
      f_stdev_prox: 0.0,
      events_per_cycle_prox: 3,
      repeats_prox: 4,
      t0_input_stdev_prox: 5.0,
      prng_seedcore_input_prox: 11,
      input_prox_A_weight_L2Pyr_ampa: 1e-4,
      input_prox_A_weight_L5Pyr_nmda: 2e-4,
      input_prox_A_weight_L5Basket_ampa: 3e-5,
      t0_input_dist: 70,
      tstop_input_dist: 180.5,
      f_input_dist: 20.0,
      f_stdev_dist: 4.0,
      events_per_cycle_dist: 1,
      repeats_dist: 2,
      prng_seedcore_input_dist: 5,
      input_dist_A_weight_L2Pyr_ampa: 5e-5,
      input_dist_A_weight_L2Basket_nmda: 1e-5,
      L2Basket_Gauss_mu: 100.0,
      L2Basket_Gauss_sigma: 7.5,
      L2Pyr_Gauss_A_weight: 0.001,
      L2Basket_Gauss_A_weight: 0.002,
      L2Pyr_Gauss_mu: 3.5,
      prng_seedcore_extgauss: 9,
      t0_pois: -10.0,
      T_pois: 150.0,
      L5Pyr_Pois_lamtha: 25.0,
      L2Pyr_Pois_lamtha: -3.0,
      L5Pyr_Pois_A_weight_ampa: 0.001,
      prng_seedcore_extpois: 4,
      sync_evinput: 1,
      tstop: 300.0,
    };
    return jones2009Model({ params: makeParams(p2), addDrivesFromParams: true, meshShape: [3, 4] });
  },
  dict_tonic: () =>
    jones2009Model({
      params: {
        ...DEFAULT_PARAMS,
        Itonic_A_L2Pyr_soma: 0.5,
        Itonic_t0_L2Pyr_soma: 10.0,
        Itonic_T_L2Pyr_soma: 100.0,
        Itonic_A_L5Basket_soma: -0.1,
        Itonic_t0_L5Basket_soma: 20.0,
        Itonic_T_L5Basket_soma: -1.0,
      },
      addDrivesFromParams: true,
      meshShape: [2, 2],
    }),
  api_mix: () => {
    const net = neymotin2020Model({ meshShape: [3, 3] });
    addErpDrivesToJonesModel(net, 5);
    net.addPoissonDrive("pois_any", {
      tstart: 10.0,
      tstop: 120.0,
      rateConstant: 30.0,
      location: "distal",
      nDriveCells: 3,
      cellSpecific: false,
      weightsAmpa: { L2_pyramidal: 1e-3 },
      weightsNmda: { L5_pyramidal: 2e-3 },
      synapticDelays: { L2_pyramidal: 0.2, L5_pyramidal: 0.3 },
      eventSeed: 17,
    });
    net.addPoissonDrive("pois_cs", {
      rateConstant: 55.5,
      location: "soma",
      weightsAmpa: { L2_basket: 1e-3, L5_basket: 1e-3 },
      eventSeed: 3,
      probability: 0.5,
    });
    net.addEvokedDrive("ev3", {
      mu: 40.0,
      sigma: 15.0,
      numspikes: 3,
      location: "proximal",
      nDriveCells: 2,
      cellSpecific: false,
      weightsAmpa: { L5_pyramidal: 1e-3 },
      eventSeed: 1,
      probability: { L5_pyramidal: 0.6 },
      connSeed: 7,
    });
    quietly(() =>
      net.addSpikeTrainDrive("st", {
        spikeData: { a: [30.0, 5.0, 180.0], b: [], c: [-1.0, 12.5] },
        location: "distal",
        weightsAmpa: { L2_pyramidal: 1e-3 },
        connSeed: 4,
      }),
    );
    net.addTonicBias({ amplitude: { L2_pyramidal: 0.1, L5_basket: 0.2 }, t0: 5.0 });
    return net;
  },
};

describe("params-file drives and drive options vs hnn-core 0.6.1", () => {
  for (const [id, build] of Object.entries(builders)) {
    it(`${id}: ${cases[id].note}`, () => {
      const ref = cases[id];
      const net = build();
      expect(Object.fromEntries(Object.entries(net.gidRanges).map(([k, r]) => [k, [r.start, r.stop]]))).toEqual(ref.gidRanges);
      expect(net.externalBiases).toEqual(ref.biases);
      if (id === "dict_tonic") {
        // its L5_basket bias ends at -1 ms: simulate_dipole's check rejects it
        expect(() => instantiateDrives(net, ref.tstop, ref.nTrials)).toThrow("End time of tonic input cannot be negative");
        instantiateDriveEvents(net, ref.tstop, ref.nTrials);
      } else {
        instantiateDrives(net, ref.tstop, ref.nTrials);
      }
      expect(Object.keys(net.externalDrives)).toEqual(Object.keys(ref.drives));
      let n = 0;
      let identical = 0;
      let maxAbs = 0;
      for (const [name, refDrive] of Object.entries(ref.drives)) {
        const { events: refEvents, ...refRest } = refDrive;
        const d = net.externalDrives[name];
        expect(hnnDrive(d), name).toEqual(refRest);
        expect(d.events.length).toBe(refEvents.length);
        refEvents.forEach((trial, tr) => {
          expect(d.events[tr].length, `${name} trial ${tr}`).toBe(trial.length);
          trial.forEach((cell, c) => {
            expect(d.events[tr][c].length, `${name} trial ${tr} cell ${c}`).toBe(cell.length);
            cell.forEach((t, k) => {
              n++;
              if (d.events[tr][c][k] === t) identical++;
              maxAbs = Math.max(maxAbs, Math.abs(d.events[tr][c][k] - t));
            });
          });
        });
      }
      console.log(`[drives] ${id}: ${n} event times, ${identical} bit-identical, max |Δ| = ${maxAbs.toExponential(3)} ms`);
      expect(maxAbs).toBeLessThanOrEqual(1e-9);
      // connections made by the drives (and the model), in order
      expect(net.connectivity.length).toBe(ref.nConnections);
      ref.connections.forEach((c, i) => {
        const ours = net.connectivity[i];
        expect(
          {
            src_type: ours.srcType,
            target_type: ours.targetType,
            loc: ours.loc,
            receptor: ours.receptor,
            nc_dict: { ...ours.ncDict },
            num_srcs: ours.numSrcs,
            num_targets: ours.numTargets,
          },
          `connection ${i}`,
        ).toEqual(c);
      });
    });
  }
});

describe("params data and readers", () => {
  it("DEFAULT_PARAMS = read_params(default.json): the template keys, default.json's values", () => {
    const template = getParamsDefault(2, 1);
    expect(Object.keys(DEFAULT_PARAMS)).toEqual(Object.keys(template));
    expect(DEFAULT_PARAMS.tstop).toBe(170);
    expect(DEFAULT_PARAMS.L2Basket_Gauss_mu).toBe(2000.0); // template value (default.json has no Gauss keys)
    expect("prng_seedcore_evdist_2" in DEFAULT_PARAMS).toBe(false); // no t_evdist_2 -> not in the template
    expect(readParams(JSON.stringify(DEFAULT_PARAMS_JSON), "default.json")).toEqual(DEFAULT_PARAMS);
  });

  it("default.json drive specs (DRIVES.md §8.1)", () => {
    const specs = extractDriveSpecsFromHnnParams({ ...DEFAULT_PARAMS }, ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]);
    expect(Object.keys(specs).sort()).toEqual(["evdist1", "evprox1", "evprox2"]);
    expect(specs.evdist1.dynamics).toEqual({ mu: 63.53, sigma: 3.85, numspikes: 1, nDriveCells: "n_cells" });
    expect(specs.evprox2.weightsAmpa).toEqual({ L2_basket: 3e-6, L2_pyramidal: 1.43884, L5_basket: 0.008958, L5_pyramidal: 0.684013 });
    expect(specs.evprox1.synapticDelays).toEqual({ L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 });
  });

  it("legacy .param text", () => {
    const p = readParams("tstop: 120.5\nN_trials: 3\nsim_prefix: mysim\nf_input_prox: 1e1\nt_evprox_1: 20\n", "old.param");
    expect(p.tstop).toBe(120.5);
    expect(p.N_trials).toBe(3);
    expect(p.sim_prefix).toBe("mysim");
    expect(p.f_input_prox).toBe(10);
    expect(p.t_evprox_1).toBe(20);
    expect("t_evprox_2" in p).toBe(false); // one evoked proximal input counted -> template has only evprox_1
    expect(() => readParams("tstop: 1\n\nN_trials: 2\n", "old.param")).toThrow("not enough values to unpack");
  });

  it("drive repr", () => {
    const net = neymotin2020Model({ meshShape: [3, 3] });
    const d = net.addBurstyDrive("alpha", {
      tstart: 50.5,
      burstRate: 10.5,
      burstStd: 20.5,
      location: "proximal",
      nDriveCells: 10,
      weightsAmpa: { L2_pyramidal: 5.4e-5 },
    });
    expect(String(d)).toBe(
      "<External drive 'alpha'\ndrive class: bursty\ntarget location: proximal\ntarget cell types: ['L2_pyramidal']\n" +
        "number of drive cells: 10\ncell-specific: False\ndynamic parameters:\n\ttstart: 50.5\n\ttstart_std: 0\n\ttstop: None\n" +
        "\tburst_rate: 10.5\n\tburst_std: 20.5\n\tnumspikes: 2\n\tspike_isi: 10>",
    );
  });
});
