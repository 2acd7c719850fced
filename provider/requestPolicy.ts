import type { RequestSettings } from "./RequestSettings";
import { ConfigurationError } from "./errors/ConfigurationError";
import { checkKnownKeys, describeValue } from "./arguments";
import { InvalidArgumentError } from "./errors/InvalidArgumentError";
import { stderrLogger, type Logger } from "./Logger";
import { RETRY_DEFAULTS, type RetryOptions } from "./transport/RetryOptions";

const TIMEOUT_DEFAULTS = { timeoutMs: 10_000, deadlineMs: 120_000 } as const;

// Node's timers hold a signed 32-bit number of milliseconds: a longer one fires after 1 ms.
export const MAX_TIMER_MS = 2_147_483_647;

// Eight pages in flight: enough to be within 1.2x of the latency floor and over 5x faster than a sequential
// loop (bench/), while a rate-limited gateway sees a bounded number, halved at its first 429.
export const CONCURRENCY = { min: 1, max: 32, default: 8 } as const;

/** Limits that keep a hostile or broken server from exhausting the process. */
export const LIMIT_DEFAULTS = {
    // Far above any real page: a 1,000-user page is about 400 KB.
    maxBodyBytes: 32 * 1024 * 1024,
    maxUsers: 10_000_000,
    maxPages: 100_000,
} as const;

/** When a whole call must be over. A shared listing's deadline is its latest waiter's, so `at` may move. */
export interface Deadline {
    /** Epoch milliseconds. */
    readonly at: number;
    /** The deadline as the caller set it, for the error's message. */
    readonly ms: number;
}

/** How a call's requests are sent: its settings resolved and checked, no defaults left to apply. */
export interface RequestPolicy {
    /** One attempt's timeout, from sending to the last byte of the body. */
    readonly timeoutMs: number;
    readonly retry: Required<RetryOptions>;
    /** Pages of a listing in flight at once. */
    readonly concurrency: number;
    /** Cancels everything. */
    readonly signal?: AbortSignal;
    /** Requests and waits end there. */
    readonly deadline: Deadline;
    readonly logger: Logger;
    /** The largest response body read, error bodies included, in bytes. */
    readonly maxBodyBytes: number;
    /** The most users, and pages, a listing may announce. */
    readonly maxUsers: number;
    readonly maxPages: number;
    /** A number in [0, 1) for the backoff's jitter. @default Math.random */
    readonly random?: () => number;
}

/**
 * Resolves a call's settings (option, then environment, then default) into the policy of its requests,
 * checking each; the call's deadline starts now.
 */
export function requestPolicy(fn: string, settings: RequestSettings, env: NodeJS.ProcessEnv = process.env): RequestPolicy {
    const concurrency = settings.concurrency ?? CONCURRENCY.default;
    if (!Number.isInteger(concurrency) || concurrency < CONCURRENCY.min || concurrency > CONCURRENCY.max) {
        throw new InvalidArgumentError(fn, "concurrency", `must be a whole number from ${CONCURRENCY.min} to ${CONCURRENCY.max}, got ${String(concurrency)}`);
    }
    const deadlineMs = duration(fn, "deadlineMs", settings.deadlineMs, "NCLOUD_DEADLINE_MS", env, TIMEOUT_DEFAULTS.deadlineMs);
    if (settings.share !== undefined && typeof settings.share !== "boolean")
        throw new InvalidArgumentError(fn, "share", `must be true or false, got ${describeValue(settings.share)}`);
    if (settings.signal !== undefined && !(settings.signal instanceof AbortSignal))
        throw new InvalidArgumentError(fn, "signal", `must be an AbortSignal (new AbortController().signal), got ${describeValue(settings.signal)}`);
    if (settings.onProgress !== undefined && typeof settings.onProgress !== "function")
        throw new InvalidArgumentError(fn, "onProgress", `must be a function, got ${describeValue(settings.onProgress)}`);
    return {
        concurrency,
        timeoutMs: duration(fn, "timeoutMs", settings.timeoutMs, "NCLOUD_TIMEOUT_MS", env, TIMEOUT_DEFAULTS.timeoutMs),
        retry: retryOptions(fn, settings.retry),
        logger: settings.logger ?? stderrLogger(env),
        signal: settings.signal,
        deadline: { at: Date.now() + deadlineMs, ms: deadlineMs },
        maxBodyBytes: limit(fn, "maxBodyBytes", settings.maxBodyBytes, 1024),
        maxUsers: limit(fn, "maxUsers", settings.maxUsers, 1),
        maxPages: limit(fn, "maxPages", settings.maxPages, 1),
    };
}

function limit(fn: string, option: keyof typeof LIMIT_DEFAULTS, value: number | undefined, min: number): number {
    if (value === undefined) return LIMIT_DEFAULTS[option];
    if (!Number.isSafeInteger(value) || value < min)
        throw new InvalidArgumentError(fn, option, `must be a whole number of at least ${min}, got ${String(value)}`);
    return value;
}

const DURATION_RULE = `a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`;

function duration(fn: string, option: string, value: number | undefined, envName: string, env: NodeJS.ProcessEnv, fallback: number): number {
    if (value !== undefined) {
        if (!Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS)
            throw new InvalidArgumentError(fn, option, `must be ${DURATION_RULE}, got ${String(value)}`);
        return value;
    }
    const text = env[envName]?.trim();
    if (!text) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TIMER_MS)
        throw new ConfigurationError(envName, `must be ${DURATION_RULE}, got ${JSON.stringify(text)}`);
    return Number(text);
}

function retryOptions(fn: string, retry: RetryOptions | undefined): Required<RetryOptions> {
    if (retry !== undefined && (typeof retry !== "object" || retry === null || Array.isArray(retry)))
        throw new InvalidArgumentError(fn, "retry", `must be an object, got ${describeValue(retry)}`);
    checkKnownKeys(fn, retry, Object.keys(RETRY_DEFAULTS), "retry.", "a retry option");
    const resolved = { ...RETRY_DEFAULTS, ...retry };
    if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1 || resolved.attempts > 20) {
        throw new InvalidArgumentError(fn, "retry.attempts", `must be a whole number from 1 to 20, got ${String(resolved.attempts)}`);
    }
    for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
        if (!Number.isFinite(resolved[key]) || resolved[key] < 0 || resolved[key] > MAX_TIMER_MS) {
            throw new InvalidArgumentError(fn, `retry.${key}`, `must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, got ${String(resolved[key])}`);
        }
    }
    return resolved;
}
