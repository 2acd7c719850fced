import { NcloudError } from "./NcloudError";

/** A request attempt took longer than its timeout, or a whole call longer than its deadline. */
export class NcloudTimeoutError extends NcloudError {
    readonly code = "NCLOUD_TIMEOUT";
    readonly method: string;
    readonly path: string;
    readonly timeoutMs: number;
    /** `attempt`: one request's timeout (`timeoutMs`); `deadline`: the whole call's (`deadlineMs`). */
    readonly scope: "attempt" | "deadline";

    constructor(method: string, path: string, timeoutMs: number, scope: "attempt" | "deadline" = "attempt", cause?: unknown) {
        super(scope === "attempt"
            ? `${method} ${path} timed out after ${timeoutMs} ms`
            : `${method} ${path} did not complete within the ${timeoutMs} ms deadline`, { cause });
        this.method = method;
        this.path = path;
        this.timeoutMs = timeoutMs;
        this.scope = scope;
    }
}
