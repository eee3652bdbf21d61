// @ts-check
// Shared by ensure-chromium.mjs and ensure-redis.mjs: makes a program of a Debian package available,
// installing the package with `apt-get install -y` (after `apt-get update` if the package lists
// are stale or empty) when running as root where apt-get exists. apt-get's own output goes to
// stderr so that stdout holds only the program's path.
import { accessSync, constants } from "node:fs";
import { spawnSync } from "node:child_process";

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

/** @param {string} pkg @returns {string | null} why `pkg` cannot be installed here, or null */
function installReason(pkg) {
  if (process.platform !== "linux") return `installing it is only automated on Debian (this is ${process.platform})`;
  if (!isExecutable(APT_GET)) return `${APT_GET} not found, so it cannot be installed here`;
  if (process.getuid?.() !== 0) return `not running as root, so \`apt-get install -y ${pkg}\` cannot run here`;
  return null;
}

/**
 * Prints `path` on stdout and exits 0 when it is installed (installing Debian's `pkg` first if
 * needed and possible); otherwise prints why not on stderr and exits 2.
 * @param {string} path the program, e.g. /usr/bin/chromium
 * @param {string} pkg the Debian package that installs it
 */
export function ensureDebianPackage(path, pkg) {
  if (!isExecutable(path)) {
    const cannot = installReason(pkg);
    if (cannot !== null) {
      process.stderr.write(`${path} is missing and ${cannot}\n`);
      process.exit(2);
    }
    process.stderr.write(`${path} is missing: installing Debian's ${pkg} with apt-get\n`);
    if (!apt(["install", "-y", pkg])) {
      apt(["update"]);
      apt(["install", "-y", pkg]);
    }
    if (!isExecutable(path)) {
      process.stderr.write(`${path} is still missing after \`apt-get install -y ${pkg}\` (see apt-get's output above)\n`);
      process.exit(2);
    }
  }
  process.stdout.write(path + "\n");
}
