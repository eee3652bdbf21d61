// hnn-wasm engine entry point (exports). Filled in by the engine modules.
export function engineVersion(): i32 {
  return 1;
}
