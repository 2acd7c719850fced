import * as pulumi from "@pulumi/pulumi";
import type { OrganizationAccount } from "../provider/model/OrganizationAccount";
import type { Filter } from "../provider/filters";
import type { FilterArgs } from "./FilterArgs";
import type { NcloudInvokeOptions, NcloudInvokeOutputOptions } from "./NcloudInvokeOptions";
import { outputForm, readContext } from "./readContext";
import { readers } from "./readers";
import { checkKnownKeys, ORGANIZATION_ACCOUNTS_ARGUMENTS } from "../provider/arguments";

/** Arguments of {@link getOrganizationAccounts}. */
export interface GetOrganizationAccountsArgs {
    /** The organization group number: a positive integer. */
    readonly organizationGroupNo: number;
    /** Filters applied to the complete list: AND across filters, OR across one filter's values. */
    readonly filters?: readonly Filter[];
}

/** Arguments of {@link getOrganizationAccountsOutput}: the same, each an `Input`. */
export interface GetOrganizationAccountsOutputArgs {
    readonly organizationGroupNo: pulumi.Input<number>;
    readonly filters?: pulumi.Input<readonly pulumi.Input<FilterArgs>[]>;
}

/** Every account of the group that passes the filters. */
export interface GetOrganizationAccountsResult {
    readonly organizationGroupNo: number;
    readonly filters?: readonly Filter[];
    /** The accounts, in the API's order, with the fields exactly as the API names them. */
    readonly accounts: readonly OrganizationAccount[];
}

/**
 * Lists the accounts of an NCP organization group (`GET /open-api/v1/account/group/{organizationGroupNo}`),
 * signed with NCP signature v2. Bad arguments or missing credentials throw before any request.
 *
 * @example
 * const group = await getOrganizationAccounts({ organizationGroupNo: 320 });
 * const joined = group.accounts.filter((a) => a.memberStatusCode === "JOIN");
 */
export async function getOrganizationAccounts(args: GetOrganizationAccountsArgs, opts?: NcloudInvokeOptions): Promise<GetOrganizationAccountsResult> {
    checkKnownKeys("getOrganizationAccounts", args, ORGANIZATION_ACCOUNTS_ARGUMENTS, "", "an argument of getOrganizationAccounts");
    return readers().readOrganizationAccounts(args, readContext("getOrganizationAccounts", opts));
}

/**
 * Lists the accounts of an NCP organization group (`GET /open-api/v1/account/group/{organizationGroupNo}`),
 * signed with NCP signature v2. Bad arguments or missing credentials throw before any request.
 *
 * The `Output` form: arguments may be `Input`s, and `opts.dependsOn` names resources the read waits for. During `pulumi preview`, an unknown argument makes the
 * result unknown; a secret argument makes the result secret.
 *
 * @example
 * const admins = getOrganizationAccountsOutput({ organizationGroupNo: cfg.requireNumber("adminGroup") });
 * export const adminLogins = admins.accounts.apply((a) => a.map((x) => x.loginId));
 */
export function getOrganizationAccountsOutput(
    args: GetOrganizationAccountsOutputArgs,
    opts?: NcloudInvokeOutputOptions,
): pulumi.Output<GetOrganizationAccountsResult> {
    return outputForm("getOrganizationAccounts", args, opts, getOrganizationAccounts);
}
