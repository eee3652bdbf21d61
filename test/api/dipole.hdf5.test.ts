/**
 * Dipole in HDF5 as hnn-core 0.6.1 writes it (dipole.py `write` / `read_dipole` with h5io):
 * test/fixtures/dipole_ops/average_trial0_trial1_scale3000.hdf5.gz was written by hnn-core itself
 * through the real h5io and h5py (dipole_ops/gen_hdf5.py): the average of jones2009_erp's trials 0
 * and 1 (first 801 samples) scaled by 3000.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { averageDipoles, Dipole, readDipoleHdf5, ValueError, writeDipoleHdf5 } from "../../bindings/node";
import { readHdf5, writeHdf5 } from "../../bindings/io/h5io";
import { trial } from "../helpers/dipoleFixtures";
import { FIXTURES } from "../helpers/fixtures";

const dir = mkdtempSync(join(tmpdir(), "hnn-hdf5-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hnnFile = join(dir, "hnn_core.hdf5");
writeFileSync(hnnFile, gunzipSync(readFileSync(join(FIXTURES, "dipole_ops/average_trial0_trial1_scale3000.hdf5.gz"))));

/** The same dipole from the CSV fixtures with our operations (first 801 samples). */
function expected(): Dipole {
  const cut = (d: Dipole): Dipole =>
    new Dipole(d.times.slice(0, 801), { agg: d.data.agg.slice(0, 801), L2: d.data.L2!.slice(0, 801), L5: d.data.L5!.slice(0, 801) });
  return averageDipoles([cut(trial(0)), cut(trial(1))]).scale(3000);
}

/** Every node of an HDF5 file: path, h5io TITLE, dtype, shape, filters (via h5wasm). */
async function layout(fname: string): Promise<string[]> {
  const h5 = (await import("h5wasm/node")) as unknown as typeof import("h5wasm");
  await h5.ready;
  const f = new h5.File(fname, "r");
  const out: string[] = [];
  const walk = (path: string): void => {
    const node = f.get(path);
    if (!(node instanceof h5.Group || node instanceof h5.Dataset)) throw new Error(`${path}: not a group or dataset`);
    const title = String(node.attrs.TITLE?.value);
    if (node instanceof h5.Group) {
      out.push(`${path} group ${title}`);
      for (const k of node.keys()) walk(`${path}/${k}`);
    } else {
      out.push(`${path} ${title} ${node.dtype} [${node.shape?.join(",")}] ${node.filters.map((x) => x.name).join(",")}`);
    }
  };
  walk("h5io");
  f.close();
  return out;
}

describe("readDipoleHdf5 of hnn-core's file", () => {
  it("gives hnn-core's dipole: times, each layer, nave 2, sfreq, scale_applied 3000", async () => {
    const d = await readDipoleHdf5(hnnFile);
    const e = expected();
    expect(d.nave).toBe(2);
    expect(d.scaleApplied).toBe(3000);
    expect(d.sfreq).toBe(40000);
    expect(d.layers()).toEqual(["agg", "L2", "L5"]);
    expect(Array.from(d.times)).toEqual(Array.from(e.times));
    // hnn-core's mean of two then ×3000 is the same IEEE arithmetic as ours: equal to the bit.
    for (const l of d.layers()) expect(Array.from(d.data[l]!)).toEqual(Array.from(e.data[l]!));
  });

  it("hnn-core's errors: a missing file, no object_type, another object type", async () => {
    await expect(readDipoleHdf5(join(dir, "none.hdf5"))).rejects.toThrow(`File not found at path ${join(dir, "none.hdf5")}.`);
    const noType = join(dir, "notype.hdf5");
    await writeHdf5(noType, { times: Float64Array.of(0, 1) });
    await expect(readDipoleHdf5(noType)).rejects.toThrow(
      new ValueError("The given file is not compatible. The file should contain information about object type to be read."),
    );
    const other = join(dir, "other.hdf5");
    await writeHdf5(other, { object_type: "Network" });
    await expect(readDipoleHdf5(other)).rejects.toThrow(
      new ValueError("The object should be of type Dipole. The file contains object of type Network"),
    );
  });
});

describe("writeDipoleHdf5", () => {
  it("writes h5io's layout node for node as hnn-core's file (names, TITLEs, dtypes, shapes, gzip on the string)", async () => {
    const ours = join(dir, "ours.hdf5");
    await writeDipoleHdf5(expected(), ours);
    const theirs = await layout(hnnFile);
    expect(theirs).toContain("h5io/key_nave int <q [1] ");
    expect(theirs).toContain("h5io/key_object_type unicode <B [6] deflate");
    expect(await layout(ours)).toEqual(theirs);
  });

  it("round trip: a float scale stays a float, nave an int; values to the bit", async () => {
    const d = trial(0).scale(1.5);
    const f = join(dir, "rt.hdf5");
    await writeDipoleHdf5(d, f);
    const raw = (await readHdf5(f)) as Record<string, unknown>;
    expect(raw.scale_applied).toBe(1.5);
    expect(raw.nave).toBe(1);
    const back = await readDipoleHdf5(f);
    expect(back.scaleApplied).toBe(1.5);
    for (const l of d.layers()) expect(Array.from(back.data[l]!)).toEqual(Array.from(d.data[l]!));
  });

  it("overwrite false on an existing file is hnn-core's FileExistsError message; the extension must be .hdf5", async () => {
    await expect(writeDipoleHdf5(trial(0), hnnFile, { overwrite: false })).rejects.toThrow(
      new ValueError(`File already exists at path ${hnnFile}. Rename the file or set overwrite=True.`),
    );
    await expect(writeDipoleHdf5(trial(0), join(dir, "x.h5"))).rejects.toThrow(/extension should be hdf5/);
  });
});
