import { setTimeout as sleep } from "node:timers/promises";
import type { Credentials } from "../credentials/Credentials";
import { NcloudApiError } from "../errors/NcloudApiError";
import { networkCauseCode, NcloudNetworkError } from "../errors/NcloudNetworkError";
import { NcloudTimeoutError } from "../errors/NcloudTimeoutError";
import { ResponseTooLargeError } from "../errors/ResponseTooLargeError";
import { ResponseValidationError } from "../errors/ResponseValidationError";
import type { TransportFacts } from "../errors/TransportFacts";
import type { Logger } from "../Logger";
import type { RequestPolicy } from "../requestPolicy";
import { abortScope } from "./abortScope";
import { adoptedOffset, adoptOffset, SKEW_THRESHOLD_MS, suggestedOffset } from "./clockSkew";
import { acquireRetryToken, recordSuccess } from "./retryBudget";
import { sendAttempt, type AttemptOutcome } from "./sendAttempt";

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

/** A 2xx answer whose body was read fully and parsed as JSON. */
export interface JsonResponse {
    readonly status: number;
    readonly body: unknown;
    readonly traceId?: string;
}

// Statuses NCP answers for faults that pass: throttling (429), endpoint errors and timeouts (500, 502-504).
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
// Organization's "limited for a while due to frequent requests": a rate limit sent as a 403.
const RETRIED_ERROR_CODES = new Set(["COMMON_104"]);
// Network failures that another attempt will not fix: the name does not resolve, the certificate is wrong.
const FINAL_NETWORK_CODES = /^(ENOTFOUND|ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_VERIFY|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

type Failure = Exclude<AttemptOutcome, { kind: "too-large" } | { kind: "deadline" }>;

/**
 * Sends a signed GET until it succeeds, at most `retry.attempts` times in all, retrying what may pass (see
 * {@link RetryOptions}) with full-jitter backoff or the server's `Retry-After`, within the endpoint's retry budget.
 * A 401 whose `Date` shows the gateway's clock more than two minutes from the time we signed with is re-signed
 * with the gateway's time (as the next attempt, at once); when that succeeds, the correction is kept for later
 * requests to the endpoint. The error thrown is built once, with every fact of the request.
 */
export async function sendRequest(request: SignedGet, policy: RequestPolicy, hooks: SendHooks = {}): Promise<JsonResponse> {
    const { maxBodyBytes } = policy;
    const signals = [policy.signal, hooks.signal];
    const origin = request.url.origin;
    const { retry, logger } = policy;
    const line = (attempt: number, outcome: string, next?: string) =>
        `GET ${request.displayPath} -> ${outcome} (attempt ${attempt}/${retry.attempts})${next ? `; ${next}` : ""}`;
    let correction: number | undefined;
    for (let attempt = 1; ; attempt++) {
        const offset = correction ?? adoptedOffset(origin);
        // Each field named, not `...request`: with that spread, what each young-generation collection promoted
        // more than doubled, the request's own objects included (--trace-gc-nvp over the bench's CPU loop).
        const outcome = await sendAttempt({
            url: request.url,
            credentials: request.credentials,
            headers: request.headers,
            timestamp: Date.now() + offset,
            timeoutMs: policy.timeoutMs,
            deadlineAt: policy.deadline.at,
            maxBodyBytes,
            signals,
        });
        if (outcome.kind === "deadline") throw deadlineError(request, policy, attempt);
        if (outcome.kind === "too-large") throw new ResponseTooLargeError("GET", request.displayPath, maxBodyBytes, outcome.status, outcome.traceId);
        if (outcome.kind === "response" && outcome.status >= 200 && outcome.status <= 299) {
            recordSuccess(origin);
            hooks.onSuccess?.();
            if (adoptOffset(origin, offset)) warnOnSkew(origin, offset, logger);
            logger.debug(line(attempt, `${outcome.status}${outcome.traceId ? `, trace id ${outcome.traceId}` : ""}`));
            if (outcome.json === undefined) {
                throw new ResponseValidationError(
                    "GET",
                    request.displayPath,
                    [{ path: "", message: `body is not JSON (${describeText(outcome.text ?? "")})` }],
                    outcome.traceId,
                );
            }
            return { status: outcome.status, body: outcome.json.value, traceId: outcome.traceId };
        }
        if (isThrottle(outcome)) hooks.onThrottle?.();
        const said = outcomeText(outcome);
        const retryable = isRetryable(outcome);
        const retryAfterMs = outcome.kind === "response" ? parseRetryAfter(outcome.retryAfter, outcome.date) : undefined;
        const fail = (next: string) => {
            logger.debug(line(attempt, said, next));
            return transportError(request, outcome, policy, { attempts: attempt, retryable, retryAfterMs });
        };

        const suggested = outcome.kind === "response" && outcome.status === 401 && correction === undefined ? suggestedOffset(outcome.date) : undefined;
        if (suggested !== undefined && Math.abs(suggested - offset) > SKEW_THRESHOLD_MS && attempt < retry.attempts) {
            correction = suggested;
            logger.debug(line(attempt, said, `the gateway's clock is ${Math.round(suggested / 1000)} s from ours, re-signing with its time`));
            continue;
        }
        if (!retryable) throw fail("not retried");
        if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) {
            throw fail(`not retried: Retry-After asks for ${retryAfterMs} ms, more than maxRetryAfterMs ${retry.maxRetryAfterMs}`);
        }
        if (attempt >= retry.attempts) throw fail("giving up: every attempt failed");
        if (!acquireRetryToken(origin, outcome.kind === "timeout")) throw fail(`not retried: the retry budget for ${origin} is spent`);
        const wait = retryAfterMs ?? (policy.random ?? Math.random)() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        logger.debug(line(attempt, said, `retrying in ${Math.round(wait)} ms`));
        if (Date.now() + wait >= policy.deadline.at) throw deadlineError(request, policy, attempt);
        await pause(wait, signals);
    }
}

function transportError(request: SignedGet, outcome: Failure, policy: RequestPolicy, facts: TransportFacts): Error {
    const path = request.displayPath;
    switch (outcome.kind) {
        case "network":
            return new NcloudNetworkError("GET", path, outcome.cause, facts);
        case "timeout":
            return new NcloudTimeoutError("GET", path, policy.timeoutMs, "attempt", facts, outcome.cause);
        case "response":
            return new NcloudApiError({
                ...facts,
                status: outcome.status,
                ...ncpErrorOf(outcome.json),
                traceId: outcome.traceId,
                method: "GET",
                path,
                retryAfter: outcome.retryAfter,
                serverDate: outcome.date,
            });
    }
}

/** The call's deadline passed; `attempts` were sent for this request. */
export function deadlineError(request: { readonly displayPath: string }, policy: RequestPolicy, attempts: number): NcloudTimeoutError {
    return new NcloudTimeoutError("GET", request.displayPath, policy.deadline.ms, "deadline", { attempts, retryable: false });
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

function isRetryable(outcome: Failure): boolean {
    if (outcome.kind === "response") return RETRIED_STATUSES.has(outcome.status) || isThrottle(outcome);
    if (outcome.kind === "network") return !FINAL_NETWORK_CODES.test(networkCauseCode(outcome.cause) ?? "");
    return true;
}

function isThrottle(outcome: Failure): boolean {
    return (
        outcome.kind === "response" && (outcome.status === 429 || (outcome.status === 403 && RETRIED_ERROR_CODES.has(ncpErrorOf(outcome.json).errorCode ?? "")))
    );
}

function outcomeText(outcome: Failure): string {
    switch (outcome.kind) {
        case "response": {
            const { errorCode } = ncpErrorOf(outcome.json);
            return `${outcome.status}${errorCode ? ` code ${errorCode}` : ""}${outcome.traceId ? `, trace id ${outcome.traceId}` : ""}`;
        }
        case "network":
            return `network error ${networkCauseCode(outcome.cause) ?? ""}`.trim();
        case "timeout":
            return "timed out";
    }
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

// NCP error bodies: {"error":{"errorCode":"200","message":"Authentication Failed","details":"..."}};
// errorCode is documented as an integer but sent as a string, so accept both.
function ncpErrorOf(json: { value: unknown } | undefined): { errorCode?: string; ncpMessage?: string; details?: string } {
    const error = (json?.value as { error?: unknown } | undefined)?.error;
    if (typeof error !== "object" || error === null) return {};
    const { errorCode, message, details } = error as Record<string, unknown>;
    return {
        errorCode: typeof errorCode === "string" || typeof errorCode === "number" ? String(errorCode) : undefined,
        ncpMessage: typeof message === "string" ? message : undefined,
        details: typeof details === "string" ? details : undefined,
    };
}

function describeText(text: string): string {
    if (text.length === 0) return "empty";
    const start = text.slice(0, 40).replace(/\s+/g, " ");
    return `${text.length} characters starting ${JSON.stringify(start)}`;
}

/** Waits `ms`, unless a signal aborts first (then its reason is thrown). */
async function pause(ms: number, signals: readonly (AbortSignal | undefined)[]): Promise<void> {
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
