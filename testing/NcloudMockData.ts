import { DEFAULT_DATA_PATH, loadEmulatorData, type EmulatorData } from "../emulator/EmulatorData";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import type { MccUser } from "../provider/model/MccUser";
import type { OrganizationAccount } from "../provider/model/OrganizationAccount";

/**
 * The member lists {@link ncloudMocks} serves: what exists in the mocked NCP account. A group or company that is
 * not listed does not exist there, and reading it fails as it does against NCP (HTTP 404).
 *
 * @example
 * const data: NcloudMockData = {
 *     organizationGroups: { 320: [{ memberNo: 1, organizationNo: 1, organizationGroupNo: 320, masterMemberNo: 1, masterMemberYn: "Y",
 *         loginId: "a***n@ex***le.com", memberName: "admin", memberStatusCode: "JOIN", memberStatusName: "Sign-up complete" }] },
 *     mccCompanies: { "48128f23-e29b-496e-aa04-1f741fed86bc": [{ externalKey: "user1", deptExternalKey: "dept01" }] },
 * };
 */
export interface NcloudMockData {
    /**
     * The accounts of each organization group, by group number, in the order the Organization API lists them.
     * @default {} (no group exists)
     */
    readonly organizationGroups?: Readonly<Record<number, readonly OrganizationAccount[]>>;
    /**
     * The users of each Media Connect Center company, by company id, in the order the MCC API lists them.
     * @default {} (no company exists)
     */
    readonly mccCompanies?: Readonly<Record<string, readonly MccUser[]>>;
}

/** The data set the package ships (`emulator/data/default.json`), with `credentials` as the only key pair it accepts. */
export function shippedData(credentials: EmulatorData["credentials"][number]): EmulatorData {
    return { ...loadEmulatorData(DEFAULT_DATA_PATH), credentials: [credentials], faults: [] };
}

/**
 * `data` as the emulator serves it, accepting only `credentials`: a copy, so that the test changing its lists
 * afterwards changes nothing served. A group number that is not a positive integer is an InvalidArgumentError.
 */
export function emulatorDataOf(data: NcloudMockData, credentials: EmulatorData["credentials"][number]): EmulatorData {
    const organizationGroups: EmulatorData["organizationGroups"] = {};
    for (const [key, accounts] of Object.entries(data.organizationGroups ?? {})) {
        if (!/^[1-9]\d*$/.test(key)) {
            throw new InvalidArgumentError("ncloudMocks", `data.organizationGroups[${JSON.stringify(key)}]`, "is not a group number (a positive integer)");
        }
        organizationGroups[key] = structuredClone([...accounts]);
    }
    const mccCompanies: EmulatorData["mccCompanies"] = {};
    for (const [companyId, users] of Object.entries(data.mccCompanies ?? {})) mccCompanies[companyId] = structuredClone([...users]);
    // The MCC API's own page limit: a listing of more users than this takes several pages, as it does against NCP.
    return { credentials: [credentials], organizationGroups, mccCompanies, mccMaxLimit: 100 };
}
