/**
 * How failed requests are retried. Retried: HTTP 429, 500, 502, 503, 504, Organization's 403 `COMMON_104`
 * (its rate limit), connection failures, a body cut short, an attempt that timed out. Never retried: other
 * 4xx (a 401 only once, re-signed, when the clock is found to be off), and a response that fails validation.
 *
 * @example
 * await getMccUsers({ companyId }, { retry: { attempts: 6, maxDelayMs: 10_000 } });
 */
export interface RetryOptions {
    /** Attempts in all, the first one included; 1 turns retries off. @default 4 */
    readonly attempts?: number;
    /** Base of the full-jitter exponential backoff: the n-th retry waits a random time up to `baseDelayMs × 2^(n−1)`. @default 200 */
    readonly baseDelayMs?: number;
    /** Cap of one backoff wait. @default 5000 */
    readonly maxDelayMs?: number;
    /** The longest `Retry-After` (seconds or HTTP date) honoured; a longer one ends the call with the error. @default 30000 */
    readonly maxRetryAfterMs?: number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = { attempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };
