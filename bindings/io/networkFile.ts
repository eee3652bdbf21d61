/** Reading hnn-core network configuration files (.json or .json.gz) in Node. */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { readNetworkConfiguration } from "./networkJson";
import type { Network } from "../model/network";
import { ValueError } from "../util/validate";

/** Reads an hnn-core network file (.json or .json.gz) into a Network, keeping its stored drive events. */
export function readNetworkFile(path: string): Network {
  if (!existsSync(path)) throw new Error(`network file not found: ${path}`);
  const raw = readFileSync(path);
  let text: string;
  try {
    text = (path.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  } catch {
    throw new ValueError(`network file ${path} is not valid gzip`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ValueError(`network file ${path} is not JSON: ${(e as Error).message}`);
  }
  return readNetworkConfiguration(json as Record<string, unknown>);
}
