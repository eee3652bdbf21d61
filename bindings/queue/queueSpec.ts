/**
 * Naming for the Redis queue: `redis://HOST:PORT[/NAME]` (the path names the BullMQ queue, not a
 * Redis database as it would for ioredis), the keys hnn-wasm keeps beside BullMQ's, the job IDs of
 * a batch, and the Redis connections (ioredis, handed to BullMQ as instances, as its ESM build needs).
 */
import { Redis, type RedisOptions } from "ioredis";
import { typeError, ValueError } from "../util/validate";
import type { QueueSpec } from "../batch/jobBackend";

/** A parsed queue address. */
export interface QueueAddress {
  /** `redis://HOST:PORT` (or `rediss://` with TLS), with user and password if given, without the path. */
  url: string;
  /** BullMQ queue name. */
  name: string;
}

/** The queue name when neither the URL's path nor `name` gives one. */
export const DEFAULT_QUEUE_NAME = "hnn";

/**
 * `{ queue: "redis://HOST:PORT[/NAME]", name }` as a URL and a queue name (`name` wins over the path).
 * @throws ValueError for a URL that is not redis:// or rediss://, or a name with ':' (BullMQ's separator).
 */
export function queueAddress(spec: QueueSpec): QueueAddress {
  if (typeof spec !== "object" || spec === null || typeof spec.queue !== "string") throw typeError("backend", "{ queue: 'redis://HOST:PORT', name }", spec);
  let parsed: URL;
  try {
    parsed = new URL(spec.queue);
  } catch {
    throw new ValueError(`queue must be a URL redis://HOST:PORT[/NAME], got '${spec.queue}'`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new ValueError(`queue must be a URL redis://HOST:PORT[/NAME], got '${spec.queue}'`);
  const fromPath = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, ""));
  const name = spec.name ?? (fromPath === "" ? DEFAULT_QUEUE_NAME : fromPath);
  if (typeof name !== "string" || name === "" || /[:/\s]/.test(name)) throw new ValueError(`queue name must be a non-empty name without ':', '/' or spaces, got '${String(name)}'`);
  parsed.pathname = "";
  return { url: parsed.toString().replace(/\/$/, ""), name };
}

/** Redis keys of hnn-wasm's own records for queue `name` (BullMQ's live under `bull:<name>:`). */
export const keys = {
  /** A network configuration (JSON), by its SHA-256. */
  config: (name: string, hash: string): string => `hnn-wasm:${name}:config:${hash}`,
  /** A batch's record (JSON: total, jobs, meta). */
  batch: (name: string, batchId: string): string => `hnn-wasm:${name}:batch:${batchId}`,
};

/** BullMQ job ID of job `index` of a batch (BullMQ refuses ':' and bare integers). */
export const jobId = (batchId: string, index: number): string => `${batchId}.${index}`;

/**
 * A connection to the queue's Redis. `blocking` (a BullMQ Worker's) retries commands forever, as
 * BullMQ requires; a submitter's fails a command after one lost reconnection so that it can tell
 * a Redis that is gone from a slow one.
 */
export function connect(address: QueueAddress, blocking: boolean): Redis {
  const opts: RedisOptions = blocking ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableAutoPipelining: true };
  return new Redis(address.url, opts);
}
