import { z } from "zod";
import { apiUrl, type Connection } from "../credentials/resolveConnection";
import { IncompleteListingError } from "../errors/IncompleteListingError";
import { ResponseValidationError } from "../errors/ResponseValidationError";
import type { Logger } from "../Logger";
import { AdaptiveLimit } from "../transport/AdaptiveLimit";
import { failedAllAttempts, type SendHooks } from "../transport/getJson";
import { acquireRetryToken } from "../transport/retryBudget";
import { parseBody } from "./parseBody";
import type { SendJson } from "./SendJson";

/** A member of a Media Connect Center company, fields as the MCC API names them; all but `externalKey` may be absent. */
export interface MccUser {
    /** The member's key in the company: unique within a listing. */
    readonly externalKey: string;
    readonly name?: string | null;
    /** Names by locale, e.g. `{ ko_KR: "홍길동", en_US: "Hong Gil Dong" }`. */
    readonly i18nNames?: Readonly<Record<string, string | null>> | null;
    readonly deptExternalKey?: string | null;
    readonly jobGradeExternalKey?: string | null;
    readonly jobPositionExternalKey?: string | null;
    /** Business e-mail, the member's login id. */
    readonly emailAddr?: string | null;
    readonly telNo?: string | null;
    readonly cphNo?: string | null;
    readonly localeTypeCd?: string | null;
    readonly tmznTypeCd?: string | null;
    /** Fields the API adds later are kept as they come. */
    readonly [field: string]: unknown;
}

const optionalText = z.string().nullish();

const userSchema = z.object({
    externalKey: z.string().min(1),
    name: optionalText,
    i18nNames: z.record(z.string(), z.string().nullable()).nullish(),
    deptExternalKey: optionalText,
    jobGradeExternalKey: optionalText,
    jobPositionExternalKey: optionalText,
    emailAddr: optionalText,
    telNo: optionalText,
    cphNo: optionalText,
    localeTypeCd: optionalText,
    tmznTypeCd: optionalText,
});

const count = z.int().nonnegative();

/** The body of `GET /ncloudmcc/v1/companies/{companyId}/users?limit=&offset=`. */
export const mccUsersPageSchema = z.object({
    page: z.object({ count, offset: count, limit: count, total: count }),
    users: z.array(userSchema),
});

/** The fields a filter may name: the documented ones, and `i18nNames.<locale>`. */
export function isMccUserField(name: string): boolean {
    return (Object.hasOwn(userSchema.shape, name) && name !== "i18nNames") || /^i18nNames\.[A-Za-z0-9_-]+$/.test(name);
}
export const MCC_USER_FIELDS_HELP = `${Object.keys(userSchema.shape).filter((k) => k !== "i18nNames").join(", ")}, i18nNames.<locale>`;

/** One validated page, as the server sent it. */
export interface MccUsersPage {
    readonly offset: number;
    readonly limit: number;
    readonly total: number;
    readonly users: readonly MccUser[];
}

/** A complete listing of a company's members, in the server's order. */
export interface MccUsersListing {
    readonly users: MccUser[];
    /** The server's `page.total`. */
    readonly total: number;
}

/** The users path; the company id is an integration key, so errors and logs show only its start. */
export function mccUsersPath(companyId: string, display = false): string {
    const id = display ? (companyId.length >= 12 ? `${companyId.slice(0, 4)}…` : "…") : companyId;
    return `/ncloudmcc/v1/companies/${id}/users`;
}

/** Fetches and validates one page. */
export async function fetchMccUsersPage(connection: Connection, companyId: string, offset: number, limit: number, send: SendJson, hooks?: SendHooks): Promise<MccUsersPage> {
    const url = apiUrl(connection.baseUrl, mccUsersPath(companyId), { limit, offset });
    const displayPath = `${mccUsersPath(companyId, true)}?limit=${limit}&offset=${offset}`;
    const response = await send({
        url,
        credentials: connection.credentials,
        displayPath,
        // The API page lists Content-Type as a required header even on this GET.
        headers: { "content-type": "application/json" },
    }, hooks);
    const body = parseBody(mccUsersPageSchema, response.body, { method: "GET", path: displayPath, traceId: response.traceId });
    if (body.page.count !== body.users.length) {
        throw new ResponseValidationError("GET", displayPath, [{ path: "page.count", message: `says ${body.page.count} but users has ${body.users.length}` }], response.traceId);
    }
    return { offset: body.page.offset, limit: body.page.limit, total: body.page.total, users: body.users };
}

/** A listing that fails its integrity checks is started again this many times before it is an error. */
export const LISTING_RESTARTS = 2;

/** How a listing is paged. */
export interface ListingPlan {
    /** Users asked for per request. */
    readonly pageSize: number;
    /** Pages fetched at once after the first; 1 fetches them one after another. */
    readonly concurrency: number;
    /** Told how many users arrived so far, of how many. */
    readonly onProgress?: (received: number, total: number) => void;
}

/**
 * Every member of a company. The first page gives the total and the page size the server really sends
 * (it may cap `limit`); the other pages are then fetched `concurrency` at a time, fewer while the gateway
 * throttles, and put together in the server's order. Any sign that the pages do not add up to exactly the
 * server's list (a page at another offset or of another size, an empty page before the total, a total that
 * changes, a repeated `externalKey`) starts the listing again, page by page, up to {@link LISTING_RESTARTS}
 * times; then it is an {@link IncompleteListingError}: never a partial or doubled list. A page whose request
 * failed all its attempts with a retryable error is tried once more, with half the pages in flight.
 */
export async function listMccUsers(connection: Connection, companyId: string, plan: ListingPlan, send: SendJson, logger: Logger): Promise<MccUsersListing> {
    const problems: string[] = [];
    const limit = new AdaptiveLimit(plan.concurrency);
    for (let run = 1; ; run++) {
        try {
            // After a failed listing, go page by page: it advances by what each page really holds.
            return await listOnce(connection, companyId, plan, run === 1 ? limit : undefined, send);
        } catch (error) {
            if (!(error instanceof IncompleteListingError)) throw error;
            problems.push(error.problem);
            if (run > LISTING_RESTARTS) {
                throw new IncompleteListingError(error.path, problems.length > 1 ? `${problems.length} listings failed: ${problems.join("; then ")}` : error.problem, error.received, error.total);
            }
            logger.debug(`listing ${error.path} started again (${run}/${LISTING_RESTARTS}): ${error.problem}`);
        }
    }
}

async function listOnce(connection: Connection, companyId: string, plan: ListingPlan, limit: AdaptiveLimit | undefined, send: SendJson): Promise<MccUsersListing> {
    const { pageSize } = plan;
    const listing = mccUsersPath(companyId, true);
    const keys = new Set<string>();
    let received = 0;
    let total: number | undefined;
    const fail = (problem: string): never => {
        throw new IncompleteListingError(listing, problem, received, total);
    };
    const accept = (page: MccUsersPage, offset: number, expected?: number): readonly MccUser[] => {
        if (page.offset !== offset) fail(`asked for offset ${offset}, the server answered offset ${page.offset} (a repeated or shifted page)`);
        if (total === undefined) total = page.total;
        else if (page.total !== total) fail(`page.total changed from ${total} to ${page.total} during the listing`);
        if (page.users.length === 0 && offset < total) fail(`the server sent an empty page at offset ${offset}`);
        if (expected !== undefined && page.users.length !== expected) fail(`the page at offset ${offset} has ${page.users.length} users, not ${expected}`);
        for (const user of page.users) {
            if (keys.has(user.externalKey)) fail(`externalKey ${JSON.stringify(user.externalKey)} came twice`);
            keys.add(user.externalKey);
        }
        received += page.users.length;
        if (received > total) fail(`the server sent more users than its total of ${total}`);
        plan.onProgress?.(received, total);
        return page.users;
    };

    // A listing is many requests: one page failing all its attempts should not lose the whole listing to a
    // gateway that fails a share of requests. Such a page gets one more round, with fewer pages in flight,
    // paid from the endpoint's retry budget.
    const fetchPage = async (offset: number, hooks?: SendHooks) => {
        try {
            return await fetchMccUsersPage(connection, companyId, offset, pageSize, send, hooks);
        } catch (error) {
            if (!failedAllAttempts(error) || hooks?.signal?.aborted || !acquireRetryToken(connection.baseUrl.origin, false)) throw error;
            limit?.throttled();
            return fetchMccUsersPage(connection, companyId, offset, pageSize, send, hooks);
        }
    };
    const first = accept(await fetchPage(0), 0);
    const pages: (readonly MccUser[])[] = [first];
    const stride = first.length;
    if (limit === undefined || limit.max === 1) {
        while (received < total!) pages.push(accept(await fetchPage(received), received));
    } else {
        const offsets: number[] = [];
        for (let offset = stride; offset < total!; offset += stride) offsets.push(offset);
        const rest = await fetchAll(offsets, limit, (offset, hooks) => fetchPage(offset, hooks).then((page) => accept(page, offset, Math.min(stride, total! - offset))));
        // Appended one by one: spreading a listing's pages as arguments overflows the stack past ~100,000 pages.
        for (const page of rest) pages.push(page);
    }
    return { users: pages.flat(), total: total! };
}

/**
 * Runs `fetch` for every offset, at most `limit.current` at a time, and returns the results in the offsets'
 * order. The first failure cancels the requests still in flight and is thrown.
 */
async function fetchAll<T>(offsets: readonly number[], limit: AdaptiveLimit, fetch: (offset: number, hooks: SendHooks) => Promise<T>): Promise<T[]> {
    const results = new Array<T>(offsets.length);
    const cancel = new AbortController();
    const hooks: SendHooks = { signal: cancel.signal, onThrottle: () => limit.throttled(), onSuccess: () => limit.succeeded() };
    let next = 0;
    let inFlight = 0;
    return new Promise<T[]>((resolve, reject) => {
        let failed = false;
        const pump = () => {
            if (failed) return;
            if (next >= offsets.length && inFlight === 0) return resolve(results);
            while (next < offsets.length && inFlight < limit.current) {
                const index = next++;
                inFlight += 1;
                fetch(offsets[index]!, hooks).then(
                    (result) => {
                        results[index] = result;
                        inFlight -= 1;
                        pump();
                    },
                    (error: unknown) => {
                        if (failed) return;
                        failed = true;
                        cancel.abort(error);
                        reject(error);
                    },
                );
            }
        };
        pump();
    });
}
