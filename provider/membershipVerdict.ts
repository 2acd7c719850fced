import { checkKnownKeys, describeValue } from "./arguments";
import { InvalidArgumentError } from "./errors/InvalidArgumentError";
import type { MembershipVerdict, MissingMember } from "./errors/MembershipError";
import type { MccUser } from "./model/MccUser";
import type { OrganizationAccount } from "./model/OrganizationAccount";
import { normalForm } from "./normalForm";

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

const ORGANIZATION_KEYS = { loginIds: "loginId", memberNames: "memberName", memberNos: "memberNo" } as const;
const MCC_KEYS = { emails: "emailAddr", externalKeys: "externalKey" } as const;
const REQUIREMENT_KEYS: readonly string[] = [...Object.keys(ORGANIZATION_KEYS), ...Object.keys(MCC_KEYS), "joined", "minCount"];

/**
 * Each value of a requirement has the type it must have: a value of another type would require something else, or
 * nothing (`minCount: "many"` compares false with any count, so the gate passed; `joined: "false"` is truthy;
 * `memberNames: "ab"` would name `a` and `b`).
 */
function checkRequirementValues(fn: string, requirement: MembershipRequirement): void {
    const r = requirement as Record<string, unknown>;
    for (const key of ["loginIds", "memberNames", "emails", "externalKeys", "memberNos"]) {
        const value = r[key];
        if (value === undefined) continue;
        const item = key === "memberNos" ? "a whole number" : "a string";
        if (!Array.isArray(value)) throw new InvalidArgumentError(fn, key, `must be a list, each ${item}; got ${describeValue(value)}`);
        value.forEach((v: unknown, i) => {
            const ok = key === "memberNos" ? Number.isSafeInteger(v) : typeof v === "string";
            if (!ok) throw new InvalidArgumentError(fn, `${key}[${i}]`, `must be ${item}, got ${describeValue(v)}`);
        });
    }
    if (r.joined !== undefined && typeof r.joined !== "boolean")
        throw new InvalidArgumentError(fn, "joined", `must be true or false, got ${describeValue(r.joined)}`);
    if (r.minCount !== undefined && !(Number.isSafeInteger(r.minCount) && (r.minCount as number) >= 0))
        throw new InvalidArgumentError(fn, "minCount", `must be a whole number of at least 0, got ${describeValue(r.minCount)}`);
}

/**
 * The verdict of a member list against a requirement: who is absent or only invited, in the requirement's order,
 * and whether there are enough members. `fn` names the caller in an `InvalidArgumentError` (a requirement that
 * names people by a field this list does not have, `joined` on MCC users). Names, e-mails and keys compare in
 * Unicode NFC; e-mails ignore case.
 */
export function membershipVerdict(list: MemberList, requirement: MembershipRequirement, caller = "requireMembers"): MembershipVerdict {
    const organization = "accounts" in list;
    const fn = `${caller} (${organization ? "Organization accounts" : "MCC users"})`;
    const allowed: Record<string, string> = organization ? ORGANIZATION_KEYS : MCC_KEYS;
    const other: Record<string, string> = organization ? MCC_KEYS : ORGANIZATION_KEYS;
    // Anything but an object (an array, a string) would require nobody, and the gate would pass.
    if (typeof requirement !== "object" || requirement === null || Array.isArray(requirement))
        throw new InvalidArgumentError(fn, "requirement", `must be an object such as { memberNames: ["…"] }, got ${describeValue(requirement)}`);
    // A misspelt key (memberName for memberNames) would require nobody, and the gate would pass.
    checkKnownKeys(fn, requirement, REQUIREMENT_KEYS, "", "a key of a membership requirement");
    checkRequirementValues(fn, requirement);
    for (const key of Object.keys(other)) {
        if (requirement[key as keyof MembershipRequirement] !== undefined) {
            throw new InvalidArgumentError(fn, key, `this list has no ${other[key]}; name its members by ${Object.keys(allowed).join(", ")}`);
        }
    }
    if (requirement.joined && !organization)
        throw new InvalidArgumentError(fn, "joined", "MCC users have no sign-up status; use joined with Organization accounts");
    const items: readonly Record<string, unknown>[] = organization ? list.accounts : list.users;
    const joined = (item: Record<string, unknown>) => hasJoined(organization, item);

    const missing: MissingMember[] = [];
    for (const [key, field] of Object.entries(allowed)) {
        const wanted = requirement[key as keyof MembershipRequirement] as readonly (string | number)[] | undefined;
        if (!wanted) continue;
        const byValue = new Map(items.map((item) => [comparable(field, item[field]), item]));
        for (const member of wanted) {
            const item = byValue.get(comparable(field, member));
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

/**
 * How a value a member is named by compares: names, e-mails and keys in Unicode NFC (a decomposed 홍길동 is the
 * same person), e-mails also in lower case; anything that is not a string (a member number) as it is.
 */
function comparable(field: string, value: unknown): unknown {
    if (typeof value !== "string") return value;
    return field === "emailAddr" ? normalForm(value).toLowerCase() : normalForm(value);
}

/** Whether a member has signed up: an Organization account with `JOIN` (not `INVT`); MCC users have no status. */
function hasJoined(organization: boolean, item: Record<string, unknown>): boolean {
    return !organization || item.memberStatusCode === "JOIN";
}

/** A member found by one name, and whether they have signed up (always true for MCC users, who have no status). */
export interface FoundMember {
    readonly by: string;
    readonly joined: boolean;
}

/**
 * The member a single name stands for, looked up in every field that names people in this list: Organization
 * accounts by `loginId`, `memberName` or `memberNo`; MCC users by `emailAddr` (case-insensitive) or
 * `externalKey`. In Unicode NFC, as {@link membershipVerdict} compares. `undefined` when nobody has that name.
 */
export function findMember(list: MemberList, name: string): FoundMember | undefined {
    const organization = "accounts" in list;
    const items: readonly Record<string, unknown>[] = organization ? list.accounts : list.users;
    for (const field of Object.values(organization ? ORGANIZATION_KEYS : MCC_KEYS)) {
        const item = byName(items, field).get(comparable(field, name));
        if (item) return { by: field, joined: hasJoined(organization, item) };
    }
    return undefined;
}

// Each list's members by each field that names them, for findMember: made at a list's first lookup and kept while
// the list lives (lists are not changed once read), so a policy that looks up one owner per resource goes through
// a 20,000-user list once per run rather than once per resource (3.6 ms a lookup).
const nameIndexes = new WeakMap<readonly Record<string, unknown>[], Map<string, Map<unknown, Record<string, unknown>>>>();

/** The first member of `items` by each comparable value of `field`; a member number as its digits, since a name is text. */
function byName(items: readonly Record<string, unknown>[], field: string): ReadonlyMap<unknown, Record<string, unknown>> {
    let fields = nameIndexes.get(items);
    if (fields === undefined) {
        fields = new Map<string, Map<unknown, Record<string, unknown>>>();
        nameIndexes.set(items, fields);
    }
    let index = fields.get(field);
    if (index === undefined) {
        index = new Map<unknown, Record<string, unknown>>();
        for (const item of items) {
            const value = item[field];
            const key = comparable(field, typeof value === "number" ? String(value) : value);
            if (!index.has(key)) index.set(key, item);
        }
        fields.set(field, index);
    }
    return index;
}
