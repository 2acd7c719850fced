import type { RequestSettings } from "./apis/RequestSettings";
import { ConfigurationError } from "./errors/ConfigurationError";
import { InvalidArgumentError } from "./errors/InvalidArgumentError";
import { NcloudTimeoutError } from "./errors/NcloudTimeoutError";
import { stderrLogger } from "./Logger";
import type { RequestPolicy } from "./transport/getJson";
import { RETRY_DEFAULTS, type RetryOptions } from "./transport/RetryOptions";

const TIMEOUT_DEFAULTS = { timeoutMs: 10_000, deadlineMs: 120_000 } as const;

// Eight pages in flight: enough to be within 1.2x of the latency floor and over 5x faster than a sequential
// loop (bench/), while a rate-limited gateway sees a bounded number, halved at its first 429.
export const CONCURRENCY = { min: 1, max: 32, default: 8 } as const;

/**
 * Resolves a call's settings (option, then environment, then default) into the policy of its requests,
 * checking each; the call's deadline starts now. `path` names the call in a deadline error.
 */
export function requestPolicy(fn: string, settings: RequestSettings, path: string, env: NodeJS.ProcessEnv = process.env): RequestPolicy & { concurrency: number } {
    const concurrency = settings.concurrency ?? CONCURRENCY.default;
    if (!Number.isInteger(concurrency) || concurrency < CONCURRENCY.min || concurrency > CONCURRENCY.max) {
        throw new InvalidArgumentError(fn, "concurrency", `must be a whole number from ${CONCURRENCY.min} to ${CONCURRENCY.max}, got ${String(concurrency)}`);
    }
    const deadlineMs = duration(fn, "deadlineMs", settings.deadlineMs, "NCLOUD_DEADLINE_MS", env, TIMEOUT_DEFAULTS.deadlineMs);
    return {
        concurrency,
        timeoutMs: duration(fn, "timeoutMs", settings.timeoutMs, "NCLOUD_TIMEOUT_MS", env, TIMEOUT_DEFAULTS.timeoutMs),
        retry: retryOptions(fn, settings.retry),
        logger: settings.logger ?? stderrLogger(env),
        signal: settings.signal,
        deadline: { at: Date.now() + deadlineMs, error: () => new NcloudTimeoutError("GET", path, deadlineMs, "deadline") },
    };
}

function duration(fn: string, option: string, value: number | undefined, envName: string, env: NodeJS.ProcessEnv, fallback: number): number {
    if (value !== undefined) {
        if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(fn, option, `must be a positive whole number of milliseconds, got ${String(value)}`);
        return value;
    }
    const text = env[envName]?.trim();
    if (!text) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new ConfigurationError(envName, `must be a positive whole number of milliseconds, got ${JSON.stringify(text)}`);
    return Number(text);
}

function retryOptions(fn: string, retry: RetryOptions | undefined): Required<RetryOptions> {
    const resolved = { ...RETRY_DEFAULTS, ...retry };
    if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1 || resolved.attempts > 20) {
        throw new InvalidArgumentError(fn, "retry.attempts", `must be a whole number from 1 to 20, got ${String(resolved.attempts)}`);
    }
    for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
        if (!Number.isFinite(resolved[key]) || resolved[key] < 0) throw new InvalidArgumentError(fn, `retry.${key}`, `must be a number of milliseconds of 0 or more, got ${String(resolved[key])}`);
    }
    return resolved;
}
