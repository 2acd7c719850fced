import assert from "node:assert/strict";
import fc from "fast-check";
import { getMccUsers, getOrganizationAccounts, NcloudError, type NcloudInvokeOptions } from "../../sdk";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, ORG_GROUP, useEmulator } from "../helpers/emulator";
import { recordingLogger } from "../helpers/recordingLogger";

const printable = fc.string({ unit: fc.constantFrom(..." !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~") });
const status = fc.oneof(fc.constant(200), fc.constantFrom(201, 203, 400, 401, 403, 404, 413, 429, 500, 502, 503, 504), fc.integer({ min: 200, max: 599 }));
const headers = fc.record(
    {
        "content-type": fc.constantFrom("application/json", "text/html", "application/json;charset=UTF-8"),
        "retry-after": fc.oneof(printable, fc.nat({ max: 3 }).map(String)),
        date: fc.oneof(
            printable,
            fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        "x-ncp-trace-id": printable,
    },
    { requiredKeys: [] },
);
const user = fc.record(
    {
        externalKey: fc.oneof(fc.string(), fc.constantFrom("u1", "u2", "u3")),
        name: fc.oneof(fc.string(), fc.constant(null)),
        i18nNames: fc.dictionary(fc.string(), fc.string()),
        emailAddr: fc.string(),
    },
    { requiredKeys: ["externalKey"] },
);
const count = fc.oneof(fc.nat({ max: 5 }), fc.integer(), fc.double());
const mccBody = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ page: fc.record({ count, offset: count, limit: count, total: count }), users: fc.array(user, { maxLength: 5 }) }).map((b) => JSON.stringify(b)),
    fc.array(user, { maxLength: 4 }).map((users) => JSON.stringify({ page: { count: users.length, offset: 0, limit: 100, total: users.length }, users })),
    fc
        .record({ error: fc.record({ errorCode: fc.oneof(fc.string(), fc.integer()), message: fc.string(), details: fc.string() }, { requiredKeys: [] }) })
        .map((b) => JSON.stringify(b)),
);
const account = fc.record(
    {
        memberNo: fc.oneof(fc.integer(), fc.string()),
        organizationNo: fc.integer(),
        organizationGroupNo: fc.integer(),
        masterMemberNo: fc.integer(),
        masterMemberYn: fc.constantFrom("Y", "N"),
        loginId: fc.string(),
        memberName: fc.string(),
        memberStatusCode: fc.constantFrom("INVT", "JOIN"),
        memberStatusName: fc.string(),
    },
    { requiredKeys: [] },
);
const orgBody = fc.oneof(
    fc.string(),
    fc.json(),
    fc.array(account, { maxLength: 4 }).map((a) => JSON.stringify(a)),
);

describe("fuzzed gateway responses", function () {
    this.timeout(120_000);
    const ctx = useEmulator();

    const opts = (): NcloudInvokeOptions => ({
        accessKey: ACCESS_KEY,
        secretKey: CANARY_SECRET,
        organizationEndpoint: ctx.emulator.url,
        mccEndpoint: ctx.emulator.url,
        timeoutMs: 2_000,
        deadlineMs: 5_000,
        retry: { attempts: 2, baseDelayMs: 0, maxRetryAfterMs: 0 },
        logger: recordingLogger(),
        share: false,
    });

    /** Either a typed error, or whatever `check` says a correct answer is; never anything else, never a hang. */
    async function outcome<T>(call: Promise<T>, check: (value: T) => void): Promise<void> {
        try {
            check(await call);
        } catch (error) {
            if (error instanceof assert.AssertionError) throw error;
            assert.ok(error instanceof NcloudError, `not a typed error: ${String(error)}`);
            assert.ok(!error.message.includes(CANARY_SECRET));
        }
    }

    it("MCC: a complete list with unique keys that matches the server's total, or a typed error", async () => {
        await fc.assert(
            fc.asyncProperty(status, headers, mccBody, async (s, h, body) => {
                ctx.emulator.setFaults([{ api: "mcc", kind: "raw", status: s, headers: h, body, every: 1 }]);
                await outcome(getMccUsers({ companyId: COMPANY }, opts()), (result) => {
                    assert.equal(result.users.length, result.total);
                    assert.equal(new Set(result.users.map((u) => u.externalKey)).size, result.users.length);
                    for (const u of result.users) assert.equal(typeof u.externalKey, "string");
                });
            }),
            { numRuns: 150 },
        );
    });

    it("Organization: accounts whose fields have their documented types, or a typed error", async () => {
        await fc.assert(
            fc.asyncProperty(status, headers, orgBody, async (s, h, body) => {
                ctx.emulator.setFaults([{ api: "organization", kind: "raw", status: s, headers: h, body, every: 1 }]);
                await outcome(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts()), (result) => {
                    for (const a of result.accounts) {
                        assert.ok(Number.isInteger(a.memberNo) && typeof a.loginId === "string" && typeof a.memberStatusCode === "string");
                    }
                });
            }),
            { numRuns: 150 },
        );
    });
});
