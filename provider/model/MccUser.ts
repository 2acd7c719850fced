/** A member of a Media Connect Center company, fields as the MCC API names them; all but `externalKey` may be absent. */
export interface MccUser {
    /** The member's key in the company: unique within a listing. */
    readonly externalKey: string;
    readonly name?: string | null;
    /** Names by locale, e.g. `{ ko_KR: "홍길동", en_US: "Hong Gil Dong" }`. */
    readonly i18nNames?: Readonly<Record<string, string | null>> | null;
    readonly deptExternalKey?: string | null;
    readonly jobGradeExternalKey?: string | null;
    readonly jobPositionExternalKey?: string | null;
    /** Business e-mail, the member's login id. */
    readonly emailAddr?: string | null;
    readonly telNo?: string | null;
    readonly cphNo?: string | null;
    readonly localeTypeCd?: string | null;
    readonly tmznTypeCd?: string | null;
    /** Fields the API adds later are kept as they come. */
    readonly [field: string]: unknown;
}

/** One page of a company's members, as the server sent it and the listing checked it. */
export interface MccUsersPage {
    /** Where the page starts in the server's list. */
    readonly offset: number;
    /** The server's count of all members (`page.total`). */
    readonly total: number;
    /** The page's members, in the server's order. */
    readonly users: readonly MccUser[];
}
