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
