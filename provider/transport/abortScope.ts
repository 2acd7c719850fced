import { EventEmitter } from "node:events";

/** A signal for one piece of work, and how to release it when the work is done. */
export interface AbortScope<S = AbortSignal> {
    readonly signal: S;
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
    return linked(controller.signal, (reason) => controller.abort(reason), parents, timeoutMs, timeoutReason);
}

/** What undici takes as a request's `signal` besides an AbortSignal: an EventEmitter with `aborted` and `reason`. */
export interface RequestSignal extends EventEmitter {
    readonly aborted: boolean;
    readonly reason: unknown;
}

/**
 * The same scope for one undici request, its signal an EventEmitter (undici's `request` takes
 * `signal: AbortSignal | EventEmitter`, and reads `aborted`, `reason` and the `abort` event). It is made for every
 * attempt, and an AbortController is not cheap there: in Node 20 each one outlives the young generation's
 * collections (in a loop making one each turn, `--trace-gc-nvp` shows all of them promoted, about 0.5 KB each,
 * where the same loop without them promotes nothing). Node's own APIs (timers, `addEventListener`) need
 * {@link abortScope}.
 */
export function requestAbortScope(parents: readonly (AbortSignal | undefined)[], timeoutMs: number): AbortScope<RequestSignal> {
    const signal = new EventEmitter() as EventEmitter & { aborted: boolean; reason: unknown };
    signal.aborted = false;
    signal.reason = undefined;
    const abort = (reason: unknown) => {
        if (signal.aborted) return;
        signal.aborted = true;
        signal.reason = reason;
        signal.emit("abort");
    };
    // An AbortSignal's default reason, for a timer without a reason of its own, as abortScope's controller gives.
    return linked(signal, abort, parents, timeoutMs, () => new DOMException("This operation was aborted", "AbortError"));
}

// Hooks `abort` to the parents and the timer; `signal` is what the caller hands on.
function linked<S extends { readonly aborted: boolean }>(
    signal: S,
    abort: (reason: unknown) => void,
    parents: readonly (AbortSignal | undefined)[],
    timeoutMs?: number,
    timeoutReason?: () => unknown,
): AbortScope<S> {
    const listeners: [AbortSignal, () => void][] = [];
    for (const parent of parents) {
        if (!parent) continue;
        if (parent.aborted) {
            abort(parent.reason);
            break;
        }
        const listener = () => abort(parent.reason);
        parent.addEventListener("abort", listener, { once: true });
        listeners.push([parent, listener]);
    }
    // A data property the timer sets, not a getter: V8 makes an object literal with a getter a dictionary-mode
    // object, and with one, what each young-generation collection promoted doubled, the requests these scopes
    // belong to included (--trace-gc-nvp over the bench's CPU loop; docs/contributing.md).
    const scope: { signal: S; timedOut: boolean; dispose(): void } = {
        signal,
        timedOut: false,
        dispose() {
            clearTimeout(timer);
            for (const [parent, listener] of listeners) parent.removeEventListener("abort", listener);
        },
    };
    const timer =
        timeoutMs === undefined || signal.aborted
            ? undefined
            : setTimeout(() => {
                  scope.timedOut = true;
                  abort(timeoutReason?.());
              }, timeoutMs);
    return scope;
}
