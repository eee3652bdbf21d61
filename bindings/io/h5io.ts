/**
 * The HDF5 layout of the Python package h5io (`write_hdf5` / `read_hdf5`, h5io 0.2.x), which
 * hnn-core uses for `.hdf5` files, read and written with h5wasm (an optional dependency: the HDF5 C
 * library in WebAssembly; Node only here, through its `h5wasm/node` build on the host file system).
 *
 * h5io's layout: everything under one group named by the title (`h5io`); every node has a string
 * attribute `TITLE` naming its Python type. A dict is a group `dict` whose members are named
 * `key_<key>`; a list / tuple a group `list` / `tuple` of `idx_0`, `idx_1`, ...; an int a dataset
 * `int` of one int64, a float a dataset `float` of one float64; a str a dataset `unicode` of its
 * UTF-8 bytes (uint8, gzip level 4); a numpy array a dataset `ndarray` (not compressed); None a
 * dataset `None`; numpy scalars `np_<type>` of one element.
 */

import { ValueError } from "../util/validate";

/** What the reader returns: Python values as JavaScript ones (an int as a number, an ndarray as a typed array or nested arrays). */
export type H5ioValue = number | string | boolean | null | ArrayBufferView | H5ioValue[] | { [key: string]: H5ioValue };

/** What the writer takes: a bigint is a Python int, a number a float, a Float64Array an ndarray. */
export type H5ioWritable = bigint | number | string | Float64Array | H5ioWritable[] | { [key: string]: H5ioWritable };

// The part of h5wasm's API used here (structural, so that h5wasm's types are not needed by users).
interface H5Attr {
  readonly value: unknown;
}
interface H5Node {
  readonly attrs: Record<string, H5Attr>;
  create_attribute(name: string, data: string): void;
}
interface H5Dataset extends H5Node {
  readonly value: unknown;
  readonly shape: number[] | null;
  to_array(): unknown;
}
interface H5Group extends H5Node {
  keys(): string[];
  get(name: string): H5Group | H5Dataset | null;
  create_group(name: string): H5Group;
  create_dataset(args: { name: string; data: ArrayBufferView; chunks?: number[]; compression?: number }): H5Dataset;
}
interface H5File extends H5Group {
  close(): unknown;
}
interface H5Wasm {
  ready: Promise<unknown>;
  File: new (path: string, mode: "r" | "w") => H5File;
}

let h5wasmModule: Promise<H5Wasm> | null = null;

/** h5wasm's Node build, loaded once. @throws Error naming the package when it is not installed. */
async function h5wasm(): Promise<H5Wasm> {
  h5wasmModule ??= (async () => {
    let mod: H5Wasm;
    try {
      mod = (await import("h5wasm/node")) as unknown as H5Wasm;
    } catch (e) {
      h5wasmModule = null;
      throw new Error(`HDF5 files need the optional dependency h5wasm (npm install h5wasm): ${(e as Error).message}`);
    }
    await mod.ready;
    return mod;
  })();
  return h5wasmModule;
}

const isGroup = (node: H5Group | H5Dataset): node is H5Group => typeof (node as H5Group).keys === "function";

function title(node: H5Node): string {
  const t = node.attrs.TITLE?.value;
  if (typeof t !== "string") throw new ValueError("not an h5io node: no TITLE attribute");
  return t;
}

/** The first element of a one-element dataset as a number. */
function scalar(ds: H5Dataset): number {
  const v = ds.value as ArrayLike<number | bigint>;
  return Number(v[0]);
}

/** h5io `_triage_read` for the types listed in the module note. */
function readNode(node: H5Group | H5Dataset): H5ioValue {
  const t = title(node);
  if (isGroup(node)) {
    if (t === "dict") {
      const out: Record<string, H5ioValue> = {};
      for (const k of node.keys()) out[k.slice(4)] = readNode(node.get(k)!);
      return out;
    }
    if (t === "list" || t === "tuple") {
      const out: H5ioValue[] = [];
      for (let i = 0; node.keys().includes(`idx_${i}`); i++) out.push(readNode(node.get(`idx_${i}`)!));
      return out;
    }
    throw new ValueError(`Unknown group type: ${t}`);
  }
  if (t === "ndarray") return (node.shape ?? []).length <= 1 ? (node.value as ArrayBufferView) : (node.to_array() as H5ioValue);
  if (t === "int" || t === "float") return scalar(node);
  if (t.startsWith("np_")) return t === "np_bool_" || t === "np_bool" ? scalar(node) !== 0 : scalar(node);
  if (t === "unicode" || t === "ascii" || t === "str" || t === "json") {
    const text = new TextDecoder(t === "ascii" ? "ascii" : "utf-8").decode(node.value as Uint8Array);
    return t === "json" ? (JSON.parse(text) as H5ioValue) : text;
  }
  if (t === "None") return null;
  throw new TypeError(`Unknown node type: ${t}`);
}

function dataset(root: H5Group, key: string, kind: string, data: ArrayBufferView, compress = false): void {
  const n = (data as Uint8Array).length;
  const ds = root.create_dataset(compress && n > 0 ? { name: key, data, chunks: [n], compression: 4 } : { name: key, data });
  ds.create_attribute("TITLE", kind);
}

/** h5io `_triage_write` for {@link H5ioWritable} values. */
function writeNode(root: H5Group, key: string, value: H5ioWritable): void {
  if (typeof value === "bigint") return dataset(root, key, "int", BigInt64Array.of(value));
  if (typeof value === "number") return dataset(root, key, "float", Float64Array.of(value));
  if (typeof value === "string") return dataset(root, key, "unicode", new TextEncoder().encode(value), true);
  if (value instanceof Float64Array) return dataset(root, key, "ndarray", value);
  const group = root.create_group(key);
  if (Array.isArray(value)) {
    group.create_attribute("TITLE", "list");
    value.forEach((v, i) => writeNode(group, `idx_${i}`, v));
  } else {
    group.create_attribute("TITLE", "dict");
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("/")) throw new ValueError('Found a key with "/", this is not allowed if slash == error');
      writeNode(group, `key_${k}`, v);
    }
  }
}

/**
 * h5io `read_hdf5(fname, title='h5io')`: the value stored in an HDF5 file in h5io's layout.
 * @throws ValueError `no "h5io" data found` when the file has no such group.
 */
export async function readHdf5(fname: string, titleName = "h5io"): Promise<H5ioValue> {
  const { File } = await h5wasm();
  const f = new File(fname, "r");
  try {
    if (!f.keys().includes(titleName)) throw new ValueError(`no "${titleName}" data found`);
    return readNode(f.get(titleName)!);
  } finally {
    f.close();
  }
}

/** h5io `write_hdf5(fname, data, overwrite=True, title='h5io')`: a new file holding `data`. */
export async function writeHdf5(fname: string, data: H5ioWritable, titleName = "h5io"): Promise<void> {
  const { File } = await h5wasm();
  const f = new File(fname, "w");
  try {
    writeNode(f, titleName, data);
  } finally {
    f.close();
  }
}
