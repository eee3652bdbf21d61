/** hnn-wasm public API. */
export {};
