import * as pulumi from "@pulumi/pulumi";
import type { OrganizationAccount } from "../provider/model/OrganizationAccount";
import type { Filter } from "../provider/filters";
import type { FilterArgs } from "./FilterArgs";
import { organizationAccountsProvider } from "./dynamicProviders";
import { SECRET_INPUT_FLAG } from "../provider/dynamic/secretInputs";
import { secretInputFlag } from "./secretInputFlag";
import { checkKnownKeys, ORGANIZATION_ACCOUNTS_ARGUMENTS } from "../provider/arguments";

/** Arguments of an {@link OrganizationAccounts} resource. */
export interface OrganizationAccountsArgs {
    /** The organization group number: a positive integer. */
    readonly organizationGroupNo: pulumi.Input<number>;
    /** Filters applied to the complete list: AND across filters, OR across one filter's values. */
    readonly filters?: pulumi.Input<readonly pulumi.Input<FilterArgs>[]>;
    /** Keep `accounts` secret in state and outputs (login ids are already masked by the API). @default false */
    readonly secretAccounts?: boolean;
}

/**
 * The accounts of an NCP organization group, kept in stack state: `pulumi up` stores the list, `pulumi preview`
 * shows `~ update` when the remote membership changed since, `pulumi refresh` pulls the current list into state,
 * and `pulumi destroy` removes it from state without touching anything in NCP.
 *
 * Any secret input (the company id, a filter value) makes every output secret, since each is read with it;
 * the resource id is random and holds no input.
 *
 * Credentials come from Pulumi config (`ncloud-members:accessKey` and `ncloud-members:secretKey`, else
 * `ncloud:accessKey` and `ncloud:secretKey`), the environment or `~/.ncloud/configure`, read in the provider
 * process; they are never stored with the resource.
 *
 * @example
 * const admins = new OrganizationAccounts("admins", { organizationGroupNo: 320 });
 * export const adminCount = admins.accountCount;
 */
export class OrganizationAccounts extends pulumi.dynamic.Resource {
    /** The organization group number, as given. */
    declare readonly organizationGroupNo: pulumi.Output<number>;
    /** The filters, as given. */
    declare readonly filters: pulumi.Output<Filter[] | undefined>;
    /** The accounts that pass the filters, in the API's order, fields as the API names them. */
    declare readonly accounts: pulumi.Output<OrganizationAccount[]>;
    /** How many accounts passed the filters. */
    declare readonly accountCount: pulumi.Output<number>;
    /** `sha256:…` of the list, whatever order the server gives it in: how a preview tells that the remote list changed. */
    declare readonly contentHash: pulumi.Output<string>;
    /** Whether any input held a secret (a filter value, say): then every output above is secret too. */
    declare readonly hasSecretInput: pulumi.Output<boolean>;

    constructor(name: string, args: OrganizationAccountsArgs, opts?: pulumi.CustomResourceOptions) {
        checkKnownKeys("OrganizationAccounts", args, [...ORGANIZATION_ACCOUNTS_ARGUMENTS, "secretAccounts"], "", "an argument of OrganizationAccounts");
        const { secretAccounts, organizationGroupNo, filters } = args;
        super(
            organizationAccountsProvider,
            name,
            {
                organizationGroupNo,
                filters,
                [SECRET_INPUT_FLAG]: secretInputFlag({ organizationGroupNo, filters }),
                accounts: undefined,
                accountCount: undefined,
                contentHash: undefined,
            },
            pulumi.mergeOptions(opts, secretAccounts ? { additionalSecretOutputs: ["accounts"] } : {}),
            "ncloud-members",
            "OrganizationAccounts",
        );
    }
}
