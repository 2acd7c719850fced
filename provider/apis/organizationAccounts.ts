import { z } from "zod";
import { apiUrl, type Connection } from "../credentials/resolveConnection";
import type { SendJson } from "./SendJson";
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

// Unknown fields are kept (looseObject): newer API versions add fields such as memberAlias.
const accountSchema = z.looseObject({
    memberNo: z.int(),
    organizationNo: z.int(),
    organizationGroupNo: z.int(),
    masterMemberNo: z.int(),
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
    return parseBody(organizationAccountsSchema, response.body, {
        method: "GET",
        path: url.pathname,
        traceId: response.traceId,
        root: "accounts",
    });
}
