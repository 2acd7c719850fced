import { NcloudError } from "./NcloudError";

/** A response body was larger than the limit (`maxBodyBytes`); reading stopped there and it was not retried. */
export class ResponseTooLargeError extends NcloudError {
    readonly code = "NCLOUD_RESPONSE_TOO_LARGE";
    readonly method: string;
    readonly path: string;
    /** The limit passed, in bytes. */
    readonly maxBodyBytes: number;
    /** The HTTP status the oversized answer came with. */
    readonly status: number;
    readonly traceId?: string;

    constructor(method: string, path: string, maxBodyBytes: number, status: number, traceId?: string) {
        super(
            `the response to ${method} ${path} (HTTP ${status}) is larger than maxBodyBytes ${maxBodyBytes}; it was not read further${traceId ? ` [trace id ${traceId}]` : ""}`,
        );
        this.method = method;
        this.path = path;
        this.maxBodyBytes = maxBodyBytes;
        this.status = status;
        this.traceId = traceId;
    }
}
