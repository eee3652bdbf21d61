// Shared by the browser tests: finding (or installing) Debian's Chromium and the flags it runs with.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ENSURE_SCRIPT = fileURLToPath(new URL("../../scripts/ensure-chromium.mjs", import.meta.url));
/** Flags that let Chromium start as root in a container with no network beyond loopback. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Installing Chromium with apt-get can take minutes on a slow mirror. */
export const SETUP_TIMEOUT_MS = 900_000;

/** Runs ensure-chromium.mjs: the browser's path, or why there is none (its last stderr line). */
export function ensureChromium(): Promise<{ path: string } | { reason: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ENSURE_SCRIPT], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d); // apt-get's progress, when it installs
    });
    child.on("close", (code) => {
      const lastLine = stderr.trim().split("\n").pop() ?? "";
      resolve(code === 0 ? { path: stdout.trim() } : { reason: lastLine || `ensure-chromium.mjs exited with ${code}` });
    });
  });
}

/** Where the screenshots are kept for a person to look at (HNN_SHOTS_DIR, else a folder in the temp dir). */
const SHOTS_DIR = process.env.HNN_SHOTS_DIR ?? join(tmpdir(), "hnn-wasm-workbench-shots");

/** Keeps a screenshot as `name` in the screenshots folder. */
export function keepShot(name: string, png: Uint8Array): void {
  mkdirSync(SHOTS_DIR, { recursive: true });
  writeFileSync(join(SHOTS_DIR, name), png);
}
