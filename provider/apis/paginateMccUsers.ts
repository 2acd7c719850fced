import { IncompleteListingError } from "../errors/IncompleteListingError";
import { KeyFingerprints } from "./KeyFingerprints";
import { ListingTooLargeError } from "../errors/ListingTooLargeError";
import type { Logger } from "../Logger";
import type { MccUsersPage } from "../model/MccUser";
import { AdaptiveLimit } from "../transport/AdaptiveLimit";
import { orderedPool } from "../transport/orderedPool";
import type { SendHooks } from "../transport/sendRequest";

/** A listing that fails its integrity checks is started again this many times before it is an error. */
export const LISTING_RESTARTS = 2;

/** Fetches the page of a company's members that holds `limit` members from `offset`. */
export type PageFetcher = (offset: number, limit: number, hooks: SendHooks) => Promise<MccUsersPage>;

/** How a listing is paged and bounded. */
export interface PaginationPlan {
    /** The listing's path as errors and logs show it. */
    readonly listing: string;
    /** Members asked for on the first page; the server may send fewer (its own cap), which then sizes every page. */
    readonly pageSize: number;
    /** Pages fetched at once after the first; 1 fetches them one after another. */
    readonly concurrency: number;
    readonly maxUsers: number;
    readonly maxPages: number;
    readonly logger: Logger;
    /** Told how many users arrived so far, of how many. */
    readonly onProgress?: (received: number, total: number) => void;
    /**
     * The listing starts again from its first page: forget every page it gave. Without it, a listing that has
     * given a page and then fails its checks is an error rather than a restart: the consumer cannot take back
     * what it already passed on.
     */
    readonly onRestart?: () => void;
}

/**
 * The pages of a company's members, in the server's order, each checked before it is given: every integrity
 * rule of a listing is here. The first page gives the total and the page size the server really sends (it may
 * cap `limit`); the other pages are then fetched `concurrency` at a time, fewer while the gateway throttles.
 *
 * Limit/offset paging skips or repeats a member when the list shifts between two pages (someone before the
 * page boundary leaves while someone else joins: the total stays the same). So every page after the first
 * starts one member early and must begin with the member the page before ended with: a page of `n` members
 * brings `n - 1` new ones, and the pages given are those new ones, without the overlap.
 *
 * So every member who stayed while the listing ran is given exactly once, and every member given was there at
 * some moment of it; a change inside a page already read (a leave and a join before its end) moves no boundary
 * and is not seen: the pages are not one snapshot, which limit/offset cannot give (docs/functions.md).
 *
 * Any sign that the pages do not add up (a shift, a page at another
 * offset or of another size, an empty page before the total, a total that changes, a repeated `externalKey`)
 * starts the listing again, page by page, up to {@link LISTING_RESTARTS} times; then it is an
 * {@link IncompleteListingError}: never a partial, shifted or doubled list. A total beyond `maxUsers` or
 * `maxPages` is a {@link ListingTooLargeError}.
 */
export async function* paginateMccUsers(plan: PaginationPlan, fetchPage: PageFetcher): AsyncGenerator<MccUsersPage, void, undefined> {
    const problems: string[] = [];
    const limit = new AdaptiveLimit(plan.concurrency);
    for (let run = 1; ; run++) {
        let gave = false;
        try {
            // After a failed listing, go page by page: it advances by what each page really holds.
            for await (const page of onePass(plan, fetchPage, run === 1 ? limit : undefined)) {
                gave = true;
                yield page;
            }
            return;
        } catch (error) {
            if (!(error instanceof IncompleteListingError)) throw error;
            problems.push(error.problem);
            if (run > LISTING_RESTARTS || (gave && plan.onRestart === undefined)) {
                if (problems.length === 1) throw error;
                throw new IncompleteListingError(error.path, `${problems.length} listings failed: ${problems.join("; then ")}`, error.received, error.total);
            }
            if (gave) plan.onRestart!();
            plan.logger.debug(`listing ${error.path} started again (${run}/${LISTING_RESTARTS}): ${error.problem}`);
        }
    }
}

async function* onePass(plan: PaginationPlan, fetchPage: PageFetcher, limit: AdaptiveLimit | undefined): AsyncGenerator<MccUsersPage, void, undefined> {
    const check = new ListingCheck(plan);
    const first = check.accept(await fetchPage(0, plan.pageSize, {}), 0);
    const { total } = first;
    const stride = first.users.length;
    if (total > plan.maxUsers) throw new ListingTooLargeError(plan.listing, "maxUsers", total, plan.maxUsers);
    // Each later page asks for as many members as the server sent on the first (so no cap cuts it short), one
    // of them the overlap; with pages of one member, it asks for two.
    const size = Math.max(2, stride);
    const step = size - 1;
    const pages = stride === 0 ? 1 : 1 + Math.ceil(Math.max(0, total - stride) / step);
    if (pages > plan.maxPages) throw new ListingTooLargeError(plan.listing, "maxPages", pages, plan.maxPages);
    yield first;
    if (limit === undefined || limit.max === 1) {
        while (check.received < total) {
            const offset = check.received - 1;
            yield check.acceptOverlapping(await fetchPage(offset, size, {}), offset, Math.min(size, total - offset));
        }
        return;
    }
    function* offsets(): Generator<number> {
        for (let start = stride; start < total; start += step) yield start - 1;
    }
    const pool = orderedPool(offsets(), limit, async (offset, hooks) => ({ offset, page: await fetchPage(offset, size, hooks) }));
    for await (const { offset, page } of pool) yield check.acceptOverlapping(page, offset, Math.min(size, total - offset));
}

/** The integrity rules of one pass over a listing. */
class ListingCheck {
    readonly #plan: PaginationPlan;
    readonly #keys = new KeyFingerprints();
    received = 0;
    #total: number | undefined;

    constructor(plan: PaginationPlan) {
        this.#plan = plan;
    }

    #lastKey: string | undefined;

    /**
     * A page that starts one member early: the new members, if its first is the member the page before ended
     * with (else the list shifted between the two pages) and the rest fit as {@link accept} says.
     */
    acceptOverlapping(page: MccUsersPage, offset: number, expected: number): MccUsersPage {
        this.#expectOffset(page, offset);
        if (page.users.length !== expected) this.#fail(`the page at offset ${offset} has ${page.users.length} users, not ${expected}`);
        const [overlap, ...fresh] = page.users;
        if (overlap?.externalKey !== this.#lastKey) {
            this.#fail(
                `the list shifted between pages: the page at offset ${offset} starts with ${JSON.stringify(overlap?.externalKey)}, not ${JSON.stringify(this.#lastKey)} which ended the page before (someone left or joined)`,
            );
        }
        return this.accept({ ...page, offset: offset + 1, users: fresh }, offset + 1, expected - 1);
    }

    /** The page, if it fits the pages before it; else an IncompleteListingError saying how it does not. */
    accept(page: MccUsersPage, offset: number, expected?: number): MccUsersPage {
        this.#expectOffset(page, offset);
        if (this.#total === undefined) this.#total = page.total;
        else if (page.total !== this.#total) this.#fail(`page.total changed from ${this.#total} to ${page.total} during the listing`);
        const total = this.#total;
        if (page.users.length === 0 && offset < total) this.#fail(`the server sent an empty page at offset ${offset}`);
        if (expected !== undefined && page.users.length !== expected)
            this.#fail(`the page at offset ${offset} has ${page.users.length} users, not ${expected}`);
        for (const user of page.users) {
            if (!this.#keys.add(user.externalKey)) this.#fail(`externalKey ${JSON.stringify(user.externalKey)} came twice`);
        }
        this.received += page.users.length;
        if (page.users.length > 0) this.#lastKey = page.users[page.users.length - 1].externalKey;
        if (this.received > total) this.#fail(`the server sent more users than its total of ${total}`);
        this.#plan.onProgress?.(this.received, total);
        return page;
    }

    #expectOffset(page: MccUsersPage, offset: number): void {
        if (page.offset !== offset) this.#fail(`asked for offset ${offset}, the server answered offset ${page.offset} (a repeated or shifted page)`);
    }

    #fail(problem: string): never {
        throw new IncompleteListingError(this.#plan.listing, problem, this.received, this.#total);
    }
}
