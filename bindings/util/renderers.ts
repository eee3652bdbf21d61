/**
 * Figures that core objects draw through their methods (`cell.plotMorphology()`, …) without the
 * core entry importing any figure or DOM code: `hnn-wasm/viz` registers its plot functions here when
 * it is imported, and the methods look them up by name.
 */

/** Any plot function (each entry has its own signature; callers name it in {@link renderer}). */
type Renderer = (...args: never[]) => unknown;

const renderers = new Map<string, Renderer>();

/** Registers the plot function `name` (called by bindings/viz/index.ts on import). */
export function registerRenderer(name: string, fn: Renderer): void {
  renderers.set(name, fn);
}

/**
 * The plot function registered as `name`.
 * @param method the calling method, for the error message (e.g. `cell.plotMorphology()`).
 * @throws Error when `hnn-wasm/viz` has not been imported.
 */
export function renderer<F extends Renderer>(name: string, method: string): F {
  const fn = renderers.get(name);
  if (fn === undefined) {
    throw new Error(`${method} draws with hnn-wasm's figures: import 'hnn-wasm/viz' (in Node 'hnn-wasm/node') first`);
  }
  return fn as F;
}
