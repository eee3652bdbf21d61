/**
 * `hnn-wasm/queue` (Node): batches on a Redis queue (BullMQ). {@link redisBackend} is the
 * submitter's {@link JobBackend}; {@link startQueueWorker} serves a queue (`hnn-wasm worker`).
 * Importing this entry (or `hnn-wasm/node`) lets `BatchSimulate.run(grid, { backend: { queue } })`
 * make the backend from a `{ queue: "redis://HOST:PORT[/NAME]", name }` spec.
 */
import { registerQueueBackend } from "../batch/jobBackend";
import { redisBackend } from "./redisBackend";

registerQueueBackend((spec) => redisBackend(spec));

export { redisBackend, RedisJobBackend, type RedisBackendOptions, type QueuedJob } from "./redisBackend";
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from "./queueWorker";
export { queueAddress, DEFAULT_QUEUE_NAME, type QueueAddress } from "./queueSpec";
export { registerQueueBackend, type JobBackend, type JobBatch, type JobOutcome, type JobFailure, type QueueProgress, type QueueSpec, type BackendRunOptions, type BatchOutcome } from "../batch/jobBackend";
