#!/usr/bin/env node
// @ts-check
// Makes Debian's Redis server available for the queue tests (test/queue) and CI (.ci/run).
// Prints the server's path on stdout and exits 0 when it is installed, or installs it first with
// `apt-get install -y redis-server` when running as root where apt-get exists (debianPackage.mjs).
// Otherwise prints why not on stderr and exits 2.
import { ensureDebianPackage } from "./debianPackage.mjs";

// Where Debian's `redis-server` package installs the server.
ensureDebianPackage("/usr/bin/redis-server", "redis-server");
