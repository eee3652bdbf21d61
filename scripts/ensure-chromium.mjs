#!/usr/bin/env node
// @ts-check
// Makes Debian's Chromium available for the browser tests (test/browser) and CI (.ci/run).
// Prints the browser's path on stdout and exits 0 when it is installed, or installs it first with
// `apt-get install -y chromium` (after `apt-get update` if the package lists are stale or empty)
// when running as root where apt-get exists. Otherwise prints why not on stderr and exits 2.
// apt-get's own output goes to stderr so that stdout holds only the path.
import { accessSync, constants } from "node:fs";
import { spawnSync } from "node:child_process";

/** Where Debian's `chromium` package installs the browser. */
const CHROMIUM_PATH = "/usr/bin/chromium";
const APT_GET = "/usr/bin/apt-get";

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string[]} args apt-get's arguments @returns {boolean} whether it exited 0 */
function apt(args) {
  const r = spawnSync(APT_GET, args, { stdio: ["ignore", process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return r.status === 0;
}

function installReason() {
  if (process.platform !== "linux") return `installing it is only automated on Debian (this is ${process.platform})`;
  if (!isExecutable(APT_GET)) return `${APT_GET} not found, so it cannot be installed here`;
  if (process.getuid?.() !== 0) return "not running as root, so `apt-get install -y chromium` cannot run here";
  return null;
}

if (!isExecutable(CHROMIUM_PATH)) {
  const cannot = installReason();
  if (cannot !== null) {
    process.stderr.write(`${CHROMIUM_PATH} is missing and ${cannot}\n`);
    process.exit(2);
  }
  process.stderr.write(`${CHROMIUM_PATH} is missing: installing Debian's chromium with apt-get\n`);
  if (!apt(["install", "-y", "chromium"])) {
    apt(["update"]);
    apt(["install", "-y", "chromium"]);
  }
  if (!isExecutable(CHROMIUM_PATH)) {
    process.stderr.write(`${CHROMIUM_PATH} is still missing after \`apt-get install -y chromium\` (see apt-get's output above)\n`);
    process.exit(2);
  }
}
process.stdout.write(CHROMIUM_PATH + "\n");
