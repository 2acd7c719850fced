import * as pulumi from "@pulumi/pulumi";
import * as providers from "../provider/dynamic";
import type { MemberListProvider } from "../provider/dynamic/memberListProvider";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { isSecret, revealProps, secret, type Props } from "../provider/propertyValues";

/** What the engine and the dynamic provider host do for one of the package's resources. */
interface MemberListMock {
    /** The provider the dynamic provider host runs: the package's `dynamic-provider` entry point itself. */
    readonly provider: MemberListProvider;
    /**
     * The outputs the resource's default options name in `additionalSecretOutputs`, which the engine makes secret.
     * Pulumi's mocks are not given a resource's options, so only the defaults can be applied.
     */
    readonly defaultSecretOutputs: readonly string[];
}

// The type tokens @pulumi/pulumi gives the SDK's dynamic resources: `pulumi-nodejs:dynamic/<module>:<type>`.
const MEMBER_LISTS: Readonly<Record<string, MemberListMock>> = {
    "pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts": { provider: providers.organizationAccounts, defaultSecretOutputs: [] },
    "pulumi-nodejs:dynamic/ncloud-members:MccUsers": { provider: providers.mccUsers, defaultSecretOutputs: ["users"] },
};

/** Whether `type` is the type token of one of the package's resources (`OrganizationAccounts`, `MccUsers`). */
export function isMemberListType(type: string): boolean {
    return Object.hasOwn(MEMBER_LISTS, type);
}

/**
 * Registers one of the package's resources as `pulumi up` (or `pulumi preview`) would create it: the dynamic
 * provider checks the inputs, then creates the resource by reading the list, and the engine marks secret what the
 * resource's options name. The provider reads its settings from the environment, as in the provider host.
 */
export async function registerMemberList(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
    const { provider, defaultSecretOutputs } = MEMBER_LISTS[args.type];
    const inputs = args.inputs as Props;
    // The provider host declines secrets (acceptSecrets: false): the engine sends it every input as a plain value.
    const plain = revealProps(inputs).props;
    const checked = await provider.check({}, plain);
    const [failure] = checked.failures ?? [];
    if (failure) throw checkFailure(args.type, failure);
    // A preview does not create: the list and what is computed from it stay unknown, as a new resource's do.
    if (pulumi.runtime.isDryRun()) return { id: undefined, state: inputs };
    const created = await provider.create(checked.inputs as Props);
    const outs = { ...(created.outs as Props) };
    for (const name of defaultSecretOutputs) if (outs[name] !== undefined && !isSecret(outs[name])) outs[name] = secret(outs[name]);
    return { id: created.id, state: { __provider: inputs.__provider, ...outs } };
}

/**
 * The InvalidArgumentError a check failure was made of: the provider returns the error's message as the reason
 * (with any secret input's value already taken out), and the engine would stop the deployment with it.
 */
function checkFailure(type: string, { property, reason }: { property: string; reason: string }): InvalidArgumentError {
    const parsed = /^([^:]+): invalid argument "([^"]+)": ([\s\S]*)$/.exec(reason);
    return parsed ? new InvalidArgumentError(parsed[1], parsed[2], parsed[3]) : new InvalidArgumentError(type, property, reason);
}
