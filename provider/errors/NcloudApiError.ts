import { NcloudError } from "./NcloudError";
import type { TransportFacts } from "./TransportFacts";

/** Where an API error came from and what the gateway said; every field is safe to log. */
export interface NcloudApiErrorDetails extends TransportFacts {
    /** HTTP status. */
    readonly status: number;
    /** NCP's error code (`"200"`, `"COMMON_104"`, `"180000"`), when the body had one. */
    readonly errorCode?: string;
    /** NCP's own message (`"Authentication Failed"`), when the body had one. */
    readonly ncpMessage?: string;
    /** NCP's `details`, when present. */
    readonly details?: string;
    /** The `x-ncp-trace-id` response header: NCP support asks for it. */
    readonly traceId?: string;
    readonly method: string;
    /** Path and query of the request, with the company id shortened. */
    readonly path: string;
    /** The `Retry-After` response header, as sent. */
    readonly retryAfter?: string;
    /** The response `Date` header: the gateway's clock. */
    readonly serverDate?: string;
}

/** The gateway answered with an HTTP error status. */
export class NcloudApiError extends NcloudError implements NcloudApiErrorDetails {
    readonly code = "NCLOUD_API_ERROR";
    readonly status: number;
    readonly errorCode?: string;
    readonly ncpMessage?: string;
    readonly details?: string;
    readonly traceId?: string;
    readonly method: string;
    readonly path: string;
    readonly retryAfter?: string;
    readonly serverDate?: string;
    readonly attempts: number;
    readonly retryable: boolean;
    readonly retryAfterMs?: number;

    constructor(d: NcloudApiErrorDetails) {
        const ncp =
            d.errorCode !== undefined || d.ncpMessage !== undefined
                ? ` (NCP code ${d.errorCode ?? "none"}: ${d.ncpMessage ?? "no message"}${d.details ? `; ${d.details}` : ""})`
                : "";
        super(`NCP API answered HTTP ${d.status}${ncp} to ${d.method} ${d.path}${d.traceId ? ` [trace id ${d.traceId}]` : ""}`);
        this.status = d.status;
        this.errorCode = d.errorCode;
        this.ncpMessage = d.ncpMessage;
        this.details = d.details;
        this.traceId = d.traceId;
        this.method = d.method;
        this.path = d.path;
        this.retryAfter = d.retryAfter;
        this.serverDate = d.serverDate;
        this.attempts = d.attempts;
        this.retryable = d.retryable;
        this.retryAfterMs = d.retryAfterMs;
    }
}
