import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { EmulatorData } from "../../emulator";
import { MccUsers, OrganizationAccounts } from "../../sdk";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, mccUsers, ORG_GROUP, organizationAccounts, testData, useEmulator } from "../helpers/emulator";
import { isSecret, revealProps } from "../../provider/propertyValues";
import { assertNoLeaks } from "../helpers/leakSweep";
import { registrations, startProviderHost, UNKNOWN, type ProviderHost, type Registration } from "../helpers/providerHost";

/** Every output but the flag itself (and the host's `__provider`) in Pulumi's secret envelope, the flag set. */
function assertEveryOutputSecret(properties: Record<string, unknown>): void {
    assert.equal(properties.hasSecretInput, true);
    for (const [key, value] of Object.entries(properties)) {
        if (key === "hasSecretInput" || key === "__provider") continue;
        assert.ok(isSecret(value), `${key} is in clear`);
    }
}

const ORG_URN = "urn:pulumi:dev::ncm-test::pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts::admins";
const MCC_URN = "urn:pulumi:dev::ncm-test::pulumi-nodejs:dynamic/ncloud-members:MccUsers::staff";

describe("the dynamic provider, driven over gRPC through @pulumi/pulumi's provider host", function () {
    this.timeout(30_000);
    const data: EmulatorData = testData();
    const ctx = useEmulator({ data });
    let host: ProviderHost;
    let org: Registration;
    let mcc: Registration;

    before(async () => {
        [org, mcc] = (await registrations(() => [
            new OrganizationAccounts("admins", { organizationGroupNo: pulumi.output(ORG_GROUP) }),
            new MccUsers("staff", { companyId: pulumi.secret(COMPANY), filters: [{ name: "deptExternalKey", values: ["dept00", "dept01"] }] }),
        ])) as [Registration, Registration];
        host = await startProviderHost();
        // As the engine does: the stack's config, once, before any resource call.
        await host.configure({
            "ncloud:accessKey": ACCESS_KEY,
            "ncloud:secretKey": CANARY_SECRET,
            "ncloud-members:organizationEndpoint": ctx.emulator.url,
            "ncloud-members:mccEndpoint": ctx.emulator.url,
        });
    });
    after(async () => {
        await host?.stop();
    });
    beforeEach(() => (ctx.emulator.requests.length = 0));

    it("the program registers a small provider text that holds no secret and captures no client code", () => {
        assert.equal(org.type, "pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts");
        assert.equal(mcc.type, "pulumi-nodejs:dynamic/ncloud-members:MccUsers");
        for (const registration of [org, mcc]) {
            const text = registration.inputs.__provider as string;
            assert.ok(text.length < 20_000, `provider text is ${text.length} bytes`);
            assert.match(text, /require\("pulumi-ncloud-members\/dynamic-provider"\)/);
            assert.doesNotMatch(text, /node_modules|undici|zod|createHmac|dist\//);
            assert.ok(!text.includes(CANARY_SECRET));
        }
    });

    it("MCC users are a secret output by default; organization accounts are not, unless asked", async () => {
        assert.deepEqual(mcc.additionalSecretOutputs, ["users"]);
        assert.deepEqual(org.additionalSecretOutputs, []);
        const [plainUsers, secretAccounts] = await registrations(() => [
            new MccUsers("plain", { companyId: COMPANY, secretUsers: false }),
            new OrganizationAccounts("secret", { organizationGroupNo: ORG_GROUP, secretAccounts: true }),
        ]);
        assert.deepEqual(plainUsers.additionalSecretOutputs, []);
        assert.deepEqual(secretAccounts.additionalSecretOutputs, ["accounts"]);
    });

    it("a secret filter value (issue 18, case 6): the program says an input is secret, and every output comes back secret, Read too", async () => {
        const [secretFilter] = await registrations(() => [
            new OrganizationAccounts("a", { organizationGroupNo: ORG_GROUP, filters: [{ name: "memberName", values: [pulumi.secret("MemberAccount02")] }] }),
        ]);
        const [plainFilter] = await registrations(() => [
            new OrganizationAccounts("a", { organizationGroupNo: ORG_GROUP, filters: [{ name: "memberName", values: ["MemberAccount02"] }] }),
        ]);
        assert.equal(secretFilter.inputs.hasSecretInput, true);
        assert.equal(plainFilter.inputs.hasSecretInput, false);
        const checked = (await host.check(ORG_URN, {}, secretFilter.inputs)).inputs;
        const created = await host.create(ORG_URN, checked);
        assertEveryOutputSecret(created.properties);
        assert.deepEqual(revealProps(created.properties).props.accounts, [organizationAccounts()[1]]);
        assert.ok(!created.id.includes(String(ORG_GROUP)));
        assertEveryOutputSecret((await host.read(ORG_URN, created.id, revealProps(created.properties).props)).properties);
        assertEveryOutputSecret(await host.update(ORG_URN, created.id, revealProps(created.properties).props, checked));
        // The same value made secret (or plain again) changes what state must conceal: a change.
        const plainState = (await host.create(ORG_URN, (await host.check(ORG_URN, {}, plainFilter.inputs)).inputs)).properties;
        assert.equal(await host.diff(ORG_URN, created.id, plainState, secretFilter.inputs), "some");
        assert.equal(await host.diff(ORG_URN, created.id, revealProps(created.properties).props, plainFilter.inputs), "some");
        assert.equal(await host.diff(ORG_URN, created.id, revealProps(created.properties).props, secretFilter.inputs), "none");
    });

    it("with a secret input, no input's value shows in a check failure or an error (a field name, a group number)", async () => {
        const [badField, unknownGroup] = await registrations(() => [
            new OrganizationAccounts("bad-field", { organizationGroupNo: ORG_GROUP, filters: [{ name: pulumi.secret("SECRETFIELDNAME"), values: ["x"] }] }),
            new OrganizationAccounts("unknown-group", { organizationGroupNo: pulumi.secret(999) }),
        ]);
        const checked = await host.check(ORG_URN, {}, badField.inputs);
        assert.equal(checked.failures.length, 1);
        assert.match(checked.failures[0].reason, /invalid argument "filters\[0\]\.name": "\[secret\]" is not a field of this list/);
        assert.ok(!JSON.stringify(checked.failures).includes("SECRETFIELDNAME"));
        const error = await host.create(ORG_URN, (await host.check(ORG_URN, {}, unknownGroup.inputs)).inputs).then(
            () => assert.fail("created"),
            (e: Error) => e,
        );
        assert.match(error.message, /HTTP 404/);
        assert.ok(!error.message.includes("999"), error.message);
        assert.ok(!host.output().includes("/group/999"), "nor in what the host printed");
    });

    it("Check returns bad inputs as failures, not errors, and tolerates unknowns in preview", async () => {
        const bad = await host.check(ORG_URN, {}, { ...org.inputs, organizationGroupNo: 0 });
        assert.deepEqual(bad.failures, [
            { property: "organizationGroupNo", reason: 'OrganizationAccounts: invalid argument "organizationGroupNo": must be a positive integer, got 0' },
        ]);
        const badMcc = await host.check(MCC_URN, {}, { ...mcc.inputs, pageSize: 5000, filters: [{ name: "nope", values: ["x"] }] });
        assert.deepEqual(
            badMcc.failures.map((f) => f.property),
            ["pageSize", "filters"],
        );
        // The company id is secret, so no input value shows in the reason: the engine cannot tell which was.
        assert.match(badMcc.failures[1].reason, /"\[secret\]" is not a field of this list/);
        const unknown = await host.check(MCC_URN, {}, { ...mcc.inputs, companyId: UNKNOWN, filters: [{ name: "deptExternalKey", values: UNKNOWN }] });
        assert.deepEqual(unknown.failures, []);
        const good = await host.check(ORG_URN, {}, org.inputs);
        assert.deepEqual(good.failures, []);
        assert.equal(good.inputs.organizationGroupNo, ORG_GROUP);
        assert.equal(good.inputs.__provider, org.inputs.__provider);
        assert.equal(ctx.emulator.requests.length, 0);
    });

    let orgState: { id: string; properties: Record<string, unknown> };
    let mccState: { id: string; properties: Record<string, unknown> };

    it("Create stores the emulator's lists as outputs", async () => {
        orgState = await host.create(ORG_URN, (await host.check(ORG_URN, {}, org.inputs)).inputs);
        assert.match(orgState.id, /^organization-accounts-[0-9a-f-]{36}$/, "a random id, holding no input");
        assert.equal(orgState.properties.hasSecretInput, false);
        assert.deepEqual(orgState.properties.accounts, organizationAccounts());
        assert.equal(orgState.properties.accountCount, 3);
        assert.match(orgState.properties.contentHash as string, /^sha256:[0-9a-f]{64}$/);

        const created = await host.create(MCC_URN, (await host.check(MCC_URN, {}, mcc.inputs)).inputs);
        assertEveryOutputSecret(created.properties);
        mccState = { id: created.id, properties: revealProps(created.properties).props };
        assert.match(mccState.id, /^mcc-users-[0-9a-f-]{36}$/);
        assert.ok(!mccState.id.includes(COMPANY), "the id must not reveal the (secret) company id");
        const expected = mccUsers(7).filter((u) => ["dept00", "dept01"].includes(u.deptExternalKey as string));
        assert.deepEqual(mccState.properties.users, expected);
        assert.equal(mccState.properties.userCount, expected.length);
        assert.equal(mccState.properties.total, 7);
        assert.equal(ctx.emulator.requests.length, 2);
    });

    it("Diff says no change while the remote lists are unchanged", async () => {
        assert.equal(await host.diff(ORG_URN, orgState.id, orgState.properties, org.inputs), "none");
        assert.equal(await host.diff(MCC_URN, mccState.id, mccState.properties, mcc.inputs), "none");
        assert.equal(ctx.emulator.requests.length, 2);
    });

    it("the server listing the same members in another order is no change; someone leaving still is", async () => {
        const group = data.organizationGroups[String(ORG_GROUP)];
        const company = data.mccCompanies[COMPANY];
        data.organizationGroups[String(ORG_GROUP)] = [...group].reverse();
        data.mccCompanies[COMPANY] = [...company].reverse();
        try {
            assert.equal(await host.diff(ORG_URN, orgState.id, orgState.properties, org.inputs), "none");
            assert.equal(await host.diff(MCC_URN, mccState.id, mccState.properties, mcc.inputs), "none");
            data.organizationGroups[String(ORG_GROUP)] = [...group].reverse().slice(1);
            assert.equal(await host.diff(ORG_URN, orgState.id, orgState.properties, org.inputs), "some");
        } finally {
            data.organizationGroups[String(ORG_GROUP)] = group;
            data.mccCompanies[COMPANY] = company;
        }
    });

    it("Diff reports a change, without asking NCP, when the inputs changed", async () => {
        assert.equal(
            await host.diff(ORG_URN, orgState.id, orgState.properties, { ...org.inputs, filters: [{ name: "memberStatusCode", values: ["JOIN"] }] }),
            "some",
        );
        assert.equal(await host.diff(ORG_URN, orgState.id, orgState.properties, { ...org.inputs, organizationGroupNo: UNKNOWN }), "some");
        assert.equal(ctx.emulator.requests.length, 0);
    });

    it("someone joining outside the filter changes total: Diff says change, so state never keeps a stale total", async () => {
        data.mccCompanies[COMPANY].push({ externalKey: "outside-the-filter", deptExternalKey: "dept03" });
        try {
            assert.equal(await host.diff(MCC_URN, mccState.id, mccState.properties, mcc.inputs), "some");
            const updated = revealProps(await host.update(MCC_URN, mccState.id, mccState.properties, mcc.inputs)).props;
            assert.deepEqual(updated.users, mccState.properties.users, "the filtered list itself did not change");
            assert.equal(updated.total, 8);
            assert.equal(await host.diff(MCC_URN, mccState.id, updated, mcc.inputs), "none");
        } finally {
            data.mccCompanies[COMPANY].pop();
        }
    });

    it("after someone joined remotely: Diff says change, Read (refresh) and Update bring the new list", async () => {
        const joined = { ...organizationAccounts()[1], memberNo: 5009999, loginId: "n***w@ex***le.com", memberName: "newcomer" };
        data.organizationGroups[String(ORG_GROUP)].push(joined);
        data.mccCompanies[COMPANY].push({ externalKey: "late-joiner", deptExternalKey: "dept00" });
        assert.equal(await host.diff(ORG_URN, orgState.id, orgState.properties, org.inputs), "some");
        assert.equal(await host.diff(MCC_URN, mccState.id, mccState.properties, mcc.inputs), "some");

        const refreshed = await host.read(ORG_URN, orgState.id, orgState.properties);
        assert.equal(refreshed.id, orgState.id);
        assert.deepEqual(refreshed.properties.accounts, [...organizationAccounts(), joined]);
        assert.equal(refreshed.properties.accountCount, 4);
        assert.notEqual(refreshed.properties.contentHash, orgState.properties.contentHash);
        assert.equal(refreshed.properties.__provider, org.inputs.__provider);

        const updated = revealProps(await host.update(MCC_URN, mccState.id, mccState.properties, mcc.inputs)).props;
        assert.deepEqual((updated.users as { externalKey: string }[]).map((u) => u.externalKey).at(-1), "late-joiner");
        assert.equal(updated.total, 8);
        assert.equal(await host.diff(MCC_URN, mccState.id, updated, mcc.inputs), "none");
    });

    it("Delete touches nothing remote", async () => {
        await host.delete(ORG_URN, orgState.id, orgState.properties);
        await host.delete(MCC_URN, mccState.id, mccState.properties);
        assert.equal(ctx.emulator.requests.length, 0);
    });

    it("an API failure in Create comes back as an error with NCP's code, and no secret", async () => {
        const error = await host.create(ORG_URN, { ...org.inputs, organizationGroupNo: 999 }).then(
            () => assert.fail("created"),
            (e: Error) => e,
        );
        assert.match(error.message, /HTTP 404 \(NCP code 300: Not Found Exception/);
        assert.ok(!error.message.includes(CANARY_SECRET));
    });

    it("the canary secret key shows in no property, no provider text and nothing the host printed", () => {
        const everything = JSON.stringify([org, mcc, orgState, mccState]) + host.output();
        assertNoLeaks("provider state and host output", [everything]);
        assert.ok(everything.includes(ACCESS_KEY) === false, "the access key is not in state either");
    });
});
