/** Worker entry for Node worker_threads (dist/worker.js): serves the pool's requests (partitionServer.ts). */
import { parentPort } from "node:worker_threads";
import { partitionServer } from "./partitionServer";

if (parentPort !== null) {
  const port = parentPort;
  port.on("message", partitionServer((r, transfer) => port.postMessage(r, transfer)));
}
