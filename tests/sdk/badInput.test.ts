import assert from "node:assert/strict";
import {
    checkMembers,
    getMccUsers,
    getOrganizationAccounts,
    InvalidArgumentError,
    iterateMccUsers,
    MccUsers,
    OrganizationAccounts,
    type Filter,
} from "../../sdk";
import { COMPANY, ORG_GROUP, useEmulator } from "../helpers/emulator";

describe("bad input gets a clear error and no request", () => {
    const ctx = useEmulator();
    afterEach(() => assert.equal(ctx.emulator.requests.length, 0, "a request reached the server"));

    const rejects = async (call: Promise<unknown>, argument: string, message: RegExp) =>
        assert.rejects(call, (e: unknown) => {
            assert.ok(e instanceof InvalidArgumentError, String(e));
            assert.equal(e.code, "NCLOUD_INVALID_ARGUMENT");
            assert.equal(e.argument, argument);
            assert.match(e.message, message);
            return true;
        });

    for (const [value, shown] of [
        [0, "0"],
        [-320, "-320"],
        [3.5, "3.5"],
        ["320", '"320"'],
        [null, "null"],
        [undefined, "undefined"],
        [Number.NaN, "NaN"],
    ] as const) {
        it(`organizationGroupNo ${shown}`, () =>
            rejects(
                getOrganizationAccounts({ organizationGroupNo: value as number }, ctx.opts),
                "organizationGroupNo",
                new RegExp(`^getOrganizationAccounts: invalid argument "organizationGroupNo": must be a positive integer, got ${shown.replace(".", "\\.")}$`),
            ));
    }

    for (const [value, why] of [
        ["", "has 0 characters"],
        [`${COMPANY}-0`, "has 38 characters"],
        ["../../open-api/v1/account/group/320", "a character other than"],
        ["48128f23 e29b", "a character other than"],
        ["회사", "a character other than"],
    ] as const) {
        it(`companyId that ${why}: ${JSON.stringify(value)}`, () => rejects(getMccUsers({ companyId: value }, ctx.opts), "companyId", new RegExp(why)));
    }

    it("the companyId value itself is not echoed (it may be a secret)", () =>
        rejects(getMccUsers({ companyId: "secret company id!" }, ctx.opts), "companyId", /^(?!.*secret company id).*$/));

    for (const pageSize of [0, 1001, 2.5, -1]) {
        it(`pageSize ${pageSize}`, () => rejects(getMccUsers({ companyId: COMPANY, pageSize }, ctx.opts), "pageSize", /must be an integer from 1 to 1000/));
    }

    const badFilters: [string, unknown, string, RegExp][] = [
        ["not an array", { name: "x" }, "filters", /must be an array/],
        ["without a name", [{ values: ["a"] }], "filters[0].name", /is required/],
        ["without values", [{ name: "deptExternalKey" }], "filters[0].values", /at least one value/],
        ["with empty values", [{ name: "deptExternalKey", values: [] }], "filters[0].values", /at least one value/],
        ["with a non-string value", [{ name: "deptExternalKey", values: ["a", 3] }], "filters[0].values[1]", /must be a string/],
        [
            "with an invalid regex",
            [
                { name: "emailAddr", values: ["ok"] },
                { name: "name", values: ["(unclosed"], regex: true },
            ],
            "filters[1].values[0]",
            /not a valid regular expression/,
        ],
        [
            "on a field the list does not have",
            [{ name: "deptExternalkey", values: ["a"] }],
            "filters[0].name",
            /"deptExternalkey" is not a field of this list; use one of externalKey, name, deptExternalKey/,
        ],
    ];
    for (const [what, filters, argument, message] of badFilters) {
        it(`a filter ${what}`, () => rejects(getMccUsers({ companyId: COMPANY, filters: filters as Filter[] }, ctx.opts), argument, message));
    }

    it("an organization filter is checked against the organization fields", () =>
        rejects(
            getOrganizationAccounts({ organizationGroupNo: ORG_GROUP, filters: [{ name: "emailAddr", values: ["a"] }] }, ctx.opts),
            "filters[0].name",
            /use one of memberNo, .*memberAlias/,
        ));

    describe("a key the package does not take is refused, naming it, never dropped", () => {
        const dept = [{ name: "deptExternalKey", values: ["dept01"] }];
        const cases: [string, () => Promise<unknown>, string, RegExp][] = [
            [
                "an argument (filter for filters)",
                () => getMccUsers({ companyId: COMPANY, filter: dept } as never, ctx.opts),
                "filter",
                /not an argument of getMccUsers; use companyId, filters, pageSize/,
            ],
            [
                "an Organization argument",
                () => getOrganizationAccounts({ organizationGroupNo: ORG_GROUP, filter: dept } as never, ctx.opts),
                "filter",
                /use organizationGroupNo, filters$/,
            ],
            [
                "a key of a filter (regx for regex)",
                () => getMccUsers({ companyId: COMPANY, filters: [{ name: "name", values: ["a.*"], regx: true } as never] }, ctx.opts),
                "filters[0].regx",
                /not a key of a filter; use name, values, regex/,
            ],
            [
                "a retry option (attemps)",
                () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, retry: { attemps: 1 } as never }),
                "retry.attemps",
                /not a retry option; use attempts, /,
            ],
            ["retry that is no object", () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, retry: 1 as never }), "retry", /must be an object, got 1/],
            ['share: "no"', () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, share: "no" as never }), "share", /must be true or false, got "no"/],
            ["signal: {}", () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, signal: {} as never }), "signal", /must be an AbortSignal/],
            [
                "a blank endpoint (it would be dropped for the environment's)",
                () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, mccEndpoint: " " }),
                "options.mccEndpoint",
                /is blank; leave it out/,
            ],
            [
                "a logger without warn",
                () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, logger: { debug: () => undefined } as never }),
                "options.logger",
                /must be an object with debug\(message\) and warn\(message\) functions, got an object/,
            ],
            ["a logger that is a string", () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, logger: "x" as never }), "options.logger", /got "x"/],
            [
                "onProgress that is no function",
                () => getMccUsers({ companyId: COMPANY }, { ...ctx.opts, onProgress: 1 as never }),
                "onProgress",
                /must be a function/,
            ],
            [
                "an argument of iterateMccUsers",
                async () => iterateMccUsers({ companyId: COMPANY, filter: dept } as never, ctx.opts).next(),
                "filter",
                /iterateMccUsers/,
            ],
        ];
        for (const [what, call, argument, message] of cases) it(what, () => rejects(call(), argument, message));

        it("dependsOn on iterateMccUsers names no function that does not exist", () =>
            assert.throws(
                () => iterateMccUsers({ companyId: COMPANY }, { ...ctx.opts, dependsOn: [] } as never),
                (e: unknown) => e instanceof InvalidArgumentError && e.argument === "options.dependsOn" && !/Output/.test(e.message),
            ));

        it("an argument of a resource", () => {
            assert.throws(
                () => new OrganizationAccounts("a", { organizationGroupNo: ORG_GROUP, filter: dept } as never),
                /invalid argument "filter": is not an argument of OrganizationAccounts/,
            );
            assert.throws(
                () => new MccUsers("m", { companyId: COMPANY, page_size: 5 } as never),
                /invalid argument "page_size": is not an argument of MccUsers/,
            );
        });

        for (const [requirement, argument, message] of [
            [{ minCount: "many" }, "minCount", /must be a whole number of at least 0, got "many"/],
            [{ minCount: Number.NaN }, "minCount", /got NaN/],
            [{ minCount: -1 }, "minCount", /got -1/],
            [{ joined: "false" }, "joined", /must be true or false, got "false"/],
            [{ memberNames: "ab" }, "memberNames", /must be a list, each a string; got "ab"/],
            [{ memberNos: ["5001533"] }, "memberNos[0]", /must be a whole number, got "5001533"/],
            [{ loginIds: [1] }, "loginIds[0]", /must be a string, got 1/],
            [[], "requirement", /must be an object such as \{ memberNames: \["…"\] \}, got an array/],
            ["abc", "requirement", /got "abc"/],
            [null, "requirement", /got null/],
        ] as const) {
            it(`a requirement's value of the wrong type: ${JSON.stringify(requirement)}`, () =>
                assert.throws(
                    () => checkMembers({ accounts: [], organizationGroupNo: ORG_GROUP }, requirement as never),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === argument && message.test(e.message),
                ));
        }

        it("a key of a membership requirement (memberName for memberNames): the gate would pass requiring nobody", () => {
            const list = { accounts: [], organizationGroupNo: ORG_GROUP };
            assert.throws(
                () => checkMembers(list, { memberName: ["dba-lead"] } as never),
                (e: unknown) =>
                    e instanceof InvalidArgumentError && e.argument === "memberName" && /use loginIds, memberNames, memberNos, emails/.test(e.message),
            );
        });
    });
});
