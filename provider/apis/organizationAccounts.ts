import { z } from "zod";
import { apiUrl, type Connection } from "../credentials/resolveConnection";
import { ResponseValidationError, type ResponseIssue } from "../errors/ResponseValidationError";
import type { OrganizationAccount } from "../model/OrganizationAccount";
import type { RequestPolicy } from "../requestPolicy";
import { sendRequest } from "../transport/sendRequest";
import { parseBody } from "./parseBody";

// The integer fields are typed with z.number() and checked for integers in one loop (integerIssues): zod's
// per-field check machinery for z.int() doubles the validation's cost on a large group (bench/).
const INTEGER_FIELDS = ["memberNo", "organizationNo", "organizationGroupNo", "masterMemberNo"] as const;

// Unknown fields (newer API versions add some, such as memberAlias) are kept: parseBody returns the body as parsed.
const accountSchema = z.object({
    memberNo: z.number(),
    organizationNo: z.number(),
    organizationGroupNo: z.number(),
    masterMemberNo: z.number(),
    masterMemberYn: z.string(),
    loginId: z.string(),
    memberName: z.string(),
    memberStatusCode: z.string(),
    memberStatusName: z.string(),
    memberAlias: z.string().nullish(),
});

/** An account as the schema checks it; the public {@link OrganizationAccount} is written out and must agree (tests/provider/publicTypes.test.ts). */
export type OrganizationAccountRecord = z.infer<typeof accountSchema>;

/** The body of `GET /open-api/v1/account/group/{organizationGroupNo}`: a JSON array, not paginated. */
export const organizationAccountsSchema = z.array(accountSchema);

/** The fields a filter may name. */
export const ORGANIZATION_ACCOUNT_FIELDS: readonly string[] = Object.keys(accountSchema.shape);

export function organizationAccountsPath(organizationGroupNo: number): string {
    return `/open-api/v1/account/group/${organizationGroupNo}`;
}

/** Requests and validates every account of an organization group (one request: the API does not page). */
export async function requestOrganizationAccounts(connection: Connection, organizationGroupNo: number, policy: RequestPolicy): Promise<OrganizationAccount[]> {
    const url = apiUrl(connection.baseUrl, organizationAccountsPath(organizationGroupNo));
    const response = await sendRequest({ url, credentials: connection.credentials, displayPath: url.pathname }, policy);
    const context = { method: "GET", path: url.pathname, traceId: response.traceId, root: "accounts" };
    const accounts = parseBody(organizationAccountsSchema, response.body, context);
    const issues = integerIssues(accounts);
    if (issues.length > 0) throw new ResponseValidationError(context.method, context.path, issues, context.traceId);
    return accounts;
}

function integerIssues(accounts: readonly Record<(typeof INTEGER_FIELDS)[number], number>[]): ResponseIssue[] {
    const issues: ResponseIssue[] = [];
    for (let i = 0; i < accounts.length; i++) {
        const a = accounts[i];
        // The common case in one expression; the issues are only worked out for an account that fails it.
        if (
            Number.isSafeInteger(a.memberNo) &&
            Number.isSafeInteger(a.organizationNo) &&
            Number.isSafeInteger(a.organizationGroupNo) &&
            Number.isSafeInteger(a.masterMemberNo)
        )
            continue;
        for (const field of INTEGER_FIELDS) {
            if (!Number.isSafeInteger(a[field])) issues.push({ path: `accounts[${i}].${field}`, message: `expected an integer, received ${a[field]}` });
        }
    }
    return issues;
}
