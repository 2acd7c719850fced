import { NcloudError } from "./NcloudError";
import type { TransportFacts } from "./TransportFacts";

/** A request attempt took longer than its timeout, or a whole call longer than its deadline. */
export class NcloudTimeoutError extends NcloudError implements TransportFacts {
    readonly code = "NCLOUD_TIMEOUT";
    readonly method: string;
    readonly path: string;
    readonly timeoutMs: number;
    /** `attempt`: one request's timeout (`timeoutMs`); `deadline`: the whole call's (`deadlineMs`). */
    readonly scope: "attempt" | "deadline";
    readonly attempts: number;
    readonly retryable: boolean;
    readonly retryAfterMs?: number;

    constructor(method: string, path: string, timeoutMs: number, scope: "attempt" | "deadline", facts: TransportFacts, cause?: unknown) {
        super(
            scope === "attempt"
                ? `${method} ${path} timed out after ${timeoutMs} ms`
                : `${method} ${path} did not complete within the ${timeoutMs} ms deadline`,
            { cause },
        );
        this.method = method;
        this.path = path;
        this.timeoutMs = timeoutMs;
        this.scope = scope;
        this.attempts = facts.attempts;
        this.retryable = facts.retryable;
        this.retryAfterMs = facts.retryAfterMs;
    }
}
