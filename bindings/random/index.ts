/**
 * numpy-compatible random numbers (../shared/spec/RNG.md): legacy `RandomState` (MT19937) for drive
 * event times and `default_rng` (PCG64 `Generator`) for connection pruning.
 */
export { MT19937 } from "./mt19937";
export { RandomState } from "./randomState";
export { SeedSequence, PCG64 } from "./pcg64";
export { Generator, defaultRng } from "./generator";
export type { ChoiceOptions } from "./generator";
