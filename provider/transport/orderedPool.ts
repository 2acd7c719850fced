import { setMaxListeners } from "node:events";
import type { AdaptiveLimit } from "./AdaptiveLimit";
import type { SendHooks } from "./sendRequest";

/**
 * Runs `task` for each input, at most `limit.current` started and not yet taken at a time, and yields the
 * results in the inputs' order. So a consumer that is slower than the server holds at most that many results,
 * and inputs are drawn lazily: an iterator of a billion offsets costs nothing up front. The first failure
 * cancels the tasks still running and is thrown; so does a consumer that stops early.
 */
export async function* orderedPool<I, T>(inputs: Iterator<I>, limit: AdaptiveLimit, task: (input: I, hooks: SendHooks) => Promise<T>): AsyncGenerator<T> {
    const cancel = new AbortController();
    // Each task in flight listens to it while it sends or waits: up to `limit.max` (32) at once, past Node's
    // default of 10 listeners, whose leak warning would otherwise be printed for a listing at concurrency 16.
    setMaxListeners(2 * limit.max, cancel.signal);
    const hooks: SendHooks = { signal: cancel.signal, onThrottle: () => limit.throttled(), onSuccess: () => limit.succeeded() };
    const window: Promise<T>[] = [];
    let drawn = false;
    const fill = () => {
        while (!drawn && window.length < limit.current) {
            const next = inputs.next();
            if (next.done === true) {
                drawn = true;
                return;
            }
            const running = task(next.value, hooks);
            // Failures are taken in order below; until then they must not count as unhandled.
            running.catch(() => undefined);
            window.push(running);
        }
    };
    try {
        fill();
        while (window.length > 0) {
            const result = await window.shift()!;
            fill();
            yield result;
        }
    } finally {
        cancel.abort(new Error("the listing ended before this page was needed"));
    }
}
