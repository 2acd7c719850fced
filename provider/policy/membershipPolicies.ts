import type { EnforcementLevel, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { settingsChain } from "../credentials/settingsChain";
import { InvalidArgumentError } from "../errors/InvalidArgumentError";
import { NcloudError } from "../errors/NcloudError";
import { findMember, membershipVerdict, type MemberList } from "../membershipVerdict";
import { readMccUsers, readOrganizationAccounts, type ReadContext } from "../readMembers";
import {
    OWNER_IS_MEMBER_SCHEMA,
    ownerIsMemberConfig,
    REQUIRED_MEMBERS_SCHEMA,
    requiredMembersConfig,
    type MemberSources,
    type ReadBehaviour,
} from "./policyConfig";

/** Where a policy's lines go besides its violations (the engine shows a policy pack's stderr). */
export type PolicyLog = (line: string) => void;

const stderrLog: PolicyLog = (line) => process.stderr.write(`ncloud-members policy: ${line}\n`);

/**
 * The lists a policy pack run reads, one listing per question for the whole run however many resources ask:
 * the library's shared listing, with the settings a policy pack has (the environment and `~/.ncloud/configure`;
 * a policy pack gets no stack config). Each read's time is logged once.
 */
function memberLists(policy: string, behaviour: ReadBehaviour, log: PolicyLog) {
    const context: ReadContext = {
        functionName: policy,
        sources: settingsChain({ warn: (message) => log(`warning: ${message}`) }),
        settings: { deadlineMs: behaviour.deadlineMs, logger: { debug: () => undefined, warn: (message) => log(`warning: ${message}`) } },
    };
    const timed = async <T extends object>(what: string, read: Promise<T>, count: (list: T) => number): Promise<T> => {
        const started = performance.now();
        const list = await read;
        log(`${policy}: read ${what} (${count(list)} members) in ${Math.round(performance.now() - started)} ms`);
        return list;
    };
    const lists = new Map<string, Promise<MemberList>>();
    return (sources: MemberSources): Promise<MemberList>[] => {
        const reads: Promise<MemberList>[] = [];
        if (sources.organizationGroupNo !== undefined) {
            const key = `organization:${sources.organizationGroupNo}`;
            if (!lists.has(key)) {
                const what = `organization group ${sources.organizationGroupNo}`;
                lists.set(
                    key,
                    timed(what, readOrganizationAccounts({ organizationGroupNo: sources.organizationGroupNo }, context), (l) => l.accounts.length),
                );
            }
            reads.push(lists.get(key)!);
        }
        if (sources.companyId !== undefined) {
            const key = `mcc:${sources.companyId}`;
            if (!lists.has(key))
                lists.set(
                    key,
                    timed("the MCC company", readMccUsers({ companyId: sources.companyId }, context), (l) => l.users.length),
                );
            reads.push(lists.get(key)!);
        }
        for (const read of reads) read.catch(() => undefined);
        return reads;
    };
}

/**
 * A violation at a level of its own, not the policy's: @pulumi/policy's reportViolation takes an object with
 * `message` and `enforcementLevel` (server.js, makeReportViolationFun), though its type declares only the string
 * form. The policy pack pins the version it was proven with (policy/package.json).
 */
function reportAt(report: ReportViolation, message: string, enforcementLevel: EnforcementLevel | undefined): void {
    if (enforcementLevel === undefined) report(message);
    else (report as unknown as (violation: { message: string; enforcementLevel: EnforcementLevel }) => void)({ message, enforcementLevel });
}

/** What NCP being unreadable becomes: a violation at the level `failClosed` says, or at the policy's own. */
function unreadable(report: ReportViolation, behaviour: ReadBehaviour, message: string): void {
    reportAt(report, message, behaviour.failClosed === undefined ? undefined : behaviour.failClosed ? "mandatory" : "advisory");
}

/** The one line of an error: the library's errors are one line without secrets; anything else is named only by its kind. */
function reason(error: unknown): string {
    return error instanceof NcloudError ? error.message : `unexpected ${error instanceof Error ? error.name : typeof error}`;
}

/** A bad config is reported once per run, mandatory: the run stops before any request. */
function configProblem(report: ReportViolation, error: unknown): void {
    if (!(error instanceof InvalidArgumentError)) throw error;
    reportAt(report, error.message, "mandatory");
}

/**
 * The owners a resource names at `path` (dotted, into its inputs): a string, a number, or a list of them.
 * Anything else there (an object, a boolean) is `undefined` in the list: an owner that cannot be checked.
 */
function ownersAt(props: Record<string, unknown>, path: string): (string | undefined)[] {
    let value: unknown = props;
    for (const part of path.split(".")) {
        if (typeof value !== "object" || value === null) return [];
        value = (value as Record<string, unknown>)[part];
    }
    if (value === undefined || value === null) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined));
}

/**
 * `owner-is-member`: every resource whose inputs name an owner (at `ownerPaths`, default `tags.owner` and
 * `labels.owner`) names a member of the configured organization group or MCC company (a member of either, when
 * both are set); with `joined`, an Organization account must have signed up. The violation names the owner,
 * where it was found and why (absent, only invited); the member list itself is never printed.
 */
export function ownerIsMember(log: PolicyLog = stderrLog): ResourceValidationPolicy {
    let lists: ReturnType<typeof memberLists> | undefined;
    let reportedConfig = false;
    return {
        name: "owner-is-member",
        description: "Every resource that names an owner (tags.owner, labels.owner) names a current NCP member.",
        enforcementLevel: "advisory",
        configSchema: OWNER_IS_MEMBER_SCHEMA,
        validateResource: async (args, report) => {
            let config;
            try {
                config = ownerIsMemberConfig(args.getConfig<Record<string, unknown>>());
            } catch (error) {
                if (!reportedConfig) configProblem(report, error);
                reportedConfig = true;
                return;
            }
            if (config === undefined) return;
            const owners = config.ownerPaths.flatMap((path) => ownersAt(args.props, path).map((owner) => ({ owner, path })));
            if (owners.length === 0) return;
            lists ??= memberLists("owner-is-member", config, log);
            let found: MemberList[];
            try {
                found = await Promise.all(lists(config));
            } catch (error) {
                unreadable(report, config, `could not check the owner of this resource: ${reason(error)}`);
                return;
            }
            const named = (list: MemberList) => ("accounts" in list ? `organization group ${config.organizationGroupNo}` : "the MCC company");
            const where = found.map(named).join(" or ");
            for (const { owner, path } of owners) {
                if (owner === undefined) {
                    report(`the owner at ${path} is neither a string nor a number, so it cannot be checked`);
                    continue;
                }
                const matches = found.flatMap((list) => {
                    const member = findMember(list, owner);
                    return member ? [{ list, member }] : [];
                });
                if (matches.length === 0) report(`owner ${JSON.stringify(owner)} (${path}) is not a member of ${where}`);
                else if (config.joined && !matches.some((m) => m.member.joined))
                    report(`owner ${JSON.stringify(owner)} (${path}) is only invited to ${matches.map((m) => named(m.list)).join(" and ")}, not signed up`);
            }
        },
    };
}

/**
 * `required-members`: the stack deploys only while the named members are in the configured list (signed up, with
 * `joined`), and at least `minCount` of them: the organization-wide form of `requireMembers`, with its message.
 */
export function requiredMembers(log: PolicyLog = stderrLog): StackValidationPolicy {
    return {
        name: "required-members",
        description: "The stack deploys only while the required NCP members are present (and signed up).",
        enforcementLevel: "advisory",
        configSchema: REQUIRED_MEMBERS_SCHEMA,
        validateStack: async (args, report) => {
            let config;
            try {
                config = requiredMembersConfig(args.getConfig<Record<string, unknown>>());
            } catch (error) {
                configProblem(report, error);
                return;
            }
            if (config === undefined) return;
            let list: MemberList;
            try {
                [list] = await Promise.all(memberLists("required-members", config, log)(config));
            } catch (error) {
                unreadable(report, config, `could not check the required members: ${reason(error)}`);
                return;
            }
            const verdict = membershipVerdict(list, config.requirement, "required-members");
            if (!verdict.ok) report(verdict.message);
        },
    };
}

/** Both policies, for `new PolicyPack("ncloud-members", { policies: membershipPolicies() })`. */
export function membershipPolicies(log: PolicyLog = stderrLog): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return [ownerIsMember(log), requiredMembers(log)];
}
