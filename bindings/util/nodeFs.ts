/**
 * Synchronous access to Node's `fs` and `path` that does not break browser bundles (nothing is
 * imported at load time; outside Node the functions throw a clear error).
 */

type NodeFs = typeof import("node:fs");
type NodePath = typeof import("node:path");

interface ProcessLike {
  getBuiltinModule?: (id: string) => unknown;
}

/** Node's `fs` module, loaded synchronously; throws a clear error outside Node. */
export function nodeFs(): NodeFs {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
  if (fs === undefined) {
    throw new Error(
      "File access needs Node.js (>= 20.16); in a browser use the text functions " +
        "(toText / readDipole(text) / readSpikesText) instead",
    );
  }
  return fs;
}

/** Node's `path` module (see {@link nodeFs}). */
export function nodePath(): NodePath {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const path = proc?.getBuiltinModule?.("node:path") as NodePath | undefined;
  if (path === undefined) throw new Error("Path handling needs Node.js (>= 20.16)");
  return path;
}
