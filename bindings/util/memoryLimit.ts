/**
 * The memory limit every build and simulate path checks before it allocates: an estimate made of
 * named parts ({@link MemoryPart}), compared with `maxMemoryBytes`, refused with a
 * {@link MemoryLimitError} that names the estimate and its largest parts.
 */
import { MemoryLimitError, ValueError } from "./validate";

/**
 * Default `maxMemoryBytes`: 2 GiB. A browser tab is the smallest host hnn-wasm runs in: a wasm32
 * memory cannot pass 4 GiB and Chrome ends a tab's renderer at about that size, so half of it leaves
 * room for the page. The default network recording every trace (recordVsec and recordIsec 'all',
 * 170 ms, one trial) needs about 1.4 GiB and fits; a 300 × 300 mesh does not.
 */
export const DEFAULT_MAX_MEMORY_BYTES = 2 * 2 ** 30;

/** One named part of a memory estimate. */
export interface MemoryPart {
  /** What needs the memory, with its count (`'NetCons (191025)'`). */
  what: string;
  /** Estimated bytes. */
  bytes: number;
}

/** Bytes as a short text: `512 B`, `3.2 MiB`, `67.1 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}

/**
 * `maxMemoryBytes` as given (a positive number of bytes, `Infinity` for no limit) or the default.
 * @throws TypeError for a non-number, ValueError for a value that is not > 0.
 */
export function checkMaxMemoryBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_MEMORY_BYTES;
  if (typeof value !== "number") throw new TypeError(`maxMemoryBytes must be a number of bytes, got ${String(value)}`);
  if (!(value > 0)) throw new ValueError(`maxMemoryBytes must be a positive number of bytes (or Infinity for no limit), got ${value}`);
  return value;
}

/** Parts shown in an error message. */
const PARTS_SHOWN = 3;

/**
 * Refuses a task whose estimated memory exceeds `maxMemoryBytes`.
 * @param task what was asked (`'simulateDipole'`, `'jones2009Model(meshShape: [300, 300])'`).
 * @param remedy what the caller can reduce, shown before the advice to raise the limit.
 * @throws MemoryLimitError naming the estimate and its largest parts.
 */
export function checkMemory(task: string, parts: readonly MemoryPart[], maxMemoryBytes: number, remedy: string): void {
  const total = parts.reduce((sum, p) => sum + p.bytes, 0);
  if (total <= maxMemoryBytes) return;
  const largest = [...parts]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, PARTS_SHOWN)
    .filter((p) => p.bytes > 0)
    .map((p) => `${p.what} ${formatBytes(p.bytes)}`);
  throw new MemoryLimitError(
    `${task} would need about ${formatBytes(total)}, more than maxMemoryBytes (${formatBytes(maxMemoryBytes)}); ` +
      `largest parts: ${largest.join(", ")}. ${remedy}, or raise maxMemoryBytes.`,
  );
}
