/**
 * Where the library's warnings go (hnn-core's `warnings.warn` / `DeprecationWarning`). Library code
 * never writes to the console: it calls {@link warn}, which hands the message to the handler set
 * with {@link setWarningHandler}. By default warnings are dropped; the command line and the
 * examples set a handler that writes them to stderr (`console.warn`).
 */

/** Receives one warning message. */
export type WarningHandler = (message: string) => void;

const drop: WarningHandler = () => undefined;
let handler: WarningHandler = drop;

/**
 * Sets the function that receives every warning (null: drop warnings, the default).
 * @returns the handler that was set before, to restore it later.
 */
export function setWarningHandler(next: WarningHandler | null): WarningHandler | null {
  const previous = handler === drop ? null : handler;
  handler = next ?? drop;
  return previous;
}

/** Issues a warning through the current handler. */
export function warn(message: string): void {
  handler(message);
}
