import { fetchOrganizationAccounts, ORGANIZATION_ACCOUNT_FIELDS, organizationAccountsPath, type OrganizationAccount } from "./apis/organizationAccounts";
import { isMccUserField, listMccUsers, MCC_USER_FIELDS_HELP, mccUsersPath, type MccUser } from "./apis/mccUsers";
import type { RequestSettings } from "./apis/RequestSettings";
import type { SendJson } from "./apis/SendJson";
import { checkCompanyId, checkOrganizationGroupNo, checkPageSize } from "./arguments";
import { resolveConnection, type SourceLoader } from "./credentials/resolveConnection";
import { applyFilters, compileFilters, type Filter } from "./filters";
import { sharedListing } from "./sharedListing";
import { requestPolicy } from "./requestPolicy";
import { getJson, type RequestPolicy } from "./transport/getJson";

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

/** Every account of an organization group that passes the filters. */
export interface OrganizationAccountsListing {
    readonly organizationGroupNo: number;
    readonly accounts: OrganizationAccount[];
}

/** Every member of a company that passes the filters, and the server's total before filtering. */
export interface MccUsersListing {
    readonly companyId: string;
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
    const policy = requestPolicy(fn, context.settings ?? {}, organizationAccountsPath(organizationGroupNo));
    const accounts = await sharedListing(["organization", connection, organizationGroupNo], context.settings?.share, () =>
        fetchOrganizationAccounts(connection, organizationGroupNo, sender(policy)));
    return { organizationGroupNo, accounts: applyFilters(accounts, filters) };
}

/** Validates the query, resolves the connection, lists every page of the company and filters the whole list. Bad input sends nothing. */
export async function readMccUsers(query: MccUsersQuery, context: ReadContext): Promise<MccUsersListing> {
    const fn = context.functionName;
    const companyId = MCC_USERS_CHECKS.companyId(fn, query.companyId);
    const pageSize = MCC_USERS_CHECKS.pageSize(fn, query.pageSize);
    const filters = MCC_USERS_CHECKS.filters(fn, query.filters);
    const connection = resolveConnection("mcc", context.sources);
    const policy = requestPolicy(fn, context.settings ?? {}, mccUsersPath(companyId, true));
    const plan = { pageSize, concurrency: policy.concurrency, onProgress: context.settings?.onProgress };
    const listing = await sharedListing(["mcc", connection, companyId, pageSize], context.settings?.share, () =>
        listMccUsers(connection, companyId, plan, sender(policy), policy.logger));
    return { companyId, users: applyFilters(listing.users, filters), total: listing.total };
}

function sender(policy: RequestPolicy): SendJson {
    return (request, hooks) => getJson(request, policy, hooks);
}
