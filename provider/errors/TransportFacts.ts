/** What the transport knew when it gave up on a request; every transport error carries them from construction. */
export interface TransportFacts {
    /** How many attempts were sent for this request before it ended (0 when it ended before any was sent). */
    readonly attempts: number;
    /** Whether the failure is of a kind another attempt may fix (a 503, a reset connection, an attempt's timeout). */
    readonly retryable: boolean;
    /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
    readonly retryAfterMs?: number;
}
