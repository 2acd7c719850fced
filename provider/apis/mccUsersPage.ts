import { z } from "zod";
import { apiUrl, type Connection } from "../credentials/resolveConnection";
import { ResponseValidationError } from "../errors/ResponseValidationError";
import type { MccUsersPage } from "../model/MccUser";
import type { RequestPolicy } from "../requestPolicy";
import { sendRequest, type SendHooks } from "../transport/sendRequest";
import { parseBody } from "./parseBody";

const optionalText = z.string().nullish();

const userSchema = z.object({
    externalKey: z.string().min(1),
    name: optionalText,
    i18nNames: z.record(z.string(), z.string().nullable()).nullish(),
    deptExternalKey: optionalText,
    jobGradeExternalKey: optionalText,
    jobPositionExternalKey: optionalText,
    emailAddr: optionalText,
    telNo: optionalText,
    cphNo: optionalText,
    localeTypeCd: optionalText,
    tmznTypeCd: optionalText,
});

/** A user as the schema checks it; the public {@link MccUser} is written out and must agree (tests/provider/publicTypes.test.ts). */
export type MccUserRecord = z.infer<typeof userSchema>;

const count = z.int().nonnegative();

/** The body of `GET /ncloudmcc/v1/companies/{companyId}/users?limit=&offset=`. */
export const mccUsersPageSchema = z.object({
    page: z.object({ count, offset: count, limit: count, total: count }),
    users: z.array(userSchema),
});

/** The documented fields of a user, in the API page's order. */
export const MCC_USER_FIELDS: readonly string[] = Object.keys(userSchema.shape);

/** The fields a filter may name: the documented ones, and `i18nNames.<locale>`. */
export function isMccUserField(name: string): boolean {
    return (Object.hasOwn(userSchema.shape, name) && name !== "i18nNames") || /^i18nNames\.[A-Za-z0-9_-]+$/.test(name);
}
export const MCC_USER_FIELDS_HELP = `${MCC_USER_FIELDS.filter((k) => k !== "i18nNames").join(", ")}, i18nNames.<locale>`;

/** A company to list, and where. */
export interface MccCompany {
    readonly connection: Connection;
    readonly companyId: string;
}

/** The users path; the company id is an integration key, so errors and logs show only its start (`display`). */
export function mccUsersPath(companyId: string, display = false): string {
    const id = display ? (companyId.length >= 12 ? `${companyId.slice(0, 4)}…` : "…") : companyId;
    return `/ncloudmcc/v1/companies/${id}/users`;
}

/** Requests one page (`limit` users from `offset`) and validates it. */
export async function requestMccUsersPage(company: MccCompany, offset: number, limit: number, policy: RequestPolicy, hooks?: SendHooks): Promise<MccUsersPage> {
    const url = apiUrl(company.connection.baseUrl, mccUsersPath(company.companyId), { limit, offset });
    const displayPath = `${mccUsersPath(company.companyId, true)}?limit=${limit}&offset=${offset}`;
    const response = await sendRequest(
        {
            url,
            credentials: company.connection.credentials,
            displayPath,
            // The API page lists Content-Type as a required header even on this GET.
            headers: { "content-type": "application/json" },
        },
        policy,
        hooks,
    );
    const body = parseBody(mccUsersPageSchema, response.body, { method: "GET", path: displayPath, traceId: response.traceId });
    if (body.page.count !== body.users.length) {
        throw new ResponseValidationError(
            "GET",
            displayPath,
            [{ path: "page.count", message: `says ${body.page.count} but users has ${body.users.length}` }],
            response.traceId,
        );
    }
    return { offset: body.page.offset, total: body.page.total, users: body.users };
}
