/**
 * hnn-core's Dipole in HDF5 (dipole.py `Dipole.write(fname.hdf5)` / `_write_hdf5` and
 * `read_dipole(fname.hdf5)` / `_read_dipole_hdf5`), in h5io's layout (./h5io.ts): a dict of
 * `object_type` ("Dipole"), `times`, `sfreq`, `nave`, `data` (a dict of agg, L2, L5 arrays) and
 * `scale_applied`. Node only; needs the optional dependency h5wasm.
 */

import { Dipole, DIPOLE_LAYERS, type DipoleData } from "../analysis/dipole";
import { nodeFs, nodePath } from "../util/nodeFs";
import { checkBool, describe, ValueError } from "../util/validate";
import { readHdf5, writeHdf5, type H5ioValue, type H5ioWritable } from "./h5io";

/** Options of {@link writeDipoleHdf5}. */
export interface WriteDipoleHdf5Options {
  /** Replace an existing file. Default true (hnn-core's default). */
  overwrite?: boolean;
}

/**
 * hnn-core `dpl.write(fname)` for a `.hdf5` file: the dipole in h5io's layout. `nave` is written
 * as a Python int; `scale_applied` as an int when it is a whole number (hnn-core's starts as the
 * int 1 and stays an int when scaled by ints), else as a float.
 * @throws ValueError `File already exists at path <fname>. Rename the file or set overwrite=True.`
 *   (hnn-core's FileExistsError), or for an extension other than `.hdf5`.
 */
export async function writeDipoleHdf5(dpl: Dipole, fname: string, opts: WriteDipoleHdf5Options = {}): Promise<void> {
  if (!(dpl instanceof Dipole)) throw new TypeError(`dpl must be a Dipole, got ${describe(dpl)}`);
  if (typeof fname !== "string") throw new TypeError(`fname must be a string, got ${describe(fname)}`);
  const overwrite = checkBool("overwrite", opts.overwrite ?? true);
  if (!overwrite && nodeFs().existsSync(fname)) {
    throw new ValueError(`File already exists at path ${fname}. Rename the file or set overwrite=True.`);
  }
  const ext = nodePath().extname(fname);
  if (ext !== ".hdf5") throw new ValueError(`File extension should be hdf5, but the given extension is ${ext}.`);
  const data: Record<string, H5ioWritable> = {};
  for (const layer of dpl.layers()) data[layer] = dpl.data[layer]!;
  const s = dpl.scaleApplied;
  await writeHdf5(fname, {
    object_type: "Dipole",
    times: dpl.times,
    sfreq: dpl.sfreq,
    nave: BigInt(dpl.nave),
    data,
    scale_applied: Number.isSafeInteger(s) ? BigInt(s) : s,
  });
}

const isDict = (v: H5ioValue | undefined): v is Record<string, H5ioValue> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** An h5io ndarray as a Float64Array. */
function floats(v: H5ioValue | undefined, name: string): Float64Array {
  if (!ArrayBuffer.isView(v)) throw new ValueError(`Dipole file: '${name}' is not an array`);
  return Float64Array.from(v as unknown as ArrayLike<number>);
}

/**
 * hnn-core `read_dipole(fname)` for a `.hdf5` file written by hnn-core (h5io) or
 * {@link writeDipoleHdf5}: times, the layers in `data`, `nave`, and the stored `sfreq` and
 * `scale_applied`.
 * @throws Error `File not found at path <fname>.`; ValueError `The given file is not compatible. The
 *   file should contain information about object type to be read.` (hnn-core's NameError) and
 *   `The object should be of type Dipole. The file contains object of type <type>`, as hnn-core.
 */
export async function readDipoleHdf5(fname: string): Promise<Dipole> {
  if (typeof fname !== "string") throw new TypeError(`fname must be a string, got ${describe(fname)}`);
  if (!nodeFs().existsSync(fname)) throw new Error(`File not found at path ${fname}.`);
  const d = await readHdf5(fname);
  if (!isDict(d) || !("object_type" in d)) {
    throw new ValueError("The given file is not compatible. The file should contain information about object type to be read.");
  }
  if (d.object_type !== "Dipole") {
    throw new ValueError(`The object should be of type Dipole. The file contains object of type ${String(d.object_type)}`);
  }
  if (!isDict(d.data)) throw new ValueError("Dipole file: 'data' is not a dict");
  const data: Partial<DipoleData> = {};
  for (const layer of DIPOLE_LAYERS) if (layer in d.data) data[layer] = floats(d.data[layer], `data/${layer}`);
  const dpl = new Dipole(floats(d.times, "times"), data as DipoleData, Number(d.nave));
  dpl.sfreq = Number(d.sfreq);
  dpl.scaleApplied = Number(d.scale_applied);
  return dpl;
}
