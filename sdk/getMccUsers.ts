import * as pulumi from "@pulumi/pulumi";
import type { MccUser } from "../provider/model/MccUser";
import type { Filter } from "../provider/filters";
import type { FilterArgs } from "./FilterArgs";
import type { NcloudInvokeOptions, NcloudInvokeOutputOptions } from "./NcloudInvokeOptions";
import { outputForm, readContext } from "./readContext";
import { readers } from "./readers";
import { checkKnownKeys, MCC_USERS_ARGUMENTS } from "../provider/arguments";

/** Arguments of {@link getMccUsers}. */
export interface GetMccUsersArgs {
    /** The company id (Media Connect Center integration key): 1 to 36 letters, digits or `-`. */
    readonly companyId: string;
    /** Filters applied to the complete list: AND across filters, OR across one filter's values. */
    readonly filters?: readonly Filter[];
    /** Users asked for per request, from 1 to 1000; the server may send fewer. @default 100 */
    readonly pageSize?: number;
}

/** Arguments of {@link getMccUsersOutput}: the same, each an `Input`. */
export interface GetMccUsersOutputArgs {
    readonly companyId: pulumi.Input<string>;
    readonly filters?: pulumi.Input<readonly pulumi.Input<FilterArgs>[]>;
    readonly pageSize?: pulumi.Input<number>;
}

/** Every member of the company that passes the filters. */
export interface GetMccUsersResult {
    readonly companyId: string;
    readonly filters?: readonly Filter[];
    readonly pageSize: number;
    /** The members, in the server's order, with the fields exactly as the API names them. */
    readonly users: readonly MccUser[];
    /** The server's count of all members of the company, before filters. */
    readonly total: number;
}

/**
 * Lists every member of a Media Connect Center company (`GET /ncloudmcc/v1/companies/{companyId}/users`),
 * all pages, signed with NCP signature v2. The list is complete or the call fails: a page that does not
 * fit the others is an `IncompleteListingError`, never a short or doubled list. Bad arguments or missing
 * credentials throw before any request.
 *
 * @example
 * const staff = await getMccUsers({ companyId, filters: [{ name: "deptExternalKey", values: ["dept01"] }] });
 * console.log(`${staff.users.length} of ${staff.total} members are in dept01`);
 */
export async function getMccUsers(args: GetMccUsersArgs, opts?: NcloudInvokeOptions): Promise<GetMccUsersResult> {
    checkKnownKeys("getMccUsers", args, MCC_USERS_ARGUMENTS, "", "an argument of getMccUsers");
    return readers().readMccUsers(args, readContext("getMccUsers", opts));
}

/**
 * Lists every member of a Media Connect Center company (`GET /ncloudmcc/v1/companies/{companyId}/users`),
 * all pages, signed with NCP signature v2. The list is complete or the call fails: a page that does not
 * fit the others is an `IncompleteListingError`, never a short or doubled list. Bad arguments or missing
 * credentials throw before any request.
 *
 * The `Output` form: arguments may be `Input`s, and `opts.dependsOn` names resources the read waits for. During `pulumi preview`, an unknown argument makes the
 * result unknown; a secret argument (a company id from `cfg.requireSecret`) makes the result secret.
 *
 * @example
 * const staff = getMccUsersOutput({
 *     companyId: cfg.requireSecret("companyId"),
 *     filters: [{ name: "deptExternalKey", values: ["dept01", "dept02"] }],
 * });
 * export const staffEmails = staff.users.apply((u) => u.map((x) => x.emailAddr));
 */
export function getMccUsersOutput(args: GetMccUsersOutputArgs, opts?: NcloudInvokeOutputOptions): pulumi.Output<GetMccUsersResult> {
    return outputForm("getMccUsers", args, opts, getMccUsers);
}
