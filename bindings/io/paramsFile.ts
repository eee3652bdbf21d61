/**
 * hnn-core parameter files on disk (Node): `read_params(params_fname)` and `convert_to_json`
 * (params.py), which turns a flat .json or legacy .param file into a network configuration file.
 */

import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { neymotin2020Model } from "../model/models";
import { removeNulledDrives } from "../model/nulledDrives";
import { readParams as readParamsText } from "../model/params";
import type { Params } from "../model/paramsObject";
import { checkBool, typeError } from "../util/validate";

/** Whether a single argument is parameter text rather than a path (JSON, or several lines). */
const looksLikeText = (s: string): boolean => /[\r\n]/.test(s) || s.trimStart().startsWith("{");

/**
 * hnn-core `read_params(params_fname, file_contents=None)`. With one argument it is a path (a
 * `.json` or legacy `.param` file) read from disk; with two, or with one that is itself JSON or
 * several lines, it is the file's text as in the core `readParams(text, fname)`.
 * @throws ValueError `Unrecognized extension, expected one of .json, .param. Got <ext>` and
 *   `Failed to read parameters from file: <fname>` (empty file), as hnn-core; Error
 *   `File not found at path <fname>.` for a missing file.
 */
export function readParams(pathOrText: string, fname?: string): Params {
  if (typeof pathOrText !== "string") throw typeError("params_fname", "str or Path", pathOrText);
  if (fname !== undefined || looksLikeText(pathOrText)) return readParamsText(pathOrText, fname);
  // hnn-core checks the extension before opening the file: the core reader gives its message.
  if (![".json", ".param"].includes(pathSuffix(pathOrText))) return readParamsText("", pathOrText);
  if (!existsSync(pathOrText)) throw new Error(`File not found at path ${pathOrText}.`);
  return readParamsText(readFileSync(pathOrText, "utf8"), pathOrText);
}

/** Python `Path(p).suffix`: the last dot-part of the final component (none for `.bashrc` or `a.`). */
function pathSuffix(p: string): string {
  const name = basename(p);
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : "";
}

/** Options of {@link convertToJson} (hnn-core keyword arguments). */
export interface ConvertToJsonOptions {
  /** Add the drives the parameter file defines. Default true. */
  includeDrives?: boolean;
  /** Replace an existing output file. Default true. */
  overwrite?: boolean;
}

/**
 * hnn-core `convert_to_json(params_fname, out_fname, include_drives=True, overwrite=True)`: builds
 * `neymotin2020Model` from the parameter file (legacy mode for a `.param` file), removes the
 * drives that the file switched off ({@link removeNulledDrives}) and writes the network's
 * configuration to `outFname`, whose suffix becomes `.json` when it is not (Python
 * `Path.with_suffix`).
 * @returns the path written.
 * @throws TypeError `params_fname must be an instance of str or Path, got <class '...'> instead`
 *   (and `out_fname`); ValueError from {@link readParams} and from the file write (an existing
 *   file with `overwrite: false`).
 */
export function convertToJson(paramsFname: string, outFname: string, opts: ConvertToJsonOptions = {}): string {
  if (typeof paramsFname !== "string") throw typeError("params_fname", "str or Path", paramsFname);
  if (typeof outFname !== "string") throw typeError("out_fname", "str or Path", outFname);
  const includeDrives = checkBool("includeDrives", opts.includeDrives ?? true);
  const overwrite = checkBool("overwrite", opts.overwrite ?? true);
  const legacyMode = pathSuffix(paramsFname).toLowerCase() === ".param";
  const suffix = pathSuffix(outFname);
  const out = suffix === ".json" ? outFname : outFname.slice(0, outFname.length - suffix.length) + ".json";
  const net = neymotin2020Model({ params: readParams(paramsFname), addDrivesFromParams: includeDrives, legacyMode });
  removeNulledDrives(net).writeConfiguration(out, { overwrite });
  return out;
}
