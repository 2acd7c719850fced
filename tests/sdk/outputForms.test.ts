import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { getMccUsersOutput, getOrganizationAccountsOutput, InvalidArgumentError } from "../../sdk";
import { COMPANY, mccUsers, ORG_GROUP, organizationAccounts, useEmulator } from "../helpers/emulator";
import { isKnown, settle, usePulumiMocks } from "../helpers/outputs";

describe("the Output forms in a Pulumi program (setMocks)", () => {
    const ctx = useEmulator();

    describe("pulumi up", () => {
        usePulumiMocks(false);

        it("takes Inputs and resolves to the whole list, not secret when nothing was", async () => {
            const group = pulumi.output(ORG_GROUP);
            const result = getOrganizationAccountsOutput({ organizationGroupNo: group }, ctx.opts);
            assert.deepEqual((await settle(result)).accounts, organizationAccounts());
            assert.equal(await pulumi.isSecret(result), false);
            assert.equal(await pulumi.isSecret(result.accounts), false);
        });

        it("filters given as Inputs, and an Output-typed filter value, are unwrapped", async () => {
            const dept = pulumi.output("dept01");
            const result = getMccUsersOutput({ companyId: COMPANY, filters: [{ name: "deptExternalKey", values: pulumi.all([dept]) }] as never }, ctx.opts);
            assert.deepEqual(
                (await settle(result.users)).map((u) => u.externalKey),
                mccUsers(7)
                    .filter((u) => u.deptExternalKey === "dept01")
                    .map((u) => u.externalKey),
            );
        });

        it("a secret companyId makes the whole result secret, and the list is still complete", async () => {
            const result = getMccUsersOutput({ companyId: pulumi.secret(COMPANY) }, ctx.opts);
            assert.equal(await pulumi.isSecret(result), true);
            assert.equal(await pulumi.isSecret(result.users), true);
            assert.deepEqual(await settle(result.users), mccUsers(7));
            assert.equal(await settle(result.total), 7);
        });

        it("bad input fails the Output with the same error, and sends nothing", async () => {
            const result = getMccUsersOutput({ companyId: pulumi.output("bad id!") }, ctx.opts);
            await assert.rejects(settle(result), InvalidArgumentError);
            assert.equal(ctx.emulator.requests.length, 0);
        });
    });

    describe("pulumi preview with an unknown input", () => {
        usePulumiMocks(true);

        it("the result is unknown and no request is sent", async () => {
            const organization = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.output(pulumi.unknown) as pulumi.Output<number> }, ctx.opts);
            const mcc = getMccUsersOutput({ companyId: COMPANY, filters: pulumi.output(pulumi.unknown) as never }, ctx.opts);
            assert.equal(await isKnown(organization), false);
            assert.equal(await isKnown(organization.accounts), false);
            assert.equal(await isKnown(mcc.users), false);
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("known inputs are read during preview too", async () => {
            const result = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP }, ctx.opts);
            assert.equal(await isKnown(result), true);
            assert.equal((await settle(result.accounts)).length, 3);
        });
    });
});
