import type { Logger } from "./Logger";
import type { RetryOptions } from "./transport/RetryOptions";

/** How the requests of a call are sent. */
export interface RequestSettings {
    /** Per-attempt timeout in milliseconds, from sending to the last byte of the body. Env `NCLOUD_TIMEOUT_MS`. @default 10000 */
    readonly timeoutMs?: number;
    /** Deadline in milliseconds for the whole call (every page, retry and wait of a listing). Env `NCLOUD_DEADLINE_MS`. @default 120000 */
    readonly deadlineMs?: number;
    /** How failed requests are retried. */
    readonly retry?: RetryOptions;
    /**
     * Pages of an MCC listing fetched at once after the first, from 1 to 32. It halves while the gateway
     * throttles and grows back slowly. @default 8
     */
    readonly concurrency?: number;
    /**
     * Share one listing between calls with the same arguments (filters aside) in this process: concurrent
     * calls wait for the same requests, and a call within 5 minutes of the listing's start reuses it. A failed
     * listing is not kept. @default true
     */
    readonly share?: boolean;
    /** The largest response body read (error bodies too), in bytes; a larger one is a `ResponseTooLargeError`, not retried. @default 33554432 (32 MiB) */
    readonly maxBodyBytes?: number;
    /** The most users an MCC listing may announce (`page.total`); more is an `IncompleteListingError` before page two. @default 10000000 */
    readonly maxUsers?: number;
    /** The most pages an MCC listing may take; more is an `IncompleteListingError` before page two. @default 100000 */
    readonly maxPages?: number;
    /** Told how far an MCC listing is, as its pages arrive (for a progress display). */
    readonly onProgress?: (received: number, total: number) => void;
    /** Cancels the call; it then rejects with the signal's reason. */
    readonly signal?: AbortSignal;
    /** Where debug lines and warnings go. @default Pulumi's log in a program, else stderr (debug lines with `NCLOUD_DEBUG=1`) */
    readonly logger?: Logger;
}

// A record of every key, so that a key added to RequestSettings and not here fails to compile.
const KEYS: Record<keyof RequestSettings, true> = {
    timeoutMs: true,
    deadlineMs: true,
    retry: true,
    concurrency: true,
    share: true,
    maxBodyBytes: true,
    maxUsers: true,
    maxPages: true,
    onProgress: true,
    signal: true,
    logger: true,
};

/** Every key of {@link RequestSettings}, for telling an option this package does not know from one it does. */
export const REQUEST_SETTINGS = Object.keys(KEYS) as readonly (keyof RequestSettings)[];
