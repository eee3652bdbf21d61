/**
 * Writing a network configuration to a file (hnn-core `Network.write_configuration(fname,
 * overwrite=True)`, hnn_io.py `write_network_configuration` with a path). Node only: the file is
 * written through Node's `fs`, loaded when called (./../util/nodeFs.ts), so browser bundles that
 * never call it still load.
 */

import type { Network } from "../model/network";
import { nodeFs } from "../util/nodeFs";
import { checkBool, typeError, ValueError } from "../util/validate";
import { writeNetworkConfiguration } from "./networkJsonWrite";

/** Options of {@link writeConfigurationFile}. */
export interface WriteConfigurationOptions {
  /** Replace an existing file. Default true (hnn-core's default). */
  overwrite?: boolean;
}

/**
 * hnn-core `write_network_configuration(net, fname, overwrite)`: the configuration JSON
 * ({@link writeNetworkConfiguration}, without outputs) written to `fname` (UTF-8).
 * @throws ValueError `File already exists at path <fname>. Rename the file or set overwrite=True.`
 *   (hnn-core's FileExistsError) when the file exists and `overwrite` is false; TypeError for a
 *   non-string `fname`.
 */
export function writeConfigurationFile(net: Network, fname: string, opts: WriteConfigurationOptions = {}): void {
  if (typeof fname !== "string") throw typeError("fname", "str or Path", fname);
  const overwrite = checkBool("overwrite", opts.overwrite ?? true);
  const fs = nodeFs();
  if (!overwrite && fs.existsSync(fname)) {
    throw new ValueError(`File already exists at path ${fname}. Rename the file or set overwrite=True.`);
  }
  fs.writeFileSync(fname, writeNetworkConfiguration(net), "utf8");
}
