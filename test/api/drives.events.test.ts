/**
 * Drive event times against hnn-core 0.6.1's (reference network.json `external_drives.*.events`),
 * for the six reference scenarios built through our API as their meta.json `calls` say.
 * Fixture: test/fixtures/drives/reference_drives.json.gz (drive dicts with events, copied from
 * ../shared/reference/<scenario>/network.json, plus RNG.md end_to_end drive vectors).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

import { dynamicsToHnn, type BurstyDriveOptions, type ExternalDrive } from "../../bindings/model/driveTypes";
import { instantiateDrives } from "../../bindings/model/eventTimes";
import { jones2009Model, law2021Model, neymotin2020Model } from "../../bindings/model/models";
import type { Network } from "../../bindings/model/network";
import { GAMMA_L5WEAK_L2WEAK_PARAMS } from "../../bindings/model/paramsDefault";

interface RefDrive {
  type: string;
  location: string;
  n_drive_cells: number;
  event_seed: number;
  conn_seed: number;
  dynamics: Record<string, unknown>;
  events: number[][][];
  weights_ampa: Record<string, number> | null;
  weights_nmda: Record<string, number> | null;
  synaptic_delays: number | Record<string, number>;
  probability: number | Record<string, number>;
  name: string;
  target_types: string[];
  cell_specific: boolean;
}
interface RefScenario {
  calls: string;
  tstop: number;
  nTrials: number;
  gidRanges: Record<string, { start: number; stop: number }>;
  externalDrives: Record<string, RefDrive>;
}
interface Fixture {
  scenarios: Record<string, RefScenario>;
  endToEnd: Record<string, any>;
}

const fixture: Fixture = JSON.parse(
  gunzipSync(readFileSync(new URL("../fixtures/drives/reference_drives.json.gz", import.meta.url))).toString("utf8"),
);

/** The proximal alpha drive of hnn-core's plot_simulate_alpha example. */
const ALPHA_PROX: BurstyDriveOptions = {
  tstart: 50,
  burstRate: 10,
  burstStd: 20,
  numspikes: 2,
  spikeIsi: 10,
  nDriveCells: 10,
  location: "proximal",
  weightsAmpa: { L2_pyramidal: 5.4e-5, L5_pyramidal: 5.4e-5 },
  synapticDelays: { L2_pyramidal: 0.1, L5_pyramidal: 1 },
  eventSeed: 284,
};

/** The seed example's get_network() (examples/howto/plot_connectivity.py). */
function seedNetwork(probability: number): Network {
  const net = neymotin2020Model({ addDrivesFromParams: true });
  net.clearConnectivity();
  for (const target of ["L5_pyramidal", "L2_basket"]) {
    net.addConnection("L5_pyramidal", target, "distal", "ampa", 1.0, 1.0, 70, { probability, connSeed: 3 });
  }
  for (const target of ["L5_pyramidal", "L2_basket"]) {
    net.addConnection("L2_basket", target, "soma", "gabaa", 1.0, 1.0, 70, { probability, connSeed: 3 });
  }
  return net;
}

/** Build each scenario as its meta.json `calls` say. */
const builders: Record<string, () => Network> = {
  jones2009_erp: () => jones2009Model({ addDrivesFromParams: true }),
  seed_custom_all: () => seedNetwork(1.0),
  seed_custom_sparse: () => seedNetwork(0.1),
  alpha: () => {
    const net = neymotin2020Model();
    net.addBurstyDrive("alpha_prox", ALPHA_PROX);
    net.addBurstyDrive("alpha_dist", {
      tstart: 50,
      burstRate: 10,
      burstStd: 15,
      numspikes: 2,
      spikeIsi: 10,
      nDriveCells: 10,
      location: "distal",
      weightsAmpa: { L2_pyramidal: 5.4e-5, L5_pyramidal: 5.4e-5 },
      synapticDelays: { L2_pyramidal: 5, L5_pyramidal: 5 },
      eventSeed: 296,
    });
    return net;
  },
  gamma: () => {
    const net = neymotin2020Model({ params: { ...GAMMA_L5WEAK_L2WEAK_PARAMS } });
    net.addPoissonDrive("poisson", {
      rateConstant: { L2_pyramidal: 140.0, L5_pyramidal: 40.0 },
      weightsAmpa: { L2_pyramidal: 0.0008, L5_pyramidal: 0.0075 },
      location: "proximal",
      synapticDelays: { L2_pyramidal: 0.1, L5_pyramidal: 1.0 },
      eventSeed: 1349,
    });
    return net;
  },
  beta: () => {
    // law_2021_model(); add_beta_drives(net, 50.0); add_erp_drives(net, 125.0) of plot_simulate_beta.py
    const net = law2021Model();
    const betaStart = 50.0;
    net.addBurstyDrive("beta_dist", {
      tstart: betaStart,
      tstartStd: 0,
      tstop: betaStart + 50,
      burstRate: 1,
      burstStd: 10,
      numspikes: 2,
      spikeIsi: 10,
      nDriveCells: 10,
      location: "distal",
      weightsAmpa: { L2_basket: 0.00032, L2_pyramidal: 0.00008, L5_pyramidal: 0.00004 },
      synapticDelays: { L2_basket: 0.5, L2_pyramidal: 0.5, L5_pyramidal: 0.5 },
      eventSeed: 290,
    });
    net.addBurstyDrive("beta_prox", {
      tstart: betaStart,
      tstartStd: 0,
      tstop: betaStart + 50,
      burstRate: 1,
      burstStd: 20,
      numspikes: 2,
      spikeIsi: 10,
      nDriveCells: 10,
      location: "proximal",
      weightsAmpa: { L2_basket: 0.00004, L2_pyramidal: 0.00002, L5_basket: 0.00002, L5_pyramidal: 0.00002 },
      synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1, L5_pyramidal: 1 },
      eventSeed: 300,
    });
    const stim = 125.0;
    const prox = { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1, L5_pyramidal: 1 };
    net.addEvokedDrive("evdist1", {
      mu: 70.0 + stim,
      sigma: 0.0,
      numspikes: 1,
      weightsAmpa: { L2_basket: 0.0005, L2_pyramidal: 0.004, L5_pyramidal: 0.0005 },
      weightsNmda: { L2_basket: 0.0005, L2_pyramidal: 0.004, L5_pyramidal: 0.0005 },
      location: "distal",
      synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_pyramidal: 0.1 },
      eventSeed: 274,
    });
    net.addEvokedDrive("evprox1", {
      mu: 25.0 + stim,
      sigma: 0.0,
      numspikes: 1,
      weightsAmpa: { L2_basket: 0.002, L2_pyramidal: 0.0011, L5_basket: 0.001, L5_pyramidal: 0.001 },
      weightsNmda: null,
      location: "proximal",
      synapticDelays: prox,
      eventSeed: 544,
    });
    net.addEvokedDrive("evprox2", {
      mu: 135.0 + stim,
      sigma: 0.0,
      numspikes: 1,
      weightsAmpa: { L2_basket: 0.005, L2_pyramidal: 0.005, L5_basket: 0.01, L5_pyramidal: 0.01 },
      location: "proximal",
      synapticDelays: prox,
      eventSeed: 814,
    });
    return net;
  },
};

/** Compare all event times; returns counts for the report. */
function compareEvents(name: string, ours: number[][][], ref: number[][][]) {
  let n = 0;
  let identical = 0;
  let maxAbs = 0;
  expect(ours.length, `${name}: trials`).toBe(ref.length);
  for (let tr = 0; tr < ref.length; tr++) {
    expect(ours[tr].length, `${name}: drive cells in trial ${tr}`).toBe(ref[tr].length);
    for (let c = 0; c < ref[tr].length; c++) {
      expect(ours[tr][c].length, `${name}: events of trial ${tr} cell ${c}`).toBe(ref[tr][c].length);
      for (let k = 0; k < ref[tr][c].length; k++) {
        const d = Math.abs(ours[tr][c][k] - ref[tr][c][k]);
        n++;
        if (ours[tr][c][k] === ref[tr][c][k]) identical++;
        if (d > maxAbs) maxAbs = d;
      }
    }
  }
  return { n, identical, maxAbs };
}

describe("drive event times vs hnn-core 0.6.1 reference network.json", () => {
  for (const [scenario, build] of Object.entries(builders)) {
    it(scenario, () => {
      const ref = fixture.scenarios[scenario];
      const net = build();
      instantiateDrives(net, ref.tstop, ref.nTrials);
      expect(Object.keys(net.externalDrives)).toEqual(Object.keys(ref.externalDrives));
      expect(net.gidRanges).toEqual(ref.gidRanges);
      let total = { n: 0, identical: 0, maxAbs: 0 };
      for (const [name, refDrive] of Object.entries(ref.externalDrives)) {
        const d: ExternalDrive = net.externalDrives[name];
        // the stored drive dict (everything but events) equals hnn-core's
        expect(d.type).toBe(refDrive.type);
        expect(d.location).toBe(refDrive.location);
        expect(d.nDriveCells).toBe(refDrive.n_drive_cells);
        expect(d.eventSeed).toBe(refDrive.event_seed);
        expect(d.connSeed).toBe(refDrive.conn_seed);
        expect(dynamicsToHnn(d.type, d.dynamics)).toEqual(refDrive.dynamics);
        expect(d.weightsAmpa).toEqual(refDrive.weights_ampa);
        expect(d.weightsNmda).toEqual(refDrive.weights_nmda);
        expect(d.synapticDelays).toEqual(refDrive.synaptic_delays);
        expect(d.probability).toEqual(refDrive.probability);
        expect(d.targetTypes).toEqual(refDrive.target_types);
        expect(d.cellSpecific).toBe(refDrive.cell_specific);
        const r = compareEvents(name, d.events, refDrive.events);
        total = { n: total.n + r.n, identical: total.identical + r.identical, maxAbs: Math.max(total.maxAbs, r.maxAbs) };
      }
      console.log(
        `[drives] ${scenario}: ${total.n} event times, ${total.identical} bit-identical, max |Δ| = ${total.maxAbs.toExponential(3)} ms`,
      );
      expect(total.maxAbs).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe("RNG.md end_to_end drive vectors", () => {
  it("bursty: alpha_prox and a tstart_std / 3-spike drive, 2 trials", () => {
    const v = fixture.endToEnd.bursty_examples;
    const net = neymotin2020Model();
    net.addBurstyDrive("alpha_prox", ALPHA_PROX);
    net.addBurstyDrive("jittered", {
      tstart: 50,
      tstartStd: 10.0,
      burstRate: 15,
      burstStd: 5.0,
      numspikes: 3,
      spikeIsi: 5,
      nDriveCells: 3,
      location: "distal",
      weightsAmpa: { L2_pyramidal: 5.4e-5 },
      synapticDelays: 0.1,
      eventSeed: 7,
    });
    expect(net.nGids).toBe(v.n_gids_total);
    instantiateDrives(net, 310, 2);
    let maxAbs = 0;
    for (const [name, dv] of Object.entries<any>(v.drives)) {
      const r = net.gidRanges[name];
      for (const cell of dv.cells) {
        for (const [tr, key] of [
          [0, "trial0_events"],
          [1, "trial1_events"],
        ] as const) {
          const ours = net.externalDrives[name].events[tr][cell.gid - r.start];
          expect(ours.length).toBe(cell[key].length);
          ours.forEach((t, i) => (maxAbs = Math.max(maxAbs, Math.abs(t - cell[key][i]))));
        }
      }
    }
    expect(maxAbs).toBeLessThanOrEqual(1e-9);
  });

  it("params-file ERP drives, trial 1 seeds (event_seed + first gid + trial * nGids)", () => {
    const v = fixture.endToEnd.jones2009_params_drives;
    const net = jones2009Model({ addDrivesFromParams: true });
    expect(net.nGids).toBe(v.n_gids_total);
    instantiateDrives(net, 170, 2);
    for (const [name, dv] of Object.entries<any>(v.drives)) {
      expect(net.externalDrives[name].eventSeed).toBe(dv.event_seed_stored);
      for (const cell of dv.cells) {
        const off = cell.gid - dv.first_gid;
        expect(net.externalDrives[name].eventSeed + off).toBe(cell.trial0_randomstate_seed);
        expect(net.externalDrives[name].eventSeed + off + net.nGids).toBe(cell.trial1_randomstate_seed);
        expect(net.externalDrives[name].events[0][off][0]).toBeCloseTo(cell.trial0_events[0], 12);
        expect(net.externalDrives[name].events[1][off][0]).toBeCloseTo(cell.trial1_events[0], 12);
      }
    }
  });

  it("repr of an instantiated drive", () => {
    const net = jones2009Model({ addDrivesFromParams: true });
    instantiateDrives(net, 170, 2);
    expect(String(net.externalDrives.evprox1)).toBe(
      "<External drive 'evprox1'\ndrive class: evoked\ntarget location: proximal\n" +
        "target cell types: ['L2_basket', 'L2_pyramidal', 'L5_basket', 'L5_pyramidal']\n" +
        "number of drive cells: 270\ncell-specific: True\ndynamic parameters:\n\tmu: 26.61\n\tsigma: 2.47\n" +
        "\tnumspikes: 1\nevent times instantiated for 2 trials>",
    );
  });
});
