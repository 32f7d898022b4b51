/**
 * Runs `f` when the browser has nothing else to do (or after `timeout` ms at the latest): for work
 * the first screen does not need, such as charts and tables below the fold.
 */
export function requestIdle(f: () => void, timeout = 3000): number {
  return typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(f, { timeout }) : window.setTimeout(f, 200);
}

/** Cancels what `requestIdle` scheduled (0: nothing). */
export function cancelIdle(id: number): void {
  if (!id) return;
  if (typeof window.cancelIdleCallback === "function") window.cancelIdleCallback(id);
  else window.clearTimeout(id);
}
