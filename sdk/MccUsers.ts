import * as pulumi from "@pulumi/pulumi";
import type { MccUser } from "../provider/model/MccUser";
import type { Filter } from "../provider/filters";
import type { FilterArgs } from "./FilterArgs";
import { mccUsersProvider } from "./dynamicProviders";
import { SECRET_INPUT_FLAG } from "../provider/dynamic/secretInputs";
import { secretInputFlag } from "./secretInputFlag";
import { checkKnownKeys, MCC_USERS_ARGUMENTS } from "../provider/arguments";

/** Arguments of an {@link MccUsers} resource. */
export interface MccUsersArgs {
    /** The company id (Media Connect Center integration key): 1 to 36 letters, digits or `-`. */
    readonly companyId: pulumi.Input<string>;
    /** Filters applied to the complete list: AND across filters, OR across one filter's values. */
    readonly filters?: pulumi.Input<readonly pulumi.Input<FilterArgs>[]>;
    /** Users asked for per request, from 1 to 1000; the server may send fewer. @default 100 */
    readonly pageSize?: pulumi.Input<number>;
    /**
     * Keep `users` secret in state and outputs. Members carry personal data (e-mail addresses, phone
     * numbers), so the list is secret unless this is `false`. @default true
     */
    readonly secretUsers?: boolean;
}

/**
 * The members of a Media Connect Center company, kept in stack state: `pulumi up` stores the list,
 * `pulumi preview` shows `~ update` when the remote membership changed since, `pulumi refresh` pulls the
 * current list into state, and `pulumi destroy` removes it from state without touching anything in NCP.
 *
 * Any secret input (the company id, a filter value) makes every output secret, since each is read with it;
 * the resource id is random and holds no input.
 *
 * Credentials come from Pulumi config (`ncloud-members:accessKey` and `ncloud-members:secretKey`, else
 * `ncloud:accessKey` and `ncloud:secretKey`), the environment or `~/.ncloud/configure`, read in the provider
 * process; they are never stored with the resource.
 *
 * @example
 * const staff = new MccUsers("staff", { companyId: cfg.requireSecret("companyId"), filters: [{ name: "deptExternalKey", values: ["dept01"] }] });
 * export const staffCount = pulumi.unsecret(staff.userCount); // secret, as read with the secret company id
 */
export class MccUsers extends pulumi.dynamic.Resource {
    /** The company id, as given (secret in state when it was given as a secret). */
    declare readonly companyId: pulumi.Output<string>;
    /** The filters, as given. */
    declare readonly filters: pulumi.Output<Filter[] | undefined>;
    /** The page size, as given. */
    declare readonly pageSize: pulumi.Output<number | undefined>;
    /** The members that pass the filters, in the server's order; secret unless `secretUsers: false`. */
    declare readonly users: pulumi.Output<MccUser[]>;
    /** How many members passed the filters; secret only when an input is (`pulumi.unsecret` it to show a count). */
    declare readonly userCount: pulumi.Output<number>;
    /** The server's count of all members of the company, before filters. */
    declare readonly total: pulumi.Output<number>;
    /** `sha256:…` of the list, whatever order the server gives it in: how a preview tells that the remote list changed. */
    declare readonly contentHash: pulumi.Output<string>;
    /** Whether any input held a secret (a filter value, say): then every output above is secret too. */
    declare readonly hasSecretInput: pulumi.Output<boolean>;

    constructor(name: string, args: MccUsersArgs, opts?: pulumi.CustomResourceOptions) {
        checkKnownKeys("MccUsers", args, [...MCC_USERS_ARGUMENTS, "secretUsers"], "", "an argument of MccUsers");
        const { secretUsers = true, companyId, filters, pageSize } = args;
        super(
            mccUsersProvider,
            name,
            {
                companyId,
                filters,
                pageSize,
                [SECRET_INPUT_FLAG]: secretInputFlag({ companyId, filters, pageSize }),
                users: undefined,
                userCount: undefined,
                total: undefined,
                contentHash: undefined,
            },
            pulumi.mergeOptions(opts, secretUsers ? { additionalSecretOutputs: ["users"] } : {}),
            "ncloud-members",
            "MccUsers",
        );
    }
}
