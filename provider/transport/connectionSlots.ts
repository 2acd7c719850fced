import { addAbortListener } from "node:events";
import { abortScope } from "./abortScope";

// As many requests in flight per origin as the pool has connections (sendAttempt's Agent): a request that has a
// slot has a socket, so its attempt's timeout measures the server, never a queue in front of it.
export const CONNECTIONS_PER_ORIGIN = 32;

const waiting = new Map<string, (() => void)[]>();
const busy = new Map<string, number>();

/**
 * Waits for a free connection slot of `origin` and returns its release. The wait ends early, with the reason, when
 * a signal aborts or when `until` (epoch milliseconds) passes, with `late()`'s error.
 */
export async function acquireSlot(origin: string, signals: readonly (AbortSignal | undefined)[], until: number, late: () => unknown): Promise<() => void> {
    const release = () => {
        const next = waiting.get(origin)?.shift();
        if (next) next();
        else busy.set(origin, (busy.get(origin) ?? 1) - 1);
    };
    if ((busy.get(origin) ?? 0) < CONNECTIONS_PER_ORIGIN) {
        busy.set(origin, (busy.get(origin) ?? 0) + 1);
        return release;
    }
    const queue = waiting.get(origin) ?? [];
    waiting.set(origin, queue);
    const scope = abortScope(signals, Math.max(0, until - Date.now()), late);
    try {
        await new Promise<void>((resolve, reject) => {
            const granted = () => resolve();
            queue.push(granted);
            // Node's addAbortListener, not addEventListener: the scope is already aborted when a signal was.
            addAbortListener(scope.signal, () => {
                const at = queue.indexOf(granted);
                if (at >= 0) queue.splice(at, 1);
                // An abort reason is passed on exactly as the caller gave it, Error or not.
                // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
                reject(scope.signal.reason);
            });
        });
    } finally {
        scope.dispose();
    }
    return release;
}

/** Forgets every slot (tests reset process-wide state between files). */
export function resetConnectionSlots(): void {
    waiting.clear();
    busy.clear();
}
