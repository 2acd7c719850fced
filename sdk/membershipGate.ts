import * as pulumi from "@pulumi/pulumi";
import type { MccUser } from "../provider/model/MccUser";
import type { OrganizationAccount } from "../provider/model/OrganizationAccount";
import { normalForm } from "../provider/normalForm";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { MembershipError, type MembershipVerdict, type MissingMember } from "../provider/errors/MembershipError";

/**
 * Who must be a member. Name people by the fields their list has: Organization accounts by `loginIds` (as the
 * API masks them), `memberNames` or `memberNos`; MCC users by `emails` (case-insensitive) or `externalKeys`.
 *
 * @example
 * { memberNames: ["platform-admin", "security-admin"], joined: true }
 * { emails: ["aaa@bbb.com"], minCount: 100 }
 */
export interface MembershipRequirement {
    readonly loginIds?: readonly string[];
    readonly memberNames?: readonly string[];
    readonly memberNos?: readonly number[];
    readonly emails?: readonly string[];
    readonly externalKeys?: readonly string[];
    /** Organization: the named accounts must have signed up (`JOIN`), not only be invited (`INVT`); `minCount` then counts only those. @default false */
    readonly joined?: boolean;
    /** At least this many members in the list. */
    readonly minCount?: number;
}

/** A member list as the functions return it, or as the resources' outputs give it (`{ accounts: admins.accounts }`). */
export type MemberList =
    | { readonly accounts: readonly OrganizationAccount[]; readonly organizationGroupNo?: number }
    | { readonly users: readonly MccUser[]; readonly companyId?: string };

type MemberListInput =
    | pulumi.Input<{ readonly accounts: pulumi.Input<readonly OrganizationAccount[]>; readonly organizationGroupNo?: pulumi.Input<number> }>
    | pulumi.Input<{ readonly users: pulumi.Input<readonly MccUser[]>; readonly companyId?: pulumi.Input<string> }>;

const ORGANIZATION_KEYS = { loginIds: "loginId", memberNames: "memberName", memberNos: "memberNo" } as const;
const MCC_KEYS = { emails: "emailAddr", externalKeys: "externalKey" } as const;

/**
 * Checks a member list against a requirement and returns the verdict, for programs that branch on it.
 * Given an `Output` (or an object holding Outputs), returns an `Output` of the verdict.
 *
 * @example
 * const verdict = checkMembers(await getOrganizationAccounts({ organizationGroupNo: 321 }), { memberNames: ["platform-admin"], joined: true });
 * if (!verdict.ok) pulumi.log.warn(verdict.message);
 */
export function checkMembers(members: MemberList, requirement: MembershipRequirement): MembershipVerdict;
export function checkMembers(members: MemberListInput, requirement: MembershipRequirement): pulumi.Output<MembershipVerdict>;
export function checkMembers(members: MemberList | MemberListInput, requirement: MembershipRequirement): MembershipVerdict | pulumi.Output<MembershipVerdict> {
    if (holdsOutputs(members)) return pulumi.output(members).apply((list) => verdictOf(list as MemberList, requirement));
    return verdictOf(members as MemberList, requirement);
}

/**
 * Stops the deployment unless a member list meets a requirement, with one message that lists exactly who is
 * missing and why (absent, or only invited). Given an `Output`, returns it again, failing when the requirement
 * is not met: pass it (or values derived from it) to the resources that must wait for the gate, and a
 * `pulumi preview` stops before any resource changes. Given a plain list, throws a `MembershipError` or
 * returns the list.
 *
 * @example
 * const admins = requireMembers(getOrganizationAccountsOutput({ organizationGroupNo: 321 }), { memberNames: ["platform-admin"], joined: true });
 * new SomeResource("thing", { tags: { approvedBy: admins.organizationGroupNo.apply(String) } });
 */
export function requireMembers<T extends MemberList>(members: T, requirement: MembershipRequirement): T;
export function requireMembers<T extends MemberList>(members: pulumi.Output<T>, requirement: MembershipRequirement): pulumi.Output<T>;
export function requireMembers(members: MemberListInput, requirement: MembershipRequirement): pulumi.Output<MemberList>;
export function requireMembers(members: unknown, requirement: MembershipRequirement): unknown {
    const enforce = (list: MemberList) => {
        const verdict = verdictOf(list, requirement);
        if (!verdict.ok) throw new MembershipError(verdict);
        return list;
    };
    if (holdsOutputs(members)) return pulumi.output(members as MemberListInput).apply((list) => enforce(list as MemberList));
    return enforce(members as MemberList);
}

function holdsOutputs(members: unknown): boolean {
    if (pulumi.Output.isInstance(members) || members instanceof Promise) return true;
    const record = members as Record<string, unknown>;
    return Object.values(record).some((v) => pulumi.Output.isInstance(v) || v instanceof Promise);
}

function verdictOf(list: MemberList, requirement: MembershipRequirement): MembershipVerdict {
    const organization = "accounts" in list;
    const fn = organization ? "requireMembers (Organization accounts)" : "requireMembers (MCC users)";
    const allowed: Record<string, string> = organization ? ORGANIZATION_KEYS : MCC_KEYS;
    const other: Record<string, string> = organization ? MCC_KEYS : ORGANIZATION_KEYS;
    for (const key of Object.keys(other)) {
        if (requirement[key as keyof MembershipRequirement] !== undefined) {
            throw new InvalidArgumentError(fn, key, `this list has no ${other[key]}; name its members by ${Object.keys(allowed).join(", ")}`);
        }
    }
    if (requirement.joined && !organization)
        throw new InvalidArgumentError(fn, "joined", "MCC users have no sign-up status; use joined with Organization accounts");
    const items: readonly Record<string, unknown>[] = organization ? list.accounts : list.users;
    const joined = (item: Record<string, unknown>) => !organization || item.memberStatusCode === "JOIN";

    const missing: MissingMember[] = [];
    for (const [key, field] of Object.entries(allowed)) {
        const wanted = requirement[key as keyof MembershipRequirement] as readonly (string | number)[] | undefined;
        if (!wanted) continue;
        // Names, e-mails and keys compare in Unicode NFC (a decomposed 홍길동 is the same person); e-mails ignore case.
        const fold = (v: unknown) => (typeof v !== "string" ? v : field === "emailAddr" ? normalForm(v).toLowerCase() : normalForm(v));
        const byValue = new Map(items.map((item) => [fold(item[field]), item]));
        for (const member of wanted) {
            const item = byValue.get(fold(member));
            if (!item) missing.push({ member: String(member), by: field, reason: "absent" });
            else if (requirement.joined && !joined(item)) missing.push({ member: String(member), by: field, reason: "invited" });
        }
    }
    const count = requirement.joined ? items.filter(joined).length : items.length;
    const tooFew = requirement.minCount !== undefined && count < requirement.minCount;
    const ok = missing.length === 0 && !tooFew;
    const where = organization
        ? `organization group ${"organizationGroupNo" in list && list.organizationGroupNo !== undefined ? list.organizationGroupNo : "(list)"}`
        : "the MCC company";
    const problems = [
        ...missing.map((m) => `${m.member} (${m.by}) is ${m.reason === "absent" ? "absent" : "only invited, not signed up"}`),
        ...(tooFew ? [`${count} ${requirement.joined ? "signed-up " : ""}member(s), fewer than the ${requirement.minCount} required`] : []),
    ];
    return {
        ok,
        missing,
        count,
        ...(requirement.minCount !== undefined ? { minCount: requirement.minCount } : {}),
        message: ok ? "" : `membership requirement not met for ${where}: ${problems.join("; ")}`,
    };
}
