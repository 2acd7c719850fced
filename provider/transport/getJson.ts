import { setTimeout as sleep } from "node:timers/promises";
import type { Credentials } from "../credentials/Credentials";
import { NcloudApiError } from "../errors/NcloudApiError";
import { NcloudNetworkError } from "../errors/NcloudNetworkError";
import { NcloudTimeoutError } from "../errors/NcloudTimeoutError";
import type { Logger } from "../Logger";
import { adoptedOffset, adoptOffset, SKEW_THRESHOLD_MS, suggestedOffset } from "./clockSkew";
import { sendSignedGet, type Deadline, type JsonResponse } from "./httpClient";
import type { RetryOptions } from "./RetryOptions";
import { abortScope } from "./abortScope";
import { acquireRetryToken, recordSuccess } from "./retryBudget";

/** A signed GET to make, whatever the attempts. */
export interface SignedGet {
    readonly url: URL;
    readonly credentials: Credentials;
    /** The path and query with anything sensitive shortened, for errors and logs. */
    readonly displayPath: string;
    readonly headers?: Readonly<Record<string, string>>;
}

/** What one request tells its caller, and lets it cancel. */
export interface SendHooks {
    /** Cancels this request (and its waits) besides the call's own signal. */
    readonly signal?: AbortSignal;
    /** The gateway throttled this request (429, or Organization's 403 `COMMON_104`), even if a retry then passed. */
    readonly onThrottle?: () => void;
    /** The request succeeded. */
    readonly onSuccess?: () => void;
}

/** How a call's requests are sent: resolved settings, no defaults left to apply. */
export interface RequestPolicy {
    readonly timeoutMs: number;
    readonly retry: Required<RetryOptions>;
    /** The caller's signal: cancels everything. */
    readonly signal?: AbortSignal;
    /** The whole call's deadline: requests and waits end there. */
    readonly deadline?: Deadline;
    readonly logger: Logger;
    /** A number in [0, 1) for the backoff's jitter. @default Math.random */
    readonly random?: () => number;
}

// Statuses NCP answers for faults that pass: throttling (429), endpoint errors and timeouts (500, 502-504).
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
// Organization's "limited for a while due to frequent requests": a rate limit sent as a 403.
const RETRIED_ERROR_CODES = new Set(["COMMON_104"]);
// Network failures that another attempt will not fix: the name does not resolve, the certificate is wrong.
const FINAL_NETWORK_CODES = /^(ENOTFOUND|ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_VERIFY|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

/**
 * Sends a signed GET until it succeeds, retrying what may pass (see {@link RetryOptions}) with full-jitter
 * backoff or the server's `Retry-After`, within the endpoint's retry budget. A 401 whose `Date` shows the
 * gateway's clock more than two minutes from the time we signed with is re-signed with the gateway's time,
 * once, at once; when that succeeds, the correction is kept for later requests to the endpoint.
 */
export async function getJson(request: SignedGet, policy: RequestPolicy, hooks: SendHooks = {}): Promise<JsonResponse> {
    const signals = [policy.signal, hooks.signal];
    const origin = request.url.origin;
    const { retry, logger } = policy;
    const line = (attempt: number, outcome: string, next?: string) =>
        `GET ${request.displayPath} -> ${outcome} (attempt ${attempt}/${retry.attempts})${next ? `; ${next}` : ""}`;
    let correction: number | undefined;
    for (let attempt = 1; ; attempt++) {
        const offset = correction ?? adoptedOffset(origin);
        try {
            const response = await sendSignedGet({ ...request, timestamp: Date.now() + offset, timeoutMs: policy.timeoutMs, deadline: policy.deadline, signals });
            recordSuccess(origin);
            hooks.onSuccess?.();
            if (adoptOffset(origin, offset)) warnOnSkew(origin, offset, logger);
            logger.debug(line(attempt, `${response.status}${response.traceId ? `, trace id ${response.traceId}` : ""}`));
            return response;
        } catch (error) {
            for (const signal of signals) if (signal?.aborted) throw signal.reason;
            if (isThrottle(error)) hooks.onThrottle?.();
            const outcome = describe(error);
            const suggested = error instanceof NcloudApiError && error.status === 401 && correction === undefined ? suggestedOffset(error.serverDate) : undefined;
            if (suggested !== undefined && Math.abs(suggested - offset) > SKEW_THRESHOLD_MS) {
                correction = suggested;
                logger.debug(line(attempt, outcome, `the gateway's clock is ${Math.round(suggested / 1000)} s from ours, re-signing with its time`));
                attempt--;
                continue;
            }
            const wait = retryWait(error, attempt, policy);
            if (typeof wait === "string") {
                logger.debug(line(attempt, outcome, wait));
                if (error instanceof NcloudApiError) error.attempts = attempt;
                if (wait === GAVE_UP && typeof error === "object" && error !== null) exhausted.add(error);
                throw error;
            }
            if (!acquireRetryToken(origin, error instanceof NcloudTimeoutError)) {
                logger.debug(line(attempt, outcome, `not retried: the retry budget for ${origin} is spent`));
                if (error instanceof NcloudApiError) error.attempts = attempt;
                throw error;
            }
            logger.debug(line(attempt, outcome, `retrying in ${Math.round(wait)} ms`));
            await pause(wait, signals, policy.deadline);
        }
    }
}

function warnOnSkew(origin: string, offset: number, logger: Logger): void {
    if (offset === 0) {
        logger.warn(`this machine's clock agrees with the NCP gateway's (${origin}) again; requests are signed with it`);
        return;
    }
    const seconds = Math.round(Math.abs(offset) / 1000);
    logger.warn(
        `this machine's clock is ${seconds} s ${offset > 0 ? "behind" : "ahead of"} the NCP gateway's (${origin}); ` +
        "NCP refuses requests more than 5 minutes off, so they are now signed with the gateway's time. Set the clock right (NTP).",
    );
}

// Errors thrown because every attempt failed with something another attempt might fix.
const exhausted = new WeakSet<object>();

/** Whether `getJson` threw this error after all its attempts failed with retryable errors (not for a final answer, a too-long Retry-After or a spent budget). */
export function failedAllAttempts(error: unknown): boolean {
    return typeof error === "object" && error !== null && exhausted.has(error);
}

function isRetryable(error: unknown): boolean {
    if (error instanceof NcloudApiError) return RETRIED_STATUSES.has(error.status) || isThrottle(error);
    if (error instanceof NcloudNetworkError) return !FINAL_NETWORK_CODES.test(error.causeCode ?? "");
    return error instanceof NcloudTimeoutError && error.scope === "attempt";
}

function isThrottle(error: unknown): boolean {
    return error instanceof NcloudApiError && (error.status === 429 || (error.status === 403 && RETRIED_ERROR_CODES.has(error.errorCode ?? "")));
}

const GAVE_UP = "giving up: every attempt failed";

/** Milliseconds to wait before the next attempt, or why there is none. */
function retryWait(error: unknown, attempt: number, policy: RequestPolicy): number | string {
    const { retry } = policy;
    if (!isRetryable(error)) return "not retried";
    const retryAfter = error instanceof NcloudApiError ? parseRetryAfter(error.retryAfter, error.serverDate) : undefined;
    if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) {
        return `not retried: Retry-After asks for ${retryAfter} ms, more than maxRetryAfterMs ${retry.maxRetryAfterMs}`;
    }
    if (attempt >= retry.attempts) return GAVE_UP;
    if (retryAfter !== undefined) return retryAfter;
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    return (policy.random ?? Math.random)() * ceiling;
}

/**
 * `Retry-After` in milliseconds: delay-seconds, or an HTTP date (measured against the response's own
 * `Date`, so a skewed local clock does not distort it). Undefined for a missing or unreadable value.
 */
function parseRetryAfter(value: string | undefined, serverDate?: string): number | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
    const now = serverDate !== undefined && !Number.isNaN(Date.parse(serverDate)) ? Date.parse(serverDate) : Date.now();
    return Math.max(0, at - now);
}

function describe(error: unknown): string {
    if (error instanceof NcloudApiError) return `${error.status}${error.errorCode ? ` code ${error.errorCode}` : ""}${error.traceId ? `, trace id ${error.traceId}` : ""}`;
    if (error instanceof NcloudNetworkError) return `network error ${error.causeCode ?? ""}`.trim();
    if (error instanceof NcloudTimeoutError) return `timed out after ${error.timeoutMs} ms`;
    return error instanceof Error ? error.name : "error";
}

/** Waits, unless the wait would pass the deadline: then the call ends now rather than after waiting for nothing. */
async function pause(ms: number, signals: readonly (AbortSignal | undefined)[], deadline: Deadline | undefined): Promise<void> {
    if (deadline && Date.now() + ms >= deadline.at) throw deadline.error();
    const scope = abortScope(signals);
    try {
        await sleep(ms, undefined, { signal: scope.signal });
    } catch (error) {
        for (const signal of signals) if (signal?.aborted) throw signal.reason;
        throw error;
    } finally {
        scope.dispose();
    }
}
