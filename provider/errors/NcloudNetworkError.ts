import { NcloudError } from "./NcloudError";

/** The request never got a complete answer: connection refused or reset, socket closed mid-body. */
export class NcloudNetworkError extends NcloudError {
    readonly code = "NCLOUD_NETWORK_ERROR";
    readonly method: string;
    readonly path: string;
    /** The system or undici error code underneath (`ECONNREFUSED`, `UND_ERR_SOCKET`), when there is one. */
    readonly causeCode?: string;

    constructor(method: string, path: string, cause: unknown) {
        super(`network failure on ${method} ${path}: ${describeCause(cause)}`, { cause });
        this.method = method;
        this.path = path;
        this.causeCode = codeOf(cause) ?? codeOf((cause as { cause?: unknown } | undefined)?.cause);
    }
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
