import type { MccUsersPage } from "../provider/model/MccUser";
import type { GetMccUsersArgs } from "./getMccUsers";
import type { NcloudInvokeOptions } from "./NcloudInvokeOptions";
import { readContext } from "./readContext";
import { readers } from "./readers";
import { checkKnownKeys, MCC_USERS_ARGUMENTS } from "../provider/arguments";

/**
 * The members of a Media Connect Center company page by page, as they arrive: for a company too large to hold
 * at once (a million members print in bounded memory). Each page holds the users that pass the filters, in the
 * server's order, and the server's `total`. Every integrity rule of {@link getMccUsers} holds: when a page does
 * not fit the ones before it, the iteration throws an `IncompleteListingError` (it cannot take back the pages it
 * gave, so it does not start again the way `getMccUsers` does). Bad arguments or missing credentials throw at
 * once, before any request; requests start at the first page asked for. Listings are not shared between callers.
 *
 * @example
 * for await (const page of iterateMccUsers({ companyId })) {
 *     for (const user of page.users) console.log(user.emailAddr);
 * }
 */
export function iterateMccUsers(args: GetMccUsersArgs, opts?: NcloudInvokeOptions): AsyncIterableIterator<MccUsersPage> {
    checkKnownKeys("iterateMccUsers", args, MCC_USERS_ARGUMENTS, "", "an argument of iterateMccUsers");
    return readers().iterateMccUsers(args, readContext("iterateMccUsers", opts));
}
