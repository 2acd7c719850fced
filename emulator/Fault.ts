/** Which API a fault applies to. */
export type FaultTarget = "organization" | "mcc" | "any";

/** What a fault does to a request it matches. */
export type FaultAction =
    /** Answer this HTTP status with an NCP error body. */
    | { readonly kind: "status"; readonly status: number; readonly errorCode?: string; readonly message?: string }
    /** Answer 200 with this body and content type instead of the real one (HTML, broken JSON...). */
    | { readonly kind: "body"; readonly body: string; readonly contentType?: string }
    /** MCC: answer an empty `users` page, keeping the real `page.total`. */
    | { readonly kind: "empty-page" }
    /** MCC: answer the page before the one asked for (as a server that ignores `offset` would). */
    | { readonly kind: "repeat-page" };

/** A fault the emulator injects into matching requests. */
export type Fault = FaultAction & {
    /** @default "any" */
    readonly api?: FaultTarget;
    /** Let this many matching requests through first. @default 0 */
    readonly skip?: number;
    /** How many matching requests it hits, after `skip`. @default 1 */
    readonly times?: number;
};
