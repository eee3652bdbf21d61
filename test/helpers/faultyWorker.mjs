// A simulation worker (dist/worker.js, loaded below) that fails on purpose when it gets its
// `workerData.atStep`-th step request: `fault` "throw" (an uncaught exception), "exit"
// (process.exit(7): the thread ends without an error), or "oom" (allocates until the heap limit
// that the pool's resourceLimits set). Test-only (test/api/simulate.workerFaults.test.ts).
import { parentPort, workerData } from "node:worker_threads";

const { fault, atStep, script } = workerData;
let steps = 0;

function maybeFail(req) {
  if (req.kind !== "step" || ++steps !== atStep) return;
  if (fault === "throw") throw new Error("injected fault");
  if (fault === "exit") process.exit(7);
  const hoard = [];
  for (;;) hoard.push(new Array(1 << 16).fill(steps));
}

// The server registers its handler on load: every message passes maybeFail first.
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) => on(event, event === "message" ? (req) => (maybeFail(req), listener(req)) : listener);
await import(script);
