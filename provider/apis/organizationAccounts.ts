import { z } from "zod";
import { apiUrl, type Connection } from "../credentials/resolveConnection";
import type { SendJson } from "./SendJson";
import { ResponseValidationError, type ResponseIssue } from "../errors/ResponseValidationError";
import { parseBody } from "./parseBody";

/** An account of an organization group, with the fields exactly as the Organization API names them. */
export interface OrganizationAccount {
    readonly memberNo: number;
    readonly organizationNo: number;
    readonly organizationGroupNo: number;
    readonly masterMemberNo: number;
    /** `Y` for the master account. */
    readonly masterMemberYn: string;
    /** The login id, masked by the API (`o***m01@na***rp.com`). */
    readonly loginId: string;
    readonly memberName: string;
    /** `INVT` (invited, not yet joined) or `JOIN` (signed up). */
    readonly memberStatusCode: string;
    readonly memberStatusName: string;
    /** Added in newer API versions. */
    readonly memberAlias?: string | null;
    /** Fields the API adds later are kept as they come. */
    readonly [field: string]: unknown;
}

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

/** The body of `GET /open-api/v1/account/group/{organizationGroupNo}`: a JSON array, not paginated. */
export const organizationAccountsSchema = z.array(accountSchema);

/** The fields a filter may name. */
export const ORGANIZATION_ACCOUNT_FIELDS: readonly string[] = Object.keys(accountSchema.shape);

export function organizationAccountsPath(organizationGroupNo: number): string {
    return `/open-api/v1/account/group/${organizationGroupNo}`;
}

/** Fetches and validates every account of an organization group. */
export async function fetchOrganizationAccounts(connection: Connection, organizationGroupNo: number, send: SendJson): Promise<OrganizationAccount[]> {
    const url = apiUrl(connection.baseUrl, organizationAccountsPath(organizationGroupNo));
    const response = await send({ url, credentials: connection.credentials, displayPath: url.pathname });
    const context = { method: "GET", path: url.pathname, traceId: response.traceId, root: "accounts" };
    const accounts = parseBody(organizationAccountsSchema, response.body, context);
    const issues = integerIssues(accounts);
    if (issues.length > 0) throw new ResponseValidationError(context.method, context.path, issues, context.traceId);
    return accounts as OrganizationAccount[];
}

function integerIssues(accounts: readonly Record<(typeof INTEGER_FIELDS)[number], number>[]): ResponseIssue[] {
    const issues: ResponseIssue[] = [];
    for (let i = 0; i < accounts.length; i++) {
        const a = accounts[i]!;
        // The common case in one expression; the issues are only worked out for an account that fails it.
        if (Number.isSafeInteger(a.memberNo) && Number.isSafeInteger(a.organizationNo) && Number.isSafeInteger(a.organizationGroupNo) && Number.isSafeInteger(a.masterMemberNo)) continue;
        for (const field of INTEGER_FIELDS) {
            if (!Number.isSafeInteger(a[field])) issues.push({ path: `accounts[${i}].${field}`, message: `expected an integer, received ${a[field]}` });
        }
    }
    return issues;
}
