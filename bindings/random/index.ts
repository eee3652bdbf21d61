/**
 * numpy-compatible random numbers (../shared/spec/RNG.md): legacy `RandomState` (MT19937) for drive
 * event times and `default_rng` (PCG64 `Generator`) for connection pruning.
 */
export { MT19937, MT19937_N, checkLegacySeed } from "./mt19937";
export { RandomState } from "./randomState";
export { SeedSequence, PCG64, PCG64_MULTIPLIER } from "./pcg64";
export { Generator, defaultRng } from "./generator";
export type { ChoiceOptions } from "./generator";
