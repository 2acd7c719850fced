import { NcloudError } from "./NcloudError";
import type { TransportFacts } from "./TransportFacts";

/** The request never got a complete answer: connection refused or reset, socket closed mid-body. */
export class NcloudNetworkError extends NcloudError implements TransportFacts {
    readonly code = "NCLOUD_NETWORK_ERROR";
    readonly method: string;
    readonly path: string;
    /** The system or undici error code underneath (`ECONNREFUSED`, `UND_ERR_SOCKET`), when there is one. */
    readonly causeCode?: string;
    readonly attempts: number;
    readonly retryable: boolean;
    readonly retryAfterMs?: number;

    constructor(method: string, path: string, cause: unknown, facts: TransportFacts) {
        super(`network failure on ${method} ${path}: ${describeCause(cause)}`, { cause });
        this.method = method;
        this.path = path;
        this.causeCode = networkCauseCode(cause);
        this.attempts = facts.attempts;
        this.retryable = facts.retryable;
        this.retryAfterMs = facts.retryAfterMs;
    }
}

/** The system or undici code of a network failure, or of the error underneath it. */
export function networkCauseCode(cause: unknown): string | undefined {
    return codeOf(cause) ?? codeOf((cause as { cause?: unknown } | undefined)?.cause);
}

function codeOf(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? code : undefined;
}

function describeCause(cause: unknown): string {
    if (cause instanceof Error) {
        const code = (cause as { code?: unknown }).code;
        const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
        return `${typeof code === "string" ? `${code}: ` : ""}${cause.message}${inner}`;
    }
    return String(cause);
}
