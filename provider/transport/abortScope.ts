/** A signal for one piece of work, and how to release it when the work is done. */
export interface AbortScope {
    readonly signal: AbortSignal;
    /** Whether the scope's own timer fired (rather than a parent aborting). */
    readonly timedOut: boolean;
    /** Unhooks the scope from its parents and stops its timer; call it when the work is done. */
    dispose(): void;
}

/**
 * A signal that aborts when any parent does (with the parent's reason), or after `timeoutMs` (with the reason
 * `timeoutReason()` gives). One controller, one timer and one listener per parent, all released by `dispose`:
 * cheaper per request than `AbortSignal.any` and `AbortSignal.timeout`, which Node 20 keeps alive for the
 * garbage collector to trace.
 */
export function abortScope(parents: readonly (AbortSignal | undefined)[], timeoutMs?: number, timeoutReason?: () => unknown): AbortScope {
    const controller = new AbortController();
    let timedOut = false;
    const listeners: [AbortSignal, () => void][] = [];
    for (const parent of parents) {
        if (!parent) continue;
        if (parent.aborted) {
            controller.abort(parent.reason);
            break;
        }
        const listener = () => controller.abort(parent.reason);
        parent.addEventListener("abort", listener, { once: true });
        listeners.push([parent, listener]);
    }
    const timer =
        timeoutMs === undefined || controller.signal.aborted
            ? undefined
            : setTimeout(() => {
                  timedOut = true;
                  controller.abort(timeoutReason?.());
              }, timeoutMs);
    return {
        signal: controller.signal,
        get timedOut() {
            return timedOut;
        },
        dispose() {
            clearTimeout(timer);
            for (const [parent, listener] of listeners) parent.removeEventListener("abort", listener);
        },
    };
}
