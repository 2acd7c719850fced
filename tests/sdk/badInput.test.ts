import assert from "node:assert/strict";
import { getMccUsers, getOrganizationAccounts, InvalidArgumentError, type Filter } from "../../sdk";
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
});
