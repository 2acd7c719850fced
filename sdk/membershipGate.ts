import * as pulumi from "@pulumi/pulumi";
import type { MccUser } from "../provider/model/MccUser";
import type { OrganizationAccount } from "../provider/model/OrganizationAccount";
import { MembershipError, type MembershipVerdict } from "../provider/errors/MembershipError";
import { membershipVerdict, type MemberList, type MembershipRequirement } from "../provider/membershipVerdict";
import { redact, secretTexts } from "../provider/redactSecrets";

export type { MemberList, MembershipRequirement } from "../provider/membershipVerdict";

type MemberListInput =
    | pulumi.Input<{ readonly accounts: pulumi.Input<readonly OrganizationAccount[]>; readonly organizationGroupNo?: pulumi.Input<number> }>
    | pulumi.Input<{ readonly users: pulumi.Input<readonly MccUser[]>; readonly companyId?: pulumi.Input<string> }>;

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
    // A secret verdict's message names none of the listing's inputs either: a program may well log it.
    if (holdsOutputs(members)) return withListingSecrets(members, (list, secrets) => verdictOf(list, requirement, secrets));
    return membershipVerdict(members as MemberList, requirement);
}

/** The verdict, its message without `secrets`. */
function verdictOf(list: MemberList, requirement: MembershipRequirement, secrets: readonly string[]): MembershipVerdict {
    const verdict = membershipVerdict(list, requirement);
    return secrets.length === 0 ? verdict : { ...verdict, message: redact(verdict.message, secrets) };
}

/**
 * Stops the deployment unless a member list meets a requirement, with one message that lists exactly who is
 * missing and why (absent, or only invited). Given an `Output`, returns it again, failing when the requirement
 * is not met: pass it (or values derived from it) to the resources that must wait for the gate, and a
 * `pulumi preview` stops before any resource changes. Given a plain list, throws a `MembershipError` or
 * returns the list. When the Output is secret (a read with a secret argument), the error shows none of the
 * listing's inputs (group number, company id, filters): `organization group [secret]`.
 *
 * @example
 * const admins = requireMembers(getOrganizationAccountsOutput({ organizationGroupNo: 321 }), { memberNames: ["platform-admin"], joined: true });
 * new SomeResource("thing", { tags: { approvedBy: admins.organizationGroupNo.apply(String) } });
 */
export function requireMembers<T extends MemberList>(members: T, requirement: MembershipRequirement): T;
export function requireMembers<T extends MemberList>(members: pulumi.Output<T>, requirement: MembershipRequirement): pulumi.Output<T>;
export function requireMembers(members: MemberListInput, requirement: MembershipRequirement): pulumi.Output<MemberList>;
export function requireMembers(members: unknown, requirement: MembershipRequirement): unknown {
    const enforce = (list: MemberList, secrets: readonly string[]) => {
        const verdict = verdictOf(list, requirement, secrets);
        if (!verdict.ok) throw new MembershipError(verdict);
        return list;
    };
    if (holdsOutputs(members)) return withListingSecrets(members as MemberListInput, enforce);
    return enforce(members as MemberList, []);
}

/**
 * `use` applied to the list an Output holds, with the texts a message about it must not show. A secret argument of
 * the read makes its whole result secret, so which input was secret is not known here: with a secret list, none of
 * the listing's inputs is shown, as the read's own errors show none.
 */
function withListingSecrets<R>(members: MemberListInput, use: (list: MemberList, secrets: readonly string[]) => R): pulumi.Output<R> {
    const output = pulumi.output(members);
    const secret = pulumi.isSecret(output);
    return output.apply<R>(async (list) => use(list, (await secret) ? listingInputTexts(list) : []));
}

/**
 * The texts of the inputs a listing was read with, as its result repeats them: group number, company id, filter
 * values. Not the filters' field names, which are no one's secret and name how each member is missing.
 */
function listingInputTexts(list: object): string[] {
    const { organizationGroupNo, companyId, filters } = list as { organizationGroupNo?: unknown; companyId?: unknown; filters?: unknown };
    const values = Array.isArray(filters) ? filters.map((filter: unknown) => (filter as { values?: unknown } | null)?.values) : filters;
    return secretTexts([organizationGroupNo, companyId, values]);
}

function holdsOutputs(members: unknown): boolean {
    if (pulumi.Output.isInstance(members) || members instanceof Promise) return true;
    const record = members as Record<string, unknown>;
    return Object.values(record).some((v) => pulumi.Output.isInstance(v) || v instanceof Promise);
}
