import { Agent, errors as undiciErrors, request, type Dispatcher } from "undici";
import type { Credentials } from "../credentials/Credentials";
import { signV2 } from "../signing/signatureV2";
import { requestAbortScope } from "./abortScope";
import { acquireSlot, CONNECTIONS_PER_ORIGIN } from "./connectionSlots";
import { registerCloser } from "./connections";
import { USER_AGENT } from "../version";

/** One signed GET attempt. */
export interface Attempt {
    readonly url: URL;
    readonly credentials: Credentials;
    /** Headers to send besides the signature and `accept`. */
    readonly headers?: Readonly<Record<string, string>>;
    /** Epoch milliseconds to sign with (the caller corrects it for clock skew). */
    readonly timestamp: number;
    /** This attempt's timeout, from sending to the last byte of the body. */
    readonly timeoutMs: number;
    /** The whole call's deadline (epoch milliseconds): waiting for a connection and the attempt end there. */
    readonly deadlineAt: number;
    /** The largest body read, in bytes. */
    readonly maxBodyBytes: number;
    /** Cancel the attempt; the reason of the one that fires is thrown as is. */
    readonly signals: readonly (AbortSignal | undefined)[];
}

/** What became of one attempt. Only a caller's cancellation is thrown; every other end is an outcome. */
export type AttemptOutcome =
    /** The server answered and its whole body was read: `json` when it is JSON, else `text`, the body as read. */
    | {
          readonly kind: "response";
          readonly status: number;
          readonly json: { readonly value: unknown } | undefined;
          readonly text?: string;
          readonly traceId?: string;
          /** The response `Date` header, the gateway's clock. */
          readonly date?: string;
          readonly retryAfter?: string;
      }
    /** The body was larger than `maxBodyBytes`; reading stopped there. */
    | { readonly kind: "too-large"; readonly status: number; readonly traceId?: string }
    | { readonly kind: "network"; readonly cause: unknown }
    | { readonly kind: "timeout"; readonly cause?: unknown }
    /** The call's deadline passed before or during the attempt. */
    | { readonly kind: "deadline" };

// One keep-alive pool per origin (undici's Agent keeps a Pool per origin), shared by every call in the process,
// so a listing of many pages and repeated calls reuse connections instead of handshaking again.
let sharedAgent: Agent | undefined;

function agent(): Agent {
    if (!sharedAgent) {
        sharedAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: CONNECTIONS_PER_ORIGIN });
        registerCloser(closeAgent);
    }
    return sharedAgent;
}

async function closeAgent(): Promise<void> {
    const current = sharedAgent;
    sharedAgent = undefined;
    await current?.close();
}

const DEADLINE = Symbol("deadline");

/**
 * Sends one signed GET and reads its whole body, up to `maxBodyBytes`. Waiting for a free connection counts
 * against the deadline only; the attempt's timeout starts when the request goes out.
 */
export async function sendAttempt(attempt: Attempt): Promise<AttemptOutcome> {
    const { url, signals } = attempt;
    if (Date.now() >= attempt.deadlineAt) return { kind: "deadline" };
    let release: () => void;
    try {
        release = await acquireSlot(url.origin, signals, attempt.deadlineAt, () => DEADLINE);
    } catch (reason) {
        if (reason === DEADLINE) return { kind: "deadline" };
        throw reason;
    }
    try {
        const outcome = await send(attempt);
        // One turn of the event loop: undici hands the socket back to its pool only then, and a request sent
        // before that (the next page) would open a new connection: twice as many sockets from a cold pool.
        await new Promise((resolve) => setImmediate(resolve));
        // The body is parsed after that turn: its objects live from here to the caller's use, not across the
        // turn too, so fewer are still alive (and copied) when the garbage collector runs (bench/). For the same
        // reason the text is let go once parsed; it is kept only to describe a body that is not JSON.
        if (outcome.kind !== "response") return outcome;
        const { text, ...answer } = outcome;
        const json = parseJson(text);
        return json === undefined ? { ...answer, json, text } : { ...answer, json };
    } finally {
        release();
    }
}

/** An attempt's outcome before its body is parsed. */
type SentOutcome =
    Exclude<AttemptOutcome, { kind: "response" }> | (Omit<Extract<AttemptOutcome, { kind: "response" }>, "json" | "text"> & { readonly text: string });

async function send(attempt: Attempt): Promise<SentOutcome> {
    const { url, timeoutMs, signals } = attempt;
    const signature = signV2({
        method: "GET",
        pathAndQuery: url.pathname + url.search,
        timestamp: attempt.timestamp,
        accessKey: attempt.credentials.accessKey,
        secretKey: attempt.credentials.reveal(),
    });
    const untilDeadline = attempt.deadlineAt - Date.now();
    if (untilDeadline <= 0) return { kind: "deadline" };
    const scope = requestAbortScope(signals, Math.min(timeoutMs, untilDeadline));
    let response: Dispatcher.ResponseData;
    try {
        response = await request(url, {
            method: "GET",
            dispatcher: agent(),
            headers: { accept: "application/json", "user-agent": USER_AGENT, ...attempt.headers, ...signature },
            signal: scope.signal,
        });
        const traceId = headerText(response.headers["x-ncp-trace-id"]);
        const body = await readBody(response.body, attempt.maxBodyBytes);
        if (body === undefined) return { kind: "too-large", status: response.statusCode, traceId };
        return {
            kind: "response",
            status: response.statusCode,
            text: body,
            traceId,
            date: headerText(response.headers["date"]),
            retryAfter: headerText(response.headers["retry-after"]),
        };
    } catch (error) {
        for (const signal of signals) if (signal?.aborted) throw signal.reason;
        if (scope.timedOut && untilDeadline < timeoutMs) return { kind: "deadline" };
        if (scope.timedOut || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
            return { kind: "timeout", cause: error };
        }
        return { kind: "network", cause: error };
    } finally {
        scope.dispose();
    }
}

/** The body as text, or undefined once it passes `maxBytes` (the rest is not read; the connection is dropped). */
function readBody(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<string | undefined> {
    // Events rather than an async iterator: the iterator's promise per chunk costs more than the rest of the read.
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        body.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= maxBytes) return void chunks.push(chunk);
            body.destroy();
            resolve(undefined);
        });
        body.on("end", () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString("utf8")));
        body.on("error", reject);
    });
}

function headerText(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { value: unknown } | undefined {
    try {
        return { value: JSON.parse(text) as unknown };
    } catch {
        return undefined;
    }
}
