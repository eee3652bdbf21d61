/**
 * Worker entry for Web Workers: serves the pool's requests (partitionServer.ts). Bundled into a
 * string at build time (scripts/inline.mjs) and started from a Blob URL, so no bundler has to find it.
 */
import { partitionServer, type PartitionRequest } from "./partitionServer";

const scope = globalThis as unknown as { postMessage(m: unknown, t: Transferable[]): void; onmessage: ((ev: MessageEvent<PartitionRequest>) => void) | null };
const serve = partitionServer((r, transfer) => scope.postMessage(r, transfer));
scope.onmessage = (ev) => serve(ev.data);
