/** How each request of a call is sent. */
export interface RequestSettings {
    /** Per-attempt timeout in milliseconds, from sending to the last byte of the body. @default 10000 */
    readonly timeoutMs?: number;
    /** Cancels the call. */
    readonly signal?: AbortSignal;
}
