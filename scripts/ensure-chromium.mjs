#!/usr/bin/env node
// @ts-check
// Makes Debian's Chromium available for the browser tests (test/browser) and CI (.ci/run).
// Prints the browser's path on stdout and exits 0 when it is installed, or installs it first with
// `apt-get install -y chromium` when running as root where apt-get exists (debianPackage.mjs).
// Otherwise prints why not on stderr and exits 2.
import { ensureDebianPackage } from "./debianPackage.mjs";

// Where Debian's `chromium` package installs the browser.
ensureDebianPackage("/usr/bin/chromium", "chromium");
