import { NcloudError } from "./NcloudError";

/** A request attempt took longer than its timeout. */
export class NcloudTimeoutError extends NcloudError {
    readonly code = "NCLOUD_TIMEOUT";
    readonly method: string;
    readonly path: string;
    readonly timeoutMs: number;

    constructor(method: string, path: string, timeoutMs: number, cause?: unknown) {
        super(`${method} ${path} timed out after ${timeoutMs} ms`, { cause });
        this.method = method;
        this.path = path;
        this.timeoutMs = timeoutMs;
    }
}
