import { createHmac, randomBytes } from "node:crypto";
import { addAbortListener, setMaxListeners } from "node:events";
import { CONCURRENCY, type Deadline } from "./requestPolicy";
import { abortScope } from "./transport/abortScope";

/** One caller of a listing: what it waits with, and what it is told. */
export interface ListingCaller {
    /** Cancels this caller's wait. */
    readonly signal?: AbortSignal;
    /** When this caller stops waiting. */
    readonly deadline: Deadline;
    /** The error this caller gets at its deadline. */
    readonly deadlineError: () => Error;
    readonly onProgress?: (received: number, total: number) => void;
}

/** What a listing runs with: cancelled when no caller waits any more, and bounded by the latest caller's deadline. */
export interface ListingRun {
    readonly signal?: AbortSignal;
    readonly deadline: Deadline;
    readonly onProgress: (received: number, total: number) => void;
}

interface Entry {
    readonly startedAt: number;
    readonly result: Promise<unknown>;
    readonly cancel: AbortController;
    readonly callers: Set<ListingCaller>;
    settled: boolean;
    /** Members the settled listing holds: what the store's budget counts. */
    members: number;
    /** Forgets the listing when it expires; cleared when it goes sooner, or its closure would keep the list alive. */
    expiry?: NodeJS.Timeout;
}

// A Pulumi program asks for the same list in several places, and each preview runs them all: one listing
// answers them. Kept 5 minutes from its start, so a long-lived process still sees membership change; at most
// 64 listings, so a process that reads many companies does not keep them all; and at most 100,000 members in
// all, so a long-lived plugin that served a few huge companies does not keep them: the oldest go first, and a
// listing larger than the whole budget is answered but not kept. The budget counts members, not bytes: real
// members are under 1 KB each (about 100 MB in all), but nothing but each body's maxBodyBytes bounds a member's size.
const STORE_DEFAULTS = { keepMs: 5 * 60 * 1000, maxEntries: 64, maxMembers: 100_000 } as const;

/**
 * Listings shared by every caller in the process who asks the same question with the same credentials. A
 * caller that gives up (its signal, its deadline) leaves; the listing goes on while any caller still waits and
 * is cancelled when none does. A failure is not kept: the next caller tries again.
 */
export class ListingStore {
    readonly #entries = new Map<string, Entry>();
    readonly #keepMs: number;
    readonly #maxEntries: number;
    readonly #maxMembers: number;
    readonly #now: () => number;

    /**
     * @param options.keepMs how long a listing is kept from its start, in milliseconds. @default 300000 (5 minutes)
     * @param options.maxEntries how many listings are kept or running. @default 64
     * @param options.maxMembers how many members (users or accounts) the kept listings hold in all; the oldest
     *   go first. @default 100000
     */
    constructor(options: { keepMs?: number; maxEntries?: number; maxMembers?: number; now?: () => number } = {}) {
        this.#keepMs = options.keepMs ?? STORE_DEFAULTS.keepMs;
        this.#maxEntries = options.maxEntries ?? STORE_DEFAULTS.maxEntries;
        this.#maxMembers = options.maxMembers ?? STORE_DEFAULTS.maxMembers;
        this.#now = options.now ?? Date.now;
    }

    /** How many listings are kept or running. */
    get size(): number {
        this.#sweep();
        return this.#entries.size;
    }

    /** How many members the kept listings hold. */
    get members(): number {
        this.#sweep();
        return this.#heldMembers();
    }

    /**
     * The listing for `fingerprint`: a running or recent one, or a new one from `start`. `members` counts what a
     * finished listing holds, for the store's budget.
     */
    list<T>(fingerprint: string, caller: ListingCaller, start: (run: ListingRun) => Promise<T>, members: (result: T) => number = () => 0): Promise<T> {
        // A caller who gave up before asking is refused with its reason here, before a listing is started for it.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        if (caller.signal?.aborted) return Promise.reject(caller.signal.reason);
        this.#sweep();
        const kept = this.#entries.get(fingerprint);
        if (kept) return this.#join(fingerprint, kept, caller) as Promise<T>;
        for (const [oldest, entry] of this.#entries) {
            if (this.#entries.size < this.#maxEntries) break;
            this.#drop(oldest, entry);
        }
        const cancel = new AbortController();
        // The listing's requests in flight each listen to it: as many as its concurrency (up to 32).
        setMaxListeners(2 * CONCURRENCY.max, cancel.signal);
        // The first caller is in before the listing starts: its deadline bounds the listing's first request.
        const callers = new Set<ListingCaller>([caller]);
        const deadline: Deadline = {
            get at() {
                return Math.max(-Infinity, ...[...callers].map((c) => c.deadline.at));
            },
            get ms() {
                return Math.max(0, ...[...callers].map((c) => c.deadline.ms));
            },
        };
        const onProgress = (received: number, total: number) => {
            for (const c of callers) c.onProgress?.(received, total);
        };
        const result = start({ signal: cancel.signal, deadline, onProgress });
        const entry: Entry = { startedAt: this.#now(), result, cancel, callers, settled: false, members: 0 };
        this.#entries.set(fingerprint, entry);
        result.then(
            (value) => {
                entry.settled = true;
                entry.members = members(value);
                if (entry.members > this.#maxMembers || this.#entries.get(fingerprint) !== entry) return this.#forget(fingerprint, entry);
                const left = this.#keepMs - (this.#now() - entry.startedAt);
                // Unref'd: a kept listing never holds a process open, and is gone once expired even if nobody asks again.
                entry.expiry = setTimeout(() => this.#forget(fingerprint, entry), Math.max(0, left)).unref();
                this.#keepWithinBudget();
            },
            () => this.#forget(fingerprint, entry),
        );
        return this.#join(fingerprint, entry, caller) as Promise<T>;
    }

    /** Forgets every listing, cancelling those still running. */
    clear(): void {
        for (const [fingerprint, entry] of this.#entries) {
            if (!entry.settled) entry.cancel.abort(new Error("the shared listings were reset"));
            this.#drop(fingerprint, entry);
        }
    }

    #join(fingerprint: string, entry: Entry, caller: ListingCaller): Promise<unknown> {
        if (entry.settled) return entry.result;
        entry.callers.add(caller);
        return new Promise((resolve, reject) => {
            const scope = abortScope([caller.signal], Math.max(0, caller.deadline.at - Date.now()), caller.deadlineError);
            const leave = () => {
                scope.dispose();
                entry.callers.delete(caller);
            };
            // Node's addAbortListener, not addEventListener: the scope is already aborted when the caller's signal was.
            addAbortListener(scope.signal, () => {
                leave();
                // An abort reason is passed on exactly as the caller gave it, Error or not.
                // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
                reject(scope.signal.reason);
                if (entry.callers.size === 0 && !entry.settled) {
                    entry.cancel.abort(scope.signal.reason);
                    this.#forget(fingerprint, entry);
                }
            });
            entry.result.then(
                (value) => {
                    leave();
                    resolve(value);
                },
                (error: unknown) => {
                    leave();
                    // The listing's own failure, passed on as it was thrown.
                    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
                    reject(error);
                },
            );
        });
    }

    /** Drops the oldest finished listings until the kept ones hold at most `maxMembers` members. */
    #keepWithinBudget(): void {
        let members = this.#heldMembers();
        for (const [fingerprint, entry] of this.#entries) {
            if (members <= this.#maxMembers) return;
            if (!entry.settled) continue;
            members -= entry.members;
            this.#drop(fingerprint, entry);
        }
    }

    #heldMembers(): number {
        let members = 0;
        for (const entry of this.#entries.values()) members += entry.members;
        return members;
    }

    #forget(fingerprint: string, entry: Entry): void {
        if (this.#entries.get(fingerprint) === entry) this.#drop(fingerprint, entry);
    }

    /** Every way a listing leaves the store: its expiry timer goes with it, and the list with the timer. */
    #drop(fingerprint: string, entry: Entry): void {
        clearTimeout(entry.expiry);
        this.#entries.delete(fingerprint);
    }

    #sweep(): void {
        const now = this.#now();
        for (const [fingerprint, entry] of this.#entries) if (entry.settled && now - entry.startedAt >= this.#keepMs) this.#drop(fingerprint, entry);
    }
}

/** The process's shared listings. */
export const sharedListings = new ListingStore();

// A key of its own per process: fingerprints cannot be matched against guessed secrets from outside the process.
const FINGERPRINT_KEY = randomBytes(32);

/**
 * A one-way fingerprint of everything that decides a listing's answer (API, endpoint, site, both keys, the
 * arguments, the request settings): equal only when the server would answer both callers alike.
 */
export function listingFingerprint(parts: readonly unknown[]): string {
    return createHmac("sha256", FINGERPRINT_KEY).update(JSON.stringify(parts)).digest("base64");
}
