import { isDeepStrictEqual } from "node:util";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { checkCompanyId, checkOrganizationGroupNo } from "../arguments";
import { InvalidArgumentError } from "../errors/InvalidArgumentError";
import type { MembershipRequirement } from "../membershipVerdict";

/** Which member list a policy checks against: an organization group, an MCC company, or both (a member of either). */
export interface MemberSources {
    readonly organizationGroupNo?: number;
    readonly companyId?: string;
}

/** How a policy behaves when NCP cannot be read. */
export interface ReadBehaviour {
    /**
     * `true`: a mandatory violation that says why; `false`: an advisory line, the run goes on. Unset: a violation
     * at the policy's own enforcement level (closed for a mandatory policy, advisory for an advisory one).
     */
    readonly failClosed?: boolean;
    /** Bound on the policy's reads, in milliseconds (every page, retry and wait). */
    readonly deadlineMs: number;
}

export interface OwnerIsMemberConfig extends MemberSources, ReadBehaviour {
    /** Dotted paths into a resource's inputs where an owner is named. */
    readonly ownerPaths: readonly string[];
    /** Organization accounts must have signed up (`JOIN`), not only be invited. */
    readonly joined: boolean;
}

export interface RequiredMembersConfig extends MemberSources, ReadBehaviour {
    readonly requirement: MembershipRequirement;
}

const DEFAULT_DEADLINE_MS = 60_000;

const strings = (description: string) => ({ type: "array", items: { type: "string", minLength: 1 }, description }) as const;
const COMMON = {
    organizationGroupNo: { type: "integer", minimum: 1, description: "The organization group whose accounts count as members." },
    companyId: { type: "string", pattern: "^[A-Za-z0-9-]{1,36}$", description: "The Media Connect Center company whose users count as members." },
    failClosed: {
        type: "boolean",
        description: "When NCP cannot be read: true, a mandatory violation; false, an advisory line. Unset: a violation at this policy's enforcement level.",
    },
    deadlineMs: { type: "integer", minimum: 1, default: DEFAULT_DEADLINE_MS, description: "Bound on the policy's reads, in milliseconds." },
} as const;

/** The configuration schema of `owner-is-member`, as `--policy-pack-config` takes it. */
export const OWNER_IS_MEMBER_SCHEMA = {
    properties: {
        ...COMMON,
        ownerPaths: { ...strings("Dotted paths into a resource's inputs that name its owner."), default: ["tags.owner", "labels.owner"] },
        joined: { type: "boolean", default: false, description: "Owners must have signed up (Organization JOIN), not only be invited." },
    },
} satisfies PolicyConfigSchema;

/** The configuration schema of `required-members`, as `--policy-pack-config` takes it. */
export const REQUIRED_MEMBERS_SCHEMA = {
    properties: {
        ...COMMON,
        loginIds: strings("Organization accounts by login id, as the API masks them."),
        memberNames: strings("Organization accounts by member name."),
        memberNos: { type: "array", items: { type: "integer" }, description: "Organization accounts by member number." },
        emails: strings("MCC users by e-mail address (case-insensitive)."),
        externalKeys: strings("MCC users by external key."),
        joined: { type: "boolean", default: false, description: "The named accounts must have signed up (JOIN), not only be invited." },
        minCount: { type: "integer", minimum: 0, description: "At least this many members (with joined, signed up)." },
    },
} satisfies PolicyConfigSchema;

type Config = Record<string, unknown>;

/**
 * The config of `owner-is-member`, checked whole: the engine checks each known key's type, but not unknown keys
 * (a typo would otherwise be ignored) nor that a member list is named. Throws an {@link InvalidArgumentError}
 * naming the key, before any request; `undefined` when the policy was not configured (it then checks nothing).
 */
export function ownerIsMemberConfig(config: Config): OwnerIsMemberConfig | undefined {
    const policy = "owner-is-member";
    checkKeys(policy, config, OWNER_IS_MEMBER_SCHEMA.properties);
    if (unconfigured(config, OWNER_IS_MEMBER_SCHEMA.properties)) return undefined;
    const ownerPaths = (config.ownerPaths as string[] | undefined) ?? OWNER_IS_MEMBER_SCHEMA.properties.ownerPaths.default;
    if (ownerPaths.length === 0) throw configError(policy, "ownerPaths", "must name at least one path, e.g. tags.owner");
    const sources = common(policy, config);
    if (config.joined === true && sources.organizationGroupNo === undefined)
        throw configError(policy, "joined", "MCC users have no sign-up status; use joined with organizationGroupNo");
    return { ...sources, ownerPaths, joined: config.joined === true };
}

/** The config of `required-members`, checked as {@link ownerIsMemberConfig} does; it must name someone or a `minCount`. */
export function requiredMembersConfig(config: Config): RequiredMembersConfig | undefined {
    const policy = "required-members";
    checkKeys(policy, config, REQUIRED_MEMBERS_SCHEMA.properties);
    if (unconfigured(config, REQUIRED_MEMBERS_SCHEMA.properties)) return undefined;
    const sources = common(policy, config);
    if (sources.organizationGroupNo !== undefined && sources.companyId !== undefined)
        throw configError(policy, "companyId", "name one list: organizationGroupNo or companyId, not both");
    const { loginIds, memberNames, memberNos, emails, externalKeys, joined, minCount } = config as MembershipRequirement;
    const requirement: MembershipRequirement = { loginIds, memberNames, memberNos, emails, externalKeys, joined: joined === true, minCount };
    // Name people by the fields the one list has, as requireMembers asks, before any request.
    const organization = sources.organizationGroupNo !== undefined;
    const foreign = organization ? { emails, externalKeys } : { loginIds, memberNames, memberNos, joined: joined === true ? true : undefined };
    for (const [key, value] of Object.entries(foreign)) {
        if (value !== undefined)
            throw configError(
                policy,
                key,
                organization
                    ? "an organization group has no e-mails or external keys; name its accounts by loginIds, memberNames or memberNos"
                    : "an MCC company has no login ids, names, numbers or sign-up status; name its users by emails or externalKeys",
            );
    }
    const names = [loginIds, memberNames, memberNos, emails, externalKeys].filter((list) => list !== undefined && list.length > 0);
    if (names.length === 0 && minCount === undefined)
        throw configError(policy, "memberNames", "name the required members (loginIds, memberNames, memberNos, emails, externalKeys) or a minCount");
    return { ...sources, requirement };
}

function common(policy: string, config: Config): MemberSources & ReadBehaviour {
    const organizationGroupNo = config.organizationGroupNo === undefined ? undefined : checkOrganizationGroupNo(policy, config.organizationGroupNo);
    const companyId = config.companyId === undefined ? undefined : checkCompanyId(policy, config.companyId);
    if (organizationGroupNo === undefined && companyId === undefined)
        throw configError(policy, "organizationGroupNo", "name the member list: organizationGroupNo or companyId");
    return {
        organizationGroupNo,
        companyId,
        failClosed: config.failClosed as boolean | undefined,
        deadlineMs: (config.deadlineMs as number | undefined) ?? DEFAULT_DEADLINE_MS,
    };
}

/**
 * A policy the pack's user gave no setting of its own (only the defaults the engine fills in): it checks nothing,
 * so a pack run for one policy does not fail for want of the other's config. `undefined` from the parsers.
 */
function unconfigured(config: Config, known: Record<string, object>): boolean {
    return Object.entries(config).every(([key, value]) => "default" in known[key] && isDeepStrictEqual(known[key].default, value));
}

function checkKeys(policy: string, config: Config, known: object): void {
    for (const key of Object.keys(config)) {
        if (!(key in known)) throw configError(policy, key, `is not a setting of this policy; use ${Object.keys(known).join(", ")}`);
    }
}

function configError(policy: string, key: string, problem: string): InvalidArgumentError {
    return new InvalidArgumentError(`policy config of ${policy}`, key, problem);
}
