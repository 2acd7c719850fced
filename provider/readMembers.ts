import { ORGANIZATION_ACCOUNT_FIELDS, organizationAccountsPath, requestOrganizationAccounts } from "./apis/organizationAccounts";
import { isMccUserField, MCC_USER_FIELDS_HELP, mccUsersPath, requestMccUsersPage, type MccCompany } from "./apis/mccUsersPage";
import { paginateMccUsers } from "./apis/paginateMccUsers";
import type { RequestSettings } from "./RequestSettings";
import { checkCompanyId, checkOrganizationGroupNo, checkPageSize } from "./arguments";
import { resolveConnection, type Connection } from "./credentials/resolveConnection";
import type { SourceLoader } from "./credentials/settingsChain";
import { applyFilters, compileFilters, type CompiledFilter, type Filter } from "./filters";
import type { MccUser, MccUsersPage } from "./model/MccUser";
import type { OrganizationAccount } from "./model/OrganizationAccount";
import { requestPolicy, type RequestPolicy } from "./requestPolicy";
import { listingFingerprint, sharedListings, type ListingCaller } from "./sharedListing";
import { deadlineError } from "./transport/sendRequest";

/** What to read of an organization group. */
export interface OrganizationAccountsQuery {
    /** The organization group number (a positive integer). */
    readonly organizationGroupNo: number;
    /** Filters applied to the complete list. */
    readonly filters?: readonly Filter[];
}

/** What to read of a Media Connect Center company. */
export interface MccUsersQuery {
    /** The company id (integration key, 1 to 36 letters, digits or `-`). */
    readonly companyId: string;
    /** Filters applied to the complete list. */
    readonly filters?: readonly Filter[];
    /** Users asked for per request; the server may send fewer. From 1 to 1000. @default 100 */
    readonly pageSize?: number;
}

/** How a read finds its credentials and sends its requests. */
export interface ReadContext {
    /** Named in errors, e.g. `getMccUsers`. */
    readonly functionName: string;
    /** Where settings come from, first found wins. */
    readonly sources: readonly SourceLoader[];
    readonly settings?: RequestSettings;
}

/** Every account of an organization group that passes the filters, with the query it answers (a function's result). */
export interface OrganizationAccountsListing {
    readonly organizationGroupNo: number;
    readonly filters?: readonly Filter[];
    readonly accounts: OrganizationAccount[];
}

/** Every member of a company that passes the filters, the server's total before filtering, and the query (a function's result). */
export interface MccUsersListing {
    readonly companyId: string;
    readonly filters?: readonly Filter[];
    readonly pageSize: number;
    readonly users: MccUser[];
    readonly total: number;
}

/** The check of each argument, by name: each throws an InvalidArgumentError naming what is wrong. */
export const ORGANIZATION_ACCOUNTS_CHECKS = {
    organizationGroupNo: checkOrganizationGroupNo,
    filters: (fn: string, value: unknown) =>
        compileFilters(fn, value, (name) => ORGANIZATION_ACCOUNT_FIELDS.includes(name), ORGANIZATION_ACCOUNT_FIELDS.join(", ")),
} as const;

/** The check of each argument, by name: each throws an InvalidArgumentError naming what is wrong. */
export const MCC_USERS_CHECKS = {
    companyId: checkCompanyId,
    pageSize: checkPageSize,
    filters: (fn: string, value: unknown) => compileFilters(fn, value, isMccUserField, MCC_USER_FIELDS_HELP),
} as const;

/** Validates the query, resolves the connection, fetches the whole group and filters it. Bad input sends nothing. */
export async function readOrganizationAccounts(query: OrganizationAccountsQuery, context: ReadContext): Promise<OrganizationAccountsListing> {
    const fn = context.functionName;
    const organizationGroupNo = ORGANIZATION_ACCOUNTS_CHECKS.organizationGroupNo(fn, query.organizationGroupNo);
    const filters = ORGANIZATION_ACCOUNTS_CHECKS.filters(fn, query.filters);
    const connection = resolveConnection("organization", context.sources);
    const policy = requestPolicy(fn, context.settings ?? {});
    const accounts = await shared(
        context,
        policy,
        connection,
        ["organization", organizationGroupNo],
        organizationAccountsPath(organizationGroupNo),
        (p) => requestOrganizationAccounts(connection, organizationGroupNo, p),
        (list) => list.length,
    );
    return { organizationGroupNo, ...(query.filters ? { filters: query.filters } : {}), accounts: applyFilters(accounts, filters) };
}

/** Validates the query, resolves the connection, lists every page of the company and filters the whole list. Bad input sends nothing. */
export async function readMccUsers(query: MccUsersQuery, context: ReadContext): Promise<MccUsersListing> {
    const listing = mccUsersListing(query, context);
    const { company, pageSize, policy } = listing;
    const all = await shared(
        context,
        policy,
        company.connection,
        ["mcc", company.companyId, pageSize],
        mccUsersPath(company.companyId, true),
        async (p, onProgress) => {
            const users: MccUser[] = [];
            let total = 0;
            const pages = paginateMccUsers({ ...listing.plan, logger: p.logger, onProgress, onRestart: () => (users.length = 0) }, (offset, limit, hooks) =>
                requestMccUsersPage(company, offset, limit, p, hooks),
            );
            for await (const page of pages) {
                // One by one: spreading a listing's pages as arguments overflows the stack past ~100,000 pages.
                for (const user of page.users) users.push(user);
                total = page.total;
            }
            return { users, total };
        },
        (listing) => listing.users.length,
    );
    return {
        companyId: company.companyId,
        ...(query.filters ? { filters: query.filters } : {}),
        pageSize,
        users: applyFilters(all.users, listing.filters),
        total: all.total,
    };
}

/**
 * The pages of a company's members as they arrive, each with the users that pass the filters; for callers who
 * stream a large company and never hold the whole list. Checks the query at once (bad input throws here and
 * sends nothing); requests start at the first `next()`. Not shared with other callers. A listing that fails its
 * checks after it gave pages is an error, not a restart.
 */
export function iterateMccUsers(query: MccUsersQuery, context: ReadContext): AsyncIterableIterator<MccUsersPage> {
    const { company, policy, plan, filters } = mccUsersListing(query, context);
    const pages = paginateMccUsers({ ...plan, logger: policy.logger, onProgress: context.settings?.onProgress }, (offset, limit, hooks) =>
        requestMccUsersPage(company, offset, limit, policy, hooks),
    );
    return filterPages(pages, filters);
}

async function* filterPages(pages: AsyncIterable<MccUsersPage>, filters: readonly CompiledFilter[]): AsyncIterableIterator<MccUsersPage> {
    for await (const page of pages) yield filters.length === 0 ? page : { ...page, users: applyFilters(page.users, filters) };
}

function mccUsersListing(query: MccUsersQuery, context: ReadContext) {
    const fn = context.functionName;
    const companyId = MCC_USERS_CHECKS.companyId(fn, query.companyId);
    const pageSize = MCC_USERS_CHECKS.pageSize(fn, query.pageSize);
    const filters = MCC_USERS_CHECKS.filters(fn, query.filters);
    const company: MccCompany = { connection: resolveConnection("mcc", context.sources), companyId };
    const policy = requestPolicy(fn, context.settings ?? {});
    const plan = { listing: mccUsersPath(companyId, true), pageSize, concurrency: policy.concurrency, maxUsers: policy.maxUsers, maxPages: policy.maxPages };
    return { company, pageSize, filters, policy, plan };
}

/**
 * Runs a listing for this caller, shared with every other caller in the process who asks the same question
 * with the same credentials and settings (unless `share: false`). The caller's signal and deadline bound its
 * own wait; `run` gets the policy the listing runs under.
 */
function shared<T>(
    context: ReadContext,
    policy: RequestPolicy,
    connection: Connection,
    question: readonly (string | number)[],
    displayPath: string,
    run: (policy: RequestPolicy, onProgress?: (received: number, total: number) => void) => Promise<T>,
    members: (result: T) => number,
): Promise<T> {
    const onProgress = context.settings?.onProgress;
    if (context.settings?.share === false) return run(policy, onProgress);
    const caller: ListingCaller = {
        signal: policy.signal,
        deadline: policy.deadline,
        deadlineError: () => deadlineError({ displayPath }, policy, 0),
        onProgress,
    };
    const { credentials, baseUrl, site } = connection;
    const fingerprint = listingFingerprint([
        ...question,
        baseUrl.href,
        site,
        credentials.accessKey,
        credentials.reveal(),
        policy.timeoutMs,
        policy.retry,
        policy.concurrency,
        policy.maxBodyBytes,
        policy.maxUsers,
        policy.maxPages,
    ]);
    return sharedListings.list(
        fingerprint,
        caller,
        (listing) => run({ ...policy, signal: listing.signal, deadline: listing.deadline }, listing.onProgress),
        members,
    );
}
