/**
 * Chooses the DOM `Document` that figures are built in. One code path for Node and the browser:
 * a figure function uses, in order, the document passed in its options, the default registered
 * with {@link setDefaultDocument} (bindings/viz/node.ts registers a linkedom document when it is
 * imported), or the global `document` of a browser.
 */

let defaultDocument: Document | null = null;

/** Registers the document used when a figure function is given none (Node: a linkedom document). */
export function setDefaultDocument(doc: Document | null): void {
  defaultDocument = doc;
}

/**
 * The document to build a figure in.
 *
 * @param doc - an explicit document (wins over everything else)
 * @throws Error when no document is available (Node without importing bindings/viz/node.ts)
 */
export function resolveDocument(doc?: Document): Document {
  if (doc) return doc;
  if (defaultDocument) return defaultDocument;
  const g = globalThis as { document?: Document };
  if (g.document && typeof g.document.createElementNS === "function") return g.document;
  throw new Error(
    "No DOM document for the figure: pass { document } in the options, run in a browser, or in Node " +
      "import bindings/viz/node.ts (it registers a linkedom document).",
  );
}

/** The SVG namespace. */
export const SVG_NS = "http://www.w3.org/2000/svg";
