/**
 * Output files of the command line (simulate, and later batch and fit): the output folder is checked
 * before any work starts, files are written under temporary names in that folder and renamed into
 * place only once all are written, and an interrupted run leaves no temporary file behind. A CSV
 * that exists is therefore always complete, and a run's files appear together.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ValueError } from "../util/validate";

/** Temporary files written and not yet renamed or removed, by every {@link OutputBatch} of the process. */
const pending = new Set<string>();
/** Folders {@link prepareOutputDir} created, each from the output folder up to the first one created. */
const created: string[][] = [];

/**
 * After a failed or interrupted run: removes every temporary file not yet renamed into place, and
 * the folders this process created for output if they are still empty. Never throws.
 */
export function discardOutputs(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
  for (const chain of created.splice(0)) {
    for (const dir of chain) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty (or gone): keep it and its parents
      }
    }
  }
}

/** The message of a file-system error without Node's stack or syscall noise (`EACCES: permission denied`). */
function reason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const text = err.message ?? String(e);
  return err.code !== undefined ? text.replace(/,.*$/, "") : text;
}

/**
 * Checks `dir` before a run: it is created if missing; an existing folder with files in it is only
 * used with `overwrite`; a probe file is written and removed, so an unwritable folder fails now.
 * @param flag the option that named the folder, for messages (`--out`).
 * @throws ValueError with a one-line message.
 */
export function prepareOutputDir(dir: string, overwrite: boolean, flag = "--out"): void {
  let isDir: boolean | null = null;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // missing: created below
  }
  if (isDir === false) throw new ValueError(`${flag} ${dir} exists and is not a folder`);
  if (isDir && !overwrite && readdirSync(dir).length > 0) {
    throw new ValueError(`output folder ${dir} is not empty; pass --overwrite to replace its files, or choose another ${flag}`);
  }
  try {
    const first = mkdirSync(dir, { recursive: true });
    if (first !== undefined) {
      const chain = [dir];
      for (let d = dir; resolve(d) !== resolve(first) && dirname(d) !== d; ) chain.push((d = dirname(d)));
      created.push(chain);
    }
    const probe = join(dir, `.hnn-wasm-probe-${process.pid}.tmp`);
    closeSync(openSync(probe, "w"));
    rmSync(probe, { force: true });
  } catch (e) {
    throw new ValueError(`cannot write to output folder ${dir}: ${reason(e)}`);
  }
}

/**
 * Files written together: {@link write} puts each under a temporary name beside its final one,
 * {@link commit} renames them all into place. Until then {@link discardOutputs} removes them.
 */
export class OutputBatch {
  private readonly staged: [temporary: string, final: string][] = [];

  constructor(private readonly dir: string) {}

  /** Writes `text` to `name` in the folder under a temporary name (flushed to disk). */
  write(name: string, text: string): void {
    const final = join(this.dir, name);
    const temporary = join(this.dir, `.${basename(name)}.${process.pid}.${this.staged.length}.tmp`);
    pending.add(temporary);
    const fd = openSync(temporary, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.staged.push([temporary, final]);
  }

  /**
   * Removes the folder's files that `previous` matches (an earlier run's outputs, so none is mixed
   * with this run's), then renames every written file into place.
   */
  commit(previous?: RegExp): void {
    if (previous !== undefined) {
      const mine = new Set(this.staged.map(([, final]) => basename(final)));
      for (const name of readdirSync(this.dir)) if (previous.test(name) && !mine.has(name)) rmSync(join(this.dir, name), { force: true });
    }
    for (const [temporary, final] of this.staged) {
      renameSync(temporary, final);
      pending.delete(temporary);
    }
    this.staged.length = 0;
    created.length = 0;
  }
}
