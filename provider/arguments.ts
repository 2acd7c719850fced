import { InvalidArgumentError } from "./errors/InvalidArgumentError";

/** MCC page size bounds: the API documents no maximum, so we keep requests reasonable. */
export const PAGE_SIZE = { min: 1, max: 1000, default: 100 } as const;

/** An organization group number: a positive integer. */
export function checkOrganizationGroupNo(fn: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
        throw new InvalidArgumentError(fn, "organizationGroupNo", `must be a positive integer, got ${describeValue(value)}`);
    }
    return value;
}

const COMPANY_ID = /^[A-Za-z0-9-]{1,36}$/;

/**
 * A Media Connect Center company id (the "integration key", a 36-character UUID): 1 to 36 letters, digits
 * or `-`. The value is not echoed in the error, since programs often keep it as a secret.
 */
export function checkCompanyId(fn: string, value: unknown): string {
    if (typeof value !== "string") {
        throw new InvalidArgumentError(fn, "companyId", `must be a string, got ${typeof value}`);
    }
    if (!COMPANY_ID.test(value)) {
        const why = value.length === 0 || value.length > 36 ? `has ${value.length} characters` : "has a character other than a letter, a digit or '-'";
        throw new InvalidArgumentError(fn, "companyId", `must be 1 to 36 letters, digits or '-' (the integration key); the value given ${why}`);
    }
    return value;
}

/** The MCC page size: an integer from 1 to 1000, default 100. */
export function checkPageSize(fn: string, value: unknown): number {
    if (value === undefined) return PAGE_SIZE.default;
    if (typeof value !== "number" || !Number.isInteger(value) || value < PAGE_SIZE.min || value > PAGE_SIZE.max) {
        throw new InvalidArgumentError(fn, "pageSize", `must be an integer from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, got ${describeValue(value)}`);
    }
    return value;
}

/** The arguments of the Organization reads (getOrganizationAccounts, the OrganizationAccounts resource). */
export const ORGANIZATION_ACCOUNTS_ARGUMENTS: readonly string[] = ["organizationGroupNo", "filters"];
/** The arguments of the MCC reads (getMccUsers, iterateMccUsers, the MccUsers resource). */
export const MCC_USERS_ARGUMENTS: readonly string[] = ["companyId", "filters", "pageSize"];

/**
 * A key of an object that the caller does not take is an `InvalidArgumentError` naming it (`filter`, or
 * `filters[0].regx`): a JavaScript caller, or an object built in a variable, gets no compile error for a typo, and
 * an argument or option must be honoured or refused, never dropped. `at` prefixes the key (`retry.`); `what`
 * names the object in the message (`an argument of getMccUsers`). A value that is not a plain object is left to
 * its own check.
 */
export function checkKnownKeys(fn: string, value: unknown, known: readonly string[], at = "", what = `a key ${fn} takes`): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) throw new InvalidArgumentError(fn, `${at}${key}`, `is not ${what}; use ${known.join(", ")}`);
    }
}

/** A short, safe rendering of a rejected non-secret value. */
export function describeValue(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (value === null) return "null";
    return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value;
}
