import type { Logger } from "../Logger";
import type { RetryOptions } from "../transport/RetryOptions";

/** How the requests of a call are sent. */
export interface RequestSettings {
    /** Per-attempt timeout in milliseconds, from sending to the last byte of the body. Env `NCLOUD_TIMEOUT_MS`. @default 10000 */
    readonly timeoutMs?: number;
    /** Deadline in milliseconds for the whole call (every page, retry and wait of a listing). Env `NCLOUD_DEADLINE_MS`. @default 120000 */
    readonly deadlineMs?: number;
    /** How failed requests are retried. */
    readonly retry?: RetryOptions;
    /** Cancels the call; it then rejects with the signal's reason. */
    readonly signal?: AbortSignal;
    /** Where debug lines and warnings go. @default Pulumi's log in a program, else stderr (debug lines with `NCLOUD_DEBUG=1`) */
    readonly logger?: Logger;
}
