import { NcloudError } from "./NcloudError";

/** One way a response body did not fit the API's documented shape. */
export interface ResponseIssue {
    /** Where in the body, e.g. `users[3].externalKey`; empty for the body itself. */
    readonly path: string;
    readonly message: string;
}

/** The gateway answered 2xx, but the body is not JSON or not the shape the API documents. */
export class ResponseValidationError extends NcloudError {
    readonly code = "NCLOUD_RESPONSE_INVALID";
    readonly method: string;
    readonly path: string;
    readonly issues: readonly ResponseIssue[];
    readonly traceId?: string;

    constructor(method: string, path: string, issues: readonly ResponseIssue[], traceId?: string) {
        const shown = issues
            .slice(0, 5)
            .map((i) => `${i.path || "(body)"}: ${i.message}`)
            .join("; ");
        const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
        super(`unexpected response to ${method} ${path}: ${shown}${more}${traceId ? ` [trace id ${traceId}]` : ""}`);
        this.method = method;
        this.path = path;
        this.issues = issues;
        this.traceId = traceId;
    }
}
