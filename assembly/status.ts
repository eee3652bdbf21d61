// Status codes the engine hands to the bindings, exported as wasm globals (the bindings read them
// from the instance). Build calls return an index (≥ 0) or BUILD_OK on success, a BUILD_* code (< 0) else.

/** A build call succeeded (calls that make nothing to index). */
export const BUILD_OK: i32 = 0;
/** A build call after initialize(): the model is frozen (NetCon table, buffers, solve groups). */
export const BUILD_AFTER_INITIALIZE: i32 = -1;
/** An index (node, section, synapse, mechanism kind, gid) or a count out of range. */
export const BUILD_BAD_ARGUMENT: i32 = -2;
/** A mechanism that uses an ion pool (ca, kca) at a node where no pool mechanism (cad) is. */
export const BUILD_NO_ION_POOL: i32 = -3;
/** A second spike source for one gid, or a VecStim time before any VecStim. */
export const BUILD_SOURCE_CONFLICT: i32 = -4;

// run() status (runStatus()).
export const STATUS_OK: i32 = 0;
/** A membrane potential became non-finite or left ±1000 mV (see unstableNode()). */
export const STATUS_UNSTABLE: i32 = 1;
/** More spikes in one run() call than the spike buffer holds. */
export const STATUS_SPIKE_OVERFLOW: i32 = 2;
