import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    checkMembers,
    getMccUsers,
    getOrganizationAccounts,
    getOrganizationAccountsOutput,
    InvalidArgumentError,
    MembershipError,
    requireMembers,
} from "../../sdk";
import { COMPANY, ORG_GROUP, useEmulator } from "../helpers/emulator";
import { settle, usePulumiMocks } from "../helpers/outputs";

// The test group: MemberAccount01 is invited (INVT), MemberAccount02 and 멤버03 have signed up (JOIN).
describe("membership gates", () => {
    const ctx = useEmulator();
    usePulumiMocks(true);

    it("met: the verdict is ok, requireMembers returns the list", async () => {
        const group = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        const verdict = checkMembers(group, { memberNames: ["MemberAccount02", "멤버03"], joined: true, minCount: 2 });
        assert.deepEqual(verdict, { ok: true, missing: [], count: 2, minCount: 2, message: "" });
        assert.equal(requireMembers(group, { loginIds: ["o***m01@na***rp.com"], memberNos: [5001534] }), group);
    });

    it("missing and invited-only: one message that says exactly who and why", async () => {
        const group = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        const requirement = { memberNames: ["MemberAccount01", "ghost", "멤버03"], memberNos: [1], joined: true, minCount: 3 };
        const verdict = checkMembers(group, requirement);
        assert.equal(verdict.ok, false);
        assert.deepEqual(verdict.missing, [
            { member: "MemberAccount01", by: "memberName", reason: "invited" },
            { member: "ghost", by: "memberName", reason: "absent" },
            { member: "1", by: "memberNo", reason: "absent" },
        ]);
        assert.equal(
            verdict.message,
            "membership requirement not met for organization group 320: MemberAccount01 (memberName) is only invited, not signed up; ghost (memberName) is absent; 1 (memberNo) is absent; 2 signed-up member(s), fewer than the 3 required",
        );
        assert.throws(
            () => requireMembers(group, requirement),
            (e: unknown) => {
                assert.ok(e instanceof MembershipError);
                assert.equal(e.code, "NCLOUD_MEMBERSHIP_NOT_MET");
                assert.equal(e.message, verdict.message);
                assert.ok(pulumi.RunError.isInstance(e), "Pulumi prints it without a stack trace");
                return true;
            },
        );
    });

    it("a member named in decomposed (NFD) Hangul is the same member as the composed name the server holds", async () => {
        const group = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        assert.deepEqual(checkMembers(group, { memberNames: ["멤버03".normalize("NFD")], joined: true }), { ok: true, missing: [], count: 2, message: "" });
    });

    it("invited counts as a member unless joined is asked", async () => {
        const group = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        assert.equal(checkMembers(group, { memberNames: ["MemberAccount01"] }).ok, true);
        assert.equal(checkMembers(group, { memberNames: ["MemberAccount01"], joined: true }).ok, false);
    });

    it("MCC users by e-mail (case-insensitive) or external key; organization-only names are refused", async () => {
        const staff = await getMccUsers({ companyId: COMPANY }, ctx.opts);
        assert.equal(checkMembers(staff, { emails: ["USER000000@example.com"], externalKeys: ["user000002"] }).ok, true);
        const verdict = checkMembers(staff, { emails: ["nobody@example.com"] });
        assert.equal(verdict.message, "membership requirement not met for the MCC company: nobody@example.com (emailAddr) is absent");
        assert.throws(() => checkMembers(staff, { memberNames: ["x"] }), InvalidArgumentError);
        assert.throws(() => checkMembers(staff, { joined: true }), /MCC users have no sign-up status/);
    });

    it("the Output form: the verdict as an Output; a failing gate fails the Output during preview with its message", async () => {
        const group = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP }, ctx.opts);
        assert.equal((await settle(checkMembers(group, { memberNames: ["ghost"] }))).ok, false);
        const passed = requireMembers(group, { memberNames: ["MemberAccount02"] });
        assert.equal((await settle(passed)).accounts.length, 3);
        await assert.rejects(settle(requireMembers(group, { memberNames: ["MemberAccount01"], joined: true })), {
            name: "MembershipError",
            message: "membership requirement not met for organization group 320: MemberAccount01 (memberName) is only invited, not signed up",
        });
    });

    it("a secret input of the listing is not in the gate's error; the plain listing's message is unchanged", async () => {
        const requirement = { memberNames: ["MemberAccount01"], joined: true };
        const redacted = "membership requirement not met for organization group [secret]: MemberAccount01 (memberName) is only invited, not signed up";
        const secretGroup = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.secret(ORG_GROUP) }, ctx.opts);
        await assert.rejects(settle(requireMembers(secretGroup, requirement)), (e: unknown) => {
            assert.ok(e instanceof MembershipError);
            assert.equal(e.message, redacted);
            assert.equal(e.verdict.message, redacted);
            assert.ok(!(e.stack ?? "").includes(String(ORG_GROUP)), e.stack);
            return true;
        });
        const accounts = pulumi.output((await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts)).accounts);
        await assert.rejects(settle(requireMembers({ accounts, organizationGroupNo: pulumi.secret(ORG_GROUP) }, requirement)), { message: redacted });
        await assert.rejects(settle(requireMembers({ accounts, organizationGroupNo: pulumi.output(ORG_GROUP) }, requirement)), {
            message: `membership requirement not met for organization group ${ORG_GROUP}: MemberAccount01 (memberName) is only invited, not signed up`,
        });
        // checkMembers' verdict of a secret listing is secret, and its message, which a program may log, names no input either.
        const verdict = checkMembers(secretGroup, requirement);
        assert.equal(await pulumi.isSecret(verdict), true);
        assert.equal((await settle(verdict)).message, redacted);
    });

    it("a resource's outputs can be gated too: { accounts: resource.accounts }", async () => {
        const accounts = pulumi.output((await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, ctx.opts)).accounts);
        await assert.rejects(settle(requireMembers({ accounts }, { minCount: 4 })), /3 member\(s\), fewer than the 4 required/);
    });
});
