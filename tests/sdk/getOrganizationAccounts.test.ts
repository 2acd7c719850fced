import assert from "node:assert/strict";
import { getOrganizationAccounts, NcloudApiError, ResponseValidationError } from "../../sdk";
import { ORG_GROUP, organizationAccounts, useEmulator } from "../helpers/emulator";

describe("getOrganizationAccounts against the emulator", () => {
    const ctx = useEmulator();

    it("returns every account exactly as the server holds it, unknown fields kept", async () => {
        const result = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        assert.equal(result.organizationGroupNo, ORG_GROUP);
        assert.deepEqual(result.accounts, organizationAccounts());
        assert.equal(result.accounts[2].memberAlias, "ops");
        assert.deepEqual(result.accounts[2].futureField, { nested: [1, 2] });
        assert.deepEqual(
            ctx.emulator.requests.map((r) => [r.url, r.status]),
            [[`/open-api/v1/account/group/${ORG_GROUP}`, 200]],
        );
    });

    it("returns an empty list for an empty group", async () => {
        const result = await getOrganizationAccounts({ organizationGroupNo: 322 }, ctx.opts);
        assert.deepEqual(result.accounts, []);
    });

    it("filters the complete list: values OR, filters AND, numbers compared as text", async () => {
        const joined = await getOrganizationAccounts(
            {
                organizationGroupNo: ORG_GROUP,
                filters: [
                    { name: "memberStatusCode", values: ["JOIN"] },
                    { name: "memberNo", values: ["5001533", "5001535"] },
                ],
            },
            ctx.opts,
        );
        assert.deepEqual(
            joined.accounts.map((a) => a.memberNo),
            [5001535],
        );
        const byRegex = await getOrganizationAccounts(
            { organizationGroupNo: ORG_GROUP, filters: [{ name: "loginId", values: ["m0[12]@"], regex: true }] },
            ctx.opts,
        );
        assert.deepEqual(
            byRegex.accounts.map((a) => a.memberNo),
            [5001533, 5001534],
        );
        assert.deepEqual(byRegex.filters, [{ name: "loginId", values: ["m0[12]@"], regex: true }]);
    });

    it("an unknown group is an NcloudApiError with status, NCP code, trace id, method and path", async () => {
        const error = await getOrganizationAccounts({ organizationGroupNo: 999 }, ctx.opts).then(
            () => assert.fail("resolved"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof NcloudApiError);
        assert.equal(error.code, "NCLOUD_API_ERROR");
        assert.equal(error.status, 404);
        assert.equal(error.errorCode, "300");
        assert.equal(error.ncpMessage, "Not Found Exception");
        assert.match(error.traceId ?? "", /^[0-9a-f]{26}$/);
        assert.equal(error.method, "GET");
        assert.equal(error.path, "/open-api/v1/account/group/999");
        assert.match(error.message, /HTTP 404 \(NCP code 300: Not Found Exception.*GET \/open-api\/v1\/account\/group\/999 \[trace id [0-9a-f]+\]/);
    });

    it("a 200 that is not JSON is a ResponseValidationError, not an empty list", async () => {
        ctx.emulator.setFaults([{ api: "organization", kind: "body", body: "<html>maintenance</html>" }]);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts), (e: unknown) => {
            assert.ok(e instanceof ResponseValidationError);
            assert.equal(e.code, "NCLOUD_RESPONSE_INVALID");
            assert.match(e.message, /body is not JSON \(24 characters starting "<html>maintenance<\/html>"\)/);
            return true;
        });
    });

    it("a number that is not an integer is refused, naming the field", async () => {
        ctx.emulator.setFaults([
            {
                api: "organization",
                kind: "body",
                contentType: "application/json",
                body: JSON.stringify([organizationAccounts()[0], { ...organizationAccounts()[1], masterMemberNo: 5001534.5 }]),
            },
        ]);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts), (e: unknown) => {
            assert.ok(e instanceof ResponseValidationError);
            assert.deepEqual(e.issues, [{ path: "accounts[1].masterMemberNo", message: "expected an integer, received 5001534.5" }]);
            return true;
        });
    });

    it("a body of the wrong shape names the field path", async () => {
        ctx.emulator.setFaults([
            {
                api: "organization",
                kind: "body",
                contentType: "application/json",
                body: JSON.stringify([{ ...organizationAccounts()[0], memberNo: "5001533" }, { memberNo: 1 }]),
            },
        ]);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts), (e: unknown) => {
            assert.ok(e instanceof ResponseValidationError);
            assert.equal(e.issues[0].path, "accounts[0].memberNo");
            assert.match(e.issues[0].message, /expected number, received string/);
            assert.ok(e.issues.some((i) => i.path === "accounts[1].loginId"));
            return true;
        });
    });
});
