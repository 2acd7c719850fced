/** Which API a fault applies to. */
export type FaultTarget = "organization" | "mcc" | "any";

/** What a fault does to a request it matches. */
export type FaultAction =
    /** Answer this HTTP status with an NCP error body, and a `Retry-After` header if given. */
    | { readonly kind: "status"; readonly status: number; readonly errorCode?: string; readonly message?: string; readonly retryAfter?: string }
    /** Answer 200 with this body and content type instead of the real one (HTML, broken JSON...). */
    | { readonly kind: "body"; readonly body: string; readonly contentType?: string }
    /** Answer exactly this: any status, headers and body. */
    | { readonly kind: "raw"; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body: string }
    /** Close the connection before sending anything. */
    | { readonly kind: "reset" }
    /** Send nothing for this long, then answer normally (headers stall). */
    | { readonly kind: "stall"; readonly ms: number }
    /** Send the headers and half the body, announcing all of it in Content-Length, then close. */
    | { readonly kind: "truncate" }
    /** MCC: answer an empty `users` page, keeping the real `page.total`. */
    | { readonly kind: "empty-page" }
    /** MCC: answer the page before the one asked for (as a server that ignores `offset` would). */
    | { readonly kind: "repeat-page" }
    /** MCC: a member joins the company just before this page is served, so the list changes mid-listing. */
    | { readonly kind: "grow" }
    /** MCC: the real page, but announcing this `page.total` (a lying server: 9007199254740991, say). */
    | { readonly kind: "total"; readonly total: number }
    /** Answer 200 with a body of `bytes` bytes, or, without `bytes`, a chunked body that never ends (until the client leaves). */
    | { readonly kind: "flood"; readonly bytes?: number }
    /** MCC: the real page, its first user carrying an extra field nested `depth` levels deep. */
    | { readonly kind: "nest"; readonly depth: number };

/** A fault the emulator injects into matching requests. */
export type Fault = FaultAction & {
    /** @default "any" */
    readonly api?: FaultTarget;
    /** Let this many matching requests through first. @default 0 */
    readonly skip?: number;
    /** How many matching requests it hits, after `skip`. @default 1, or no limit with `every` */
    readonly times?: number;
    /** Hit only every n-th matching request (after `skip`): 3 fails one call in three. */
    readonly every?: number;
};
