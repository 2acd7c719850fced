import type { Connection } from "./credentials/resolveConnection";

// A Pulumi program asks for the same list in several places, and each preview runs them all: one listing
// answers them. Kept 5 minutes from its start, so a long-lived process still sees membership change.
const KEEP_MS = 5 * 60 * 1000;

const listings = new Map<string, { readonly at: number; readonly listing: Promise<unknown> }>();

/**
 * The listing for a question (API, endpoint, access key, arguments), shared by every caller in the process
 * while it runs and until 5 minutes after it started. A failure is not kept: the next caller tries again.
 */
export function sharedListing<T>(question: readonly [string, Connection, ...(string | number)[]], share: boolean | undefined, list: () => Promise<T>): Promise<T> {
    if (share === false) return list();
    const [api, connection, ...args] = question;
    const key = JSON.stringify([api, connection.baseUrl.href, connection.credentials.accessKey, ...args]);
    const now = Date.now();
    const kept = listings.get(key);
    if (kept && now - kept.at < KEEP_MS) return kept.listing as Promise<T>;
    const listing = list();
    listings.set(key, { at: now, listing });
    listing.catch(() => {
        if (listings.get(key)?.listing === listing) listings.delete(key);
    });
    return listing;
}
