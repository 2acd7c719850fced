// A token bucket per endpoint, as in AWS SDK v3's standard retry strategy: a retry costs tokens, a success
// earns one back. When a gateway is down, the bucket drains and calls fail fast instead of every call of a
// program waiting through all its retries.
const CAPACITY = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const SUCCESS_REFILL = 1;

const buckets = new Map<string, number>();

/** Takes the tokens for one retry from the origin's bucket; false when it cannot pay. */
export function acquireRetryToken(origin: string, afterTimeout: boolean): boolean {
    const cost = afterTimeout ? TIMEOUT_RETRY_COST : RETRY_COST;
    const available = buckets.get(origin) ?? CAPACITY;
    if (available < cost) return false;
    buckets.set(origin, available - cost);
    return true;
}

/** A request to the origin succeeded. */
export function recordSuccess(origin: string): void {
    buckets.set(origin, Math.min(CAPACITY, (buckets.get(origin) ?? CAPACITY) + SUCCESS_REFILL));
}

/** Refills every bucket (tests reset process-wide state between files). */
export function resetRetryBudgets(): void {
    buckets.clear();
}
