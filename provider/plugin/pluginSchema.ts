import { MCC_USER_FIELDS } from "../apis/mccUsersPage";
import { ORGANIZATION_ACCOUNT_FIELDS } from "../apis/organizationAccounts";
import { PAGE_SIZE } from "../arguments";
import { PACKAGE_VERSION } from "../version";

/** The package name other languages know it by: tokens are `ncloud-members:index:<name>`. */
export const PACKAGE_NAME = "ncloud-members";

const ref = (type: string) => ({ $ref: `#/types/${PACKAGE_NAME}:index:${type}` });
const text = (description: string) => ({ type: "string", description });
const integer = (description: string) => ({ type: "integer", description });
const list = (items: object, description: string) => ({ type: "array", items, description });

/** The connection settings: the plugin's config variables, and an explicit provider's arguments. */
const CONNECTION_PROPERTIES = {
    accessKey: text("NCP access key ID. Falls back to NCLOUD_ACCESS_KEY, then ~/.ncloud/configure."),
    secretKey: { ...text("NCP secret key, from the same place as accessKey. Set it with `pulumi config set --secret`."), secret: true },
    site: text("NCP site: `public` (default), `gov` or `fin`. Falls back to NCLOUD_SITE."),
    organizationEndpoint: text("Base URL of the Organization API (scheme, host, port), e.g. a local emulator. Default: the site's host."),
    mccEndpoint: text("Base URL of the Media Connect Center API (scheme, host, port). Default: the site's host."),
    allowHttp: {
        type: "boolean",
        description: "Accept a plain http:// endpoint on a host other than loopback (for a test gateway only). Default false.",
    },
};

/** The settings the schema declares secret: kept secret in the provider's state however they were set. */
export const SECRET_CONNECTION_SETTINGS: readonly string[] = Object.entries(CONNECTION_PROPERTIES)
    .filter(([, property]) => "secret" in property && property.secret)
    .map(([key]) => key);

// Descriptions of the list items' fields, as the APIs document them (NCP-API.md); they become the docs of the
// generated SDKs' classes. Every field the schema files check has one (tests/provider/plugin/pluginSchema.test.ts).
const ACCOUNT_FIELDS: Record<string, object> = {
    memberNo: integer("The account's member number."),
    organizationNo: integer("The organization number."),
    organizationGroupNo: integer("The organization group number."),
    masterMemberNo: integer("The member number of the organization's master account."),
    masterMemberYn: text("`Y` for the master account, else `N`."),
    loginId: text("The login id, masked by the API (`o***m01@na***rp.com`)."),
    memberName: text("The account's name."),
    memberStatusCode: text("`INVT` (invited, not yet signed up) or `JOIN` (signed up)."),
    memberStatusName: text("The status in words (`Inviting`, `Sign-up complete`)."),
    memberAlias: text("The account's alias (newer API versions)."),
};
const USER_FIELDS: Record<string, object> = {
    externalKey: text("The member's key in the company: unique within a listing."),
    name: text("The member's name."),
    i18nNames: { type: "object", additionalProperties: { type: "string" }, description: "Names by locale, e.g. `ko_KR`, `en_US`." },
    deptExternalKey: text("The key of the member's department."),
    jobGradeExternalKey: text("The key of the member's job grade."),
    jobPositionExternalKey: text("The key of the member's job position."),
    emailAddr: text("Business e-mail address, the member's login id."),
    telNo: text("Telephone number."),
    cphNo: text("Mobile phone number."),
    localeTypeCd: text("Locale, e.g. `ko_KR`."),
    tmznTypeCd: text("Time zone, e.g. `Asia/Seoul`."),
};

const FILTERS = list(ref("Filter"), "Filters applied to the complete list: AND across filters, OR across one filter's values.");
const GROUP_NO = integer("The organization group number: a positive integer.");
const COMPANY_ID = text("The company id (Media Connect Center integration key): 1 to 36 letters, digits or `-`.");
const PAGE_SIZE_PROPERTY = integer(
    `Users asked for per request, from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}; the server may send fewer. Default ${PAGE_SIZE.default}.`,
);
const ACCOUNTS = list(ref("OrganizationAccount"), "The accounts that pass the filters, in the API's order.");
const USERS = list(ref("MccUser"), "The members that pass the filters, in the server's order.");
const TOTAL = integer("The server's count of all members of the company, before filters.");
const CONTENT_HASH = text("`sha256:…` of the list (in any order) and the other outputs read with it: how a preview tells that the remote side changed.");

/**
 * The package schema the plugin serves (`GetSchema`): the two functions, the two read-only resources, their
 * typed objects and the provider's config, with the same names as the TypeScript SDK's arguments and results.
 */
export function pluginSchema(): Record<string, unknown> {
    return {
        name: PACKAGE_NAME,
        displayName: "NCP members",
        version: PACKAGE_VERSION,
        description: "Read NAVER Cloud Platform member lists (Organization accounts, Media Connect Center users) as Pulumi stack data.",
        keywords: ["pulumi", "ncloud", "naver-cloud", "category/cloud", "kind/native"],
        homepage: "https://github.com/pulumi-ncloud-members/pulumi-ncloud-members",
        license: "Apache-2.0",
        repository: "https://github.com/pulumi-ncloud-members/pulumi-ncloud-members",
        publisher: "pulumi-ncloud-members contributors",
        meta: { moduleFormat: "(.*)" },
        language: {
            nodejs: { packageName: "@pulumi-ncloud-members/ncloud-members", dependencies: { "@pulumi/pulumi": "^3.142.0" } },
            python: { packageName: "pulumi_ncloud_members", requires: { pulumi: ">=3.142.0,<4.0.0" } },
            go: { importBasePath: "github.com/pulumi-ncloud-members/pulumi-ncloud-members/sdk/go/ncloudmembers", generateResourceContainerTypes: true },
            csharp: { rootNamespace: "PulumiNcloudMembers", packageReferences: { Pulumi: "3.*" } },
            java: { basePackage: "io.github.pulumincloudmembers" },
        },
        config: { variables: CONNECTION_PROPERTIES },
        // The same settings as a provider's arguments: an explicit provider (new ncm.Provider("eu", { site: ... }))
        // in every generated SDK, read by Configure from its args as from the stack's config.
        provider: {
            description: "The ncloud-members provider: where to read NCP member lists from, and as whom.",
            type: "object",
            inputProperties: CONNECTION_PROPERTIES,
        },
        types: {
            [`${PACKAGE_NAME}:index:Filter`]: {
                type: "object",
                description: "A filter in the style of terraform-provider-ncloud's data sources.",
                properties: {
                    name: text("The field to test, as the API names it; dotted for a nested field (`i18nNames.ko_KR`)."),
                    values: list({ type: "string" }, "One or more values; the filter matches when any of them does."),
                    regex: { type: "boolean", description: "Treat `values` as regular expressions (a match anywhere; anchor with ^…$). Default false." },
                },
                required: ["name", "values"],
            },
            [`${PACKAGE_NAME}:index:OrganizationAccount`]: {
                type: "object",
                description: "An account of an organization group, with the fields exactly as the Organization API names them.",
                properties: pick(ACCOUNT_FIELDS, ORGANIZATION_ACCOUNT_FIELDS),
                required: ORGANIZATION_ACCOUNT_FIELDS.filter((f) => f !== "memberAlias"),
            },
            [`${PACKAGE_NAME}:index:MccUser`]: {
                type: "object",
                description: "A member of a Media Connect Center company, fields as the MCC API names them; all but externalKey may be absent.",
                properties: pick(USER_FIELDS, MCC_USER_FIELDS),
                required: ["externalKey"],
            },
        },
        functions: {
            [`${PACKAGE_NAME}:index:getOrganizationAccounts`]: {
                description:
                    "Lists the accounts of an NCP organization group, signed with NCP signature v2. Bad arguments or missing credentials fail before any request.",
                inputs: { properties: { organizationGroupNo: GROUP_NO, filters: FILTERS }, required: ["organizationGroupNo"] },
                outputs: {
                    properties: { organizationGroupNo: GROUP_NO, filters: FILTERS, accounts: ACCOUNTS },
                    required: ["organizationGroupNo", "accounts"],
                },
            },
            [`${PACKAGE_NAME}:index:getMccUsers`]: {
                description:
                    "Lists every member of a Media Connect Center company, all pages. The list is complete or the call fails: never a short or doubled list.",
                inputs: { properties: { companyId: COMPANY_ID, filters: FILTERS, pageSize: PAGE_SIZE_PROPERTY }, required: ["companyId"] },
                outputs: {
                    properties: { companyId: COMPANY_ID, filters: FILTERS, pageSize: PAGE_SIZE_PROPERTY, users: USERS, total: TOTAL },
                    required: ["companyId", "pageSize", "users", "total"],
                },
            },
        },
        resources: {
            [`${PACKAGE_NAME}:index:OrganizationAccounts`]: {
                description:
                    "The accounts of an NCP organization group, kept in stack state (read-only): `pulumi preview` shows an update when the remote list changed; destroying it touches nothing in NCP. Any secret input (a filter value) makes every output secret.",
                inputProperties: {
                    organizationGroupNo: GROUP_NO,
                    filters: FILTERS,
                    secretAccounts: {
                        type: "boolean",
                        description: "Keep `accounts` secret in state and outputs. Default false (login ids are masked by the API).",
                    },
                },
                requiredInputs: ["organizationGroupNo"],
                properties: {
                    organizationGroupNo: GROUP_NO,
                    filters: FILTERS,
                    secretAccounts: { type: "boolean", description: "Whether `accounts` is kept secret." },
                    accounts: ACCOUNTS,
                    accountCount: integer("How many accounts passed the filters."),
                    contentHash: CONTENT_HASH,
                },
                required: ["organizationGroupNo", "accounts", "accountCount", "contentHash"],
            },
            [`${PACKAGE_NAME}:index:MccUsers`]: {
                description:
                    "The members of a Media Connect Center company, kept in stack state (read-only). Members carry personal data, so `users` is secret unless `secretUsers` is false. Any secret input (the company id, a filter value) makes every output secret.",
                inputProperties: {
                    companyId: COMPANY_ID,
                    filters: FILTERS,
                    pageSize: PAGE_SIZE_PROPERTY,
                    secretUsers: { type: "boolean", description: "Keep `users` secret in state and outputs. Default true." },
                },
                requiredInputs: ["companyId"],
                properties: {
                    companyId: COMPANY_ID,
                    filters: FILTERS,
                    pageSize: PAGE_SIZE_PROPERTY,
                    secretUsers: { type: "boolean", description: "Whether `users` is kept secret." },
                    users: USERS,
                    userCount: integer("How many members passed the filters; secret only when an input is."),
                    total: TOTAL,
                    contentHash: CONTENT_HASH,
                },
                required: ["companyId", "users", "userCount", "total", "contentHash"],
            },
        },
    };
}

function pick(described: Record<string, object>, fields: readonly string[]): Record<string, object> {
    return Object.fromEntries(fields.map((field) => [field, described[field] ?? text(field)]));
}
