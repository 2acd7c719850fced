import { Agent, errors as undiciErrors, request, type Dispatcher } from "undici";
import type { Credentials } from "../credentials/Credentials";
import { NcloudApiError } from "../errors/NcloudApiError";
import { NcloudNetworkError } from "../errors/NcloudNetworkError";
import { NcloudTimeoutError } from "../errors/NcloudTimeoutError";
import { ResponseValidationError } from "../errors/ResponseValidationError";
import { signV2 } from "../signing/signatureV2";
import { abortScope } from "./abortScope";
import { registerCloser } from "./connections";
import { USER_AGENT } from "../version";

/** One signed GET attempt. */
export interface AttemptRequest {
    readonly url: URL;
    readonly credentials: Credentials;
    /** The request path with anything sensitive shortened, for errors and logs. */
    readonly displayPath: string;
    /** Headers to send besides the signature and `accept`. */
    readonly headers?: Readonly<Record<string, string>>;
    /** Epoch milliseconds to sign with (the caller corrects it for clock skew). */
    readonly timestamp: number;
    /** This attempt's timeout, from sending to the last byte of the body. */
    readonly timeoutMs: number;
    /** The whole call's deadline: the attempt ends there too, with the deadline's error. */
    readonly deadline?: Deadline;
    /** Cancel the attempt; the reason of the one that fires is thrown as is. */
    readonly signals?: readonly (AbortSignal | undefined)[];
}

/** When a whole call must be over, and the error it ends with then. */
export interface Deadline {
    /** Epoch milliseconds. */
    readonly at: number;
    readonly error: () => Error;
}

/** A 2xx answer whose body was read fully and parsed as JSON. */
export interface JsonResponse {
    readonly status: number;
    readonly body: unknown;
    readonly traceId?: string;
    /** The response `Date` header, the gateway's clock. */
    readonly date?: string;
}

// One keep-alive pool per origin (undici's Agent keeps a Pool per origin), shared by every call in the process,
// so a listing of many pages and repeated calls reuse connections instead of handshaking again.
let sharedAgent: Agent | undefined;

function agent(): Agent {
    if (!sharedAgent) {
        sharedAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 32 });
        registerCloser(closeAgent);
    }
    return sharedAgent;
}

async function closeAgent(): Promise<void> {
    const current = sharedAgent;
    sharedAgent = undefined;
    await current?.close();
}

/**
 * Sends one signed GET and returns the parsed JSON body. Throws {@link NcloudApiError} on an HTTP error
 * status (with the response's `Date` and `Retry-After`), {@link NcloudTimeoutError} when the attempt's
 * timeout passes, {@link NcloudNetworkError} when the connection fails or the body is cut short, and
 * {@link ResponseValidationError} when a 2xx body is not JSON.
 */
export async function sendSignedGet(attempt: AttemptRequest): Promise<JsonResponse> {
    const method = "GET";
    const { url, displayPath, timeoutMs } = attempt;
    const signature = signV2({
        method,
        pathAndQuery: url.pathname + url.search,
        timestamp: attempt.timestamp,
        accessKey: attempt.credentials.accessKey,
        secretKey: attempt.credentials.reveal(),
    });
    const untilDeadline = attempt.deadline ? attempt.deadline.at - Date.now() : Infinity;
    if (untilDeadline <= 0) throw attempt.deadline!.error();
    const scope = abortScope(attempt.signals ?? [], Math.min(timeoutMs, untilDeadline));

    let response: Dispatcher.ResponseData;
    let text: string;
    try {
        response = await request(url, {
            method,
            dispatcher: agent(),
            headers: { accept: "application/json", "user-agent": USER_AGENT, ...attempt.headers, ...signature },
            signal: scope.signal,
        });
        text = await response.body.text();
    } catch (error) {
        for (const signal of attempt.signals ?? []) if (signal?.aborted) throw signal.reason;
        if (scope.timedOut && untilDeadline < timeoutMs) throw attempt.deadline!.error();
        if (scope.timedOut || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
            throw new NcloudTimeoutError(method, displayPath, timeoutMs, "attempt", error);
        }
        throw new NcloudNetworkError(method, displayPath, error);
    } finally {
        scope.dispose();
    }

    const traceId = headerText(response.headers["x-ncp-trace-id"]);
    const date = headerText(response.headers["date"]);
    const parsed = parseJson(text);
    if (response.statusCode < 200 || response.statusCode > 299) {
        throw new NcloudApiError({
            status: response.statusCode,
            ...ncpErrorOf(parsed),
            traceId,
            method,
            path: displayPath,
            retryAfter: headerText(response.headers["retry-after"]),
            serverDate: date,
        });
    }
    if (parsed === undefined) {
        throw new ResponseValidationError(method, displayPath, [{ path: "", message: `body is not JSON (${describeText(text)})` }], traceId);
    }
    return { status: response.statusCode, body: parsed.value, traceId, date };
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

function describeText(text: string): string {
    if (text.length === 0) return "empty";
    const start = text.slice(0, 40).replace(/\s+/g, " ");
    return `${text.length} characters starting ${JSON.stringify(start)}`;
}

// NCP error bodies: {"error":{"errorCode":"200","message":"Authentication Failed","details":"..."}};
// errorCode is documented as an integer but sent as a string, so accept both.
function ncpErrorOf(parsed: { value: unknown } | undefined): { errorCode?: string; ncpMessage?: string; details?: string } {
    const error = (parsed?.value as { error?: unknown } | undefined)?.error;
    if (typeof error !== "object" || error === null) return {};
    const { errorCode, message, details } = error as Record<string, unknown>;
    return {
        errorCode: typeof errorCode === "string" || typeof errorCode === "number" ? String(errorCode) : undefined,
        ncpMessage: typeof message === "string" ? message : undefined,
        details: typeof details === "string" ? details : undefined,
    };
}
