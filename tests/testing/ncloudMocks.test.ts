import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_DATA_PATH, loadEmulatorData } from "../../emulator";
import { contentHash } from "../../provider/dynamic/contentHash";
import { getMccUsers, getMccUsersOutput, getOrganizationAccounts, InvalidArgumentError, MccUsers, NcloudApiError, OrganizationAccounts } from "../../sdk";
import type { MccUser, OrganizationAccount } from "../../sdk";
import { ncloudMocks, type NcloudMockData, type NcloudMocks, type RecordedRequest } from "../../testing";
import { isKnown, settle } from "../helpers/outputs";

const SHIPPED = loadEmulatorData(DEFAULT_DATA_PATH);
const COMPANY = "48128f23-e29b-496e-aa04-1f741fed86bc";
const ORG_TYPE = "pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts";
const shippedUsers = () => SHIPPED.mccCompanies[COMPANY] as unknown as MccUser[];
const shippedAccounts = (group: number) => SHIPPED.organizationGroups[String(group)] as unknown as OrganizationAccount[];

/** The registrations the mocks were asked for in this test, in order, to drive `newResource` again with changed inputs. */
let registered: pulumi.runtime.MockResourceArgs[] = [];

/** A registration with some of its inputs changed. */
function withInputs(args: pulumi.runtime.MockResourceArgs, changes: Record<string, unknown>): pulumi.runtime.MockResourceArgs {
    return { ...args, inputs: { ...(args.inputs as Record<string, unknown>), ...changes } };
}

/** A resource of another provider, as a program's own bucket would be. */
class Bucket extends pulumi.CustomResource {
    declare readonly arn: pulumi.Output<string>;
    constructor(name: string) {
        super("test:index:Bucket", name, { arn: undefined });
    }
}

/**
 * Opens mocks for the enclosing `describe` and sets them as Pulumi's, recording each registration; `requests` are
 * those the gateway answered during the current test.
 */
function useNcloudMocks(data?: NcloudMockData, preview = false): { readonly ncloud: NcloudMocks; readonly requests: readonly RecordedRequest[] } {
    const state: { ncloud?: NcloudMocks; seen: number } = { seen: 0 };
    before(async () => {
        state.ncloud = await ncloudMocks(data);
        const ncloud = state.ncloud;
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push(args);
                    return ncloud.newResource(args);
                },
                call: (args) => ncloud.call(args),
            },
            "ncm-test",
            "dev",
            preview,
        );
    });
    beforeEach(() => {
        state.seen = state.ncloud!.requests.length;
        registered = [];
    });
    after(() => state.ncloud?.close());
    return {
        get ncloud() {
            return state.ncloud!;
        },
        get requests() {
            return state.ncloud!.requests.slice(state.seen);
        },
    };
}

/** Every output of a resource: whether each is secret, and its value. */
async function outputsOf(resource: pulumi.CustomResource, names: readonly string[]): Promise<Record<string, { secret: boolean; value: unknown }>> {
    const outputs: Record<string, { secret: boolean; value: unknown }> = {};
    for (const name of names) {
        const output = (resource as unknown as Record<string, pulumi.Output<unknown>>)[name];
        outputs[name] = { secret: await pulumi.isSecret(output), value: await settle(output) };
    }
    return outputs;
}

describe("ncloudMocks, under pulumi up, with the data set the package ships", () => {
    const ctx = useNcloudMocks();

    it("MccUsers gets the provider's outputs: the filtered list (secret), its count, the total and the hash (not secret)", async () => {
        const staff = new MccUsers("staff", { companyId: COMPANY, filters: [{ name: "deptExternalKey", values: ["dept01"] }] });
        const outputs = await outputsOf(staff, ["users", "userCount", "total", "contentHash", "hasSecretInput", "companyId", "id"]);
        const expected = shippedUsers().filter((u) => u.deptExternalKey === "dept01");
        assert.ok(expected.length > 10);
        assert.deepEqual(outputs.users, { secret: true, value: expected });
        assert.deepEqual(outputs.userCount, { secret: false, value: expected.length });
        assert.deepEqual(outputs.total, { secret: false, value: 342 });
        assert.deepEqual(outputs.contentHash, { secret: false, value: contentHash(expected, { total: 342 }) });
        assert.deepEqual(outputs.hasSecretInput, { secret: false, value: false });
        assert.deepEqual(outputs.companyId, { secret: false, value: COMPANY });
        assert.match(outputs.id.value as string, /^mcc-users-[0-9a-f-]{36}$/);
        // Four pages of at most 100 users: the listing took its real path through the gateway.
        assert.deepEqual(
            ctx.requests.map((r) => [r.api, r.status]),
            [
                ["mcc", 200],
                ["mcc", 200],
                ["mcc", 200],
                ["mcc", 200],
            ],
        );
    });

    it("OrganizationAccounts gets the list and its count, not secret", async () => {
        const admins = new OrganizationAccounts("admins", { organizationGroupNo: 321, filters: [{ name: "memberStatusCode", values: ["INVT"] }] });
        const outputs = await outputsOf(admins, ["accounts", "accountCount", "contentHash"]);
        const expected = shippedAccounts(321).filter((a) => a.memberStatusCode === "INVT");
        assert.deepEqual(outputs.accounts, { secret: false, value: expected });
        assert.deepEqual(outputs.accountCount, { secret: false, value: 2 });
        assert.deepEqual(outputs.contentHash, { secret: false, value: contentHash(expected) });
    });

    it("a secret input (the company id, or one filter value) makes every output secret, as the provider host does", async () => {
        const secretCompany = new MccUsers("secret-company", { companyId: pulumi.secret(COMPANY) });
        const secretFilter = new OrganizationAccounts("secret-filter", {
            organizationGroupNo: 321,
            filters: [{ name: "memberName", values: [pulumi.secret("dba-lead")] }],
        });
        const mcc = await outputsOf(secretCompany, ["users", "userCount", "total", "contentHash", "companyId"]);
        const org = await outputsOf(secretFilter, ["accounts", "accountCount", "contentHash", "organizationGroupNo"]);
        for (const [name, output] of Object.entries({ ...mcc, ...org })) assert.equal(output.secret, true, `${name} is secret`);
        assert.equal(mcc.userCount.value, 342);
        assert.deepEqual(org.accounts.value, [shippedAccounts(321)[6]]);
        assert.equal(await settle(secretFilter.hasSecretInput), true);
    });

    it("the functions read the same data with no options: the mocks point the package at their gateway", async () => {
        const group = await getOrganizationAccounts({ organizationGroupNo: 320 });
        assert.deepEqual(group.accounts, shippedAccounts(320));
        const staff = getMccUsersOutput({ companyId: pulumi.secret(COMPANY), filters: [{ name: "deptExternalKey", values: ["dept02"] }] });
        assert.deepEqual(
            await settle(staff.users),
            shippedUsers().filter((u) => u.deptExternalKey === "dept02"),
        );
        assert.equal(await pulumi.isSecret(staff), true);
    });

    it("a bad argument is an InvalidArgumentError, from a function or a resource, and sends nothing", async () => {
        await assert.rejects(
            getMccUsers({ companyId: "not a company id!" }),
            (e: InvalidArgumentError) => e instanceof InvalidArgumentError && e.argument === "companyId",
        );
        await settle(new MccUsers("good", { companyId: COMPANY }).userCount);
        const [good] = registered;
        const sent = ctx.requests.length;
        const badPageSize = withInputs(good, { pageSize: 5000 });
        await assert.rejects(ctx.ncloud.newResource(badPageSize), (e: InvalidArgumentError) => {
            assert.ok(e instanceof InvalidArgumentError);
            assert.equal(e.message, 'MccUsers: invalid argument "pageSize": must be an integer from 1 to 1000, got 5000');
            assert.equal(e.argument, "pageSize");
            assert.equal(e.code, "NCLOUD_INVALID_ARGUMENT");
            return true;
        });
        const badFilter = withInputs(good, { filters: [{ name: "nope", values: ["x"] }] });
        await assert.rejects(ctx.ncloud.newResource(badFilter), (e: InvalidArgumentError) => e.argument === "filters[0].name");
        assert.equal(ctx.requests.length, sent);
    });

    it("with a secret input, no input's value shows in the error", async () => {
        await settle(new OrganizationAccounts("good", { organizationGroupNo: pulumi.secret(321) }).accountCount);
        const [good] = registered;
        assert.equal((good.inputs as Record<string, unknown>).hasSecretInput, true);
        const bad = withInputs(good, { filters: [{ name: "SECRETFIELDNAME", values: ["x"] }] });
        await assert.rejects(ctx.ncloud.newResource(bad), (e: InvalidArgumentError) => {
            assert.ok(e instanceof InvalidArgumentError);
            assert.equal(e.argument, "filters[0].name");
            assert.ok(!e.message.includes("SECRETFIELDNAME"), e.message);
            return true;
        });
    });

    it("a group or company the data does not hold is NCP's 404, from a function or a resource", async () => {
        await assert.rejects(
            getOrganizationAccounts({ organizationGroupNo: 999 }),
            (e: NcloudApiError) => e instanceof NcloudApiError && e.status === 404 && e.errorCode === "300",
        );
        await assert.rejects(
            getMccUsers({ companyId: "0f5e7d2c-1111-4c3a-9e55-00000000dead" }),
            (e: NcloudApiError) => e instanceof NcloudApiError && e.status === 404 && e.errorCode === "180000",
        );
        await settle(new OrganizationAccounts("good", { organizationGroupNo: 320 }).accountCount);
        const [good] = registered;
        const unknown = withInputs(good, { organizationGroupNo: 999 });
        await assert.rejects(ctx.ncloud.newResource(unknown), (e: NcloudApiError) => e instanceof NcloudApiError && e.status === 404);
    });

    it("secretUsers: false is not seen (Pulumi's mocks get no resource options): users stay secret", async () => {
        const plain = new MccUsers("plain", { companyId: COMPANY, secretUsers: false });
        assert.equal(await pulumi.isSecret(plain.users), true);
    });
});

describe("ncloudMocks, under pulumi preview", () => {
    const ctx = useNcloudMocks(undefined, true);

    it("a new resource's list and what is read from it are unknown, its inputs known, and nothing is read", async () => {
        const staff = new MccUsers("staff", { companyId: COMPANY });
        assert.equal(await isKnown(staff.userCount), false);
        assert.equal(await isKnown(staff.users), false);
        assert.equal(await isKnown(staff.contentHash), false);
        assert.equal(await settle(staff.companyId), COMPANY);
        assert.equal(ctx.requests.length, 0);
    });

    it("a bad input still fails the preview, and the functions still read", async () => {
        await settle(new MccUsers("good", { companyId: COMPANY }).companyId);
        const [good] = registered;
        await assert.rejects(ctx.ncloud.newResource(withInputs(good, { companyId: "bad id!" })), InvalidArgumentError);
        assert.equal((await getOrganizationAccounts({ organizationGroupNo: 321 })).accounts.length, 7);
    });
});

describe("ncloudMocks with the test's own lists", () => {
    const accounts: OrganizationAccount[] = [
        {
            memberNo: 1,
            organizationNo: 9,
            organizationGroupNo: 500,
            masterMemberNo: 1,
            masterMemberYn: "Y",
            loginId: "k***m@ex***le.com",
            memberName: "kim",
            memberStatusCode: "JOIN",
            memberStatusName: "Sign-up complete",
        },
    ];
    const users: MccUser[] = Array.from({ length: 250 }, (_, i) => ({ externalKey: `u${i}`, deptExternalKey: i < 3 ? "ops" : "sales" }));
    const data: NcloudMockData = { organizationGroups: { 500: accounts }, mccCompanies: { acme: users } };
    const ctx = useNcloudMocks(data);

    it("serves only them, in pages of at most 100 users, as the API does", async () => {
        const staff = new MccUsers("ops", { companyId: "acme", filters: [{ name: "deptExternalKey", values: ["ops"] }] });
        assert.deepEqual(await settle(staff.users), users.slice(0, 3));
        assert.equal(await settle(staff.total), 250);
        assert.equal(ctx.requests.length, 3);
        assert.deepEqual((await getOrganizationAccounts({ organizationGroupNo: 500 })).accounts, accounts);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: 320 }), NcloudApiError);
        await assert.rejects(getMccUsers({ companyId: COMPANY }), NcloudApiError);
    });

    it("serves them as they were given: changing the test's lists afterwards changes nothing", async () => {
        accounts[0] = { ...accounts[0], memberName: "changed" };
        try {
            assert.equal((await getOrganizationAccounts({ organizationGroupNo: 500 }, { share: false })).accounts[0].memberName, "kim");
        } finally {
            accounts[0] = { ...accounts[0], memberName: "kim" };
        }
    });
});

describe("ncloudMocks with the user's own mocks", () => {
    let ncloud: NcloudMocks;
    const asked: string[] = [];
    before(async () => {
        ncloud = await ncloudMocks(undefined, {
            mocks: {
                newResource: (args) => {
                    asked.push(`newResource ${args.type}`);
                    return { id: "bucket-7", state: { ...(args.inputs as Record<string, unknown>), arn: "arn:bucket" } };
                },
                call: (args) => {
                    asked.push(`call ${args.token}`);
                    return { zones: ["kr-1"] };
                },
            },
        });
        await pulumi.runtime.setMocks(ncloud, "ncm-test", "dev", false);
    });
    after(() => ncloud.close());

    it("answers the package's resources itself and hands every other resource and call to them", async () => {
        const bucket = new Bucket("bucket");
        const staff = new MccUsers("staff", { companyId: COMPANY });
        const zones = (await pulumi.runtime.invoke("test:index:getZones", {})) as { zones: string[] };
        assert.equal(await settle(bucket.id), "bucket-7");
        assert.equal(await settle(bucket.arn), "arn:bucket");
        assert.deepEqual(zones.zones, ["kr-1"]);
        assert.equal(await settle(staff.userCount), 342);
        assert.deepEqual(asked.sort(), ["call test:index:getZones", "newResource test:index:Bucket"]);
    });

    it("without them, other resources and calls echo their inputs", async () => {
        await ncloud.close();
        ncloud = await ncloudMocks();
        assert.deepEqual(await ncloud.newResource({ type: "test:index:Bucket", name: "b", inputs: { size: 3 } }), { id: "b-id", state: { size: 3 } });
        assert.deepEqual(await ncloud.call({ token: "test:index:getZones", inputs: { region: "KR" } }), { region: "KR" });
        const empty = await ncloud.newResource({ type: ORG_TYPE, name: "a", inputs: { organizationGroupNo: 322, hasSecretInput: false } });
        assert.equal(empty.state.accountCount, 0);
    });
});

describe("ncloudMocks' hold on the environment", () => {
    const NAMES = ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "NCLOUD_ORGANIZATION_ENDPOINT", "NCLOUD_MCC_ENDPOINT", "NCLOUD_SITE", "NCLOUD_ACCESS_KEY_ID"];
    const clear = () => {
        for (const name of NAMES) delete process.env[name];
    };
    beforeEach(clear);
    afterEach(clear);

    it("points the package at its gateway while open (a machine's own settings set aside), and puts them back on close", async () => {
        process.env.NCLOUD_ACCESS_KEY = "the-machine's-key";
        process.env.NCLOUD_SITE = "gov";
        process.env.NCLOUD_ACCESS_KEY_ID = "another-key";
        const ncloud = await ncloudMocks();
        try {
            assert.match(process.env.NCLOUD_ACCESS_KEY ?? "", /^ncm-mocks-[0-9a-f]{16}$/);
            assert.match(process.env.NCLOUD_MCC_ENDPOINT ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
            assert.equal(process.env.NCLOUD_SITE, undefined);
            assert.equal(process.env.NCLOUD_ACCESS_KEY_ID, undefined);
            assert.equal((await getOrganizationAccounts({ organizationGroupNo: 320 })).accounts.length, 2);
            await assert.rejects(ncloudMocks(), /another set of mocks is still open/);
        } finally {
            await ncloud.close();
        }
        assert.equal(process.env.NCLOUD_ACCESS_KEY, "the-machine's-key");
        assert.equal(process.env.NCLOUD_SITE, "gov");
        assert.equal(process.env.NCLOUD_ACCESS_KEY_ID, "another-key");
        assert.equal(process.env.NCLOUD_MCC_ENDPOINT, undefined);
        await (await ncloudMocks()).close();
    });

    it("refuses a group number that is not a positive integer, and stays closed", async () => {
        await assert.rejects(
            ncloudMocks({ organizationGroups: { [-1]: [] } }),
            (e: InvalidArgumentError) => e instanceof InvalidArgumentError && e.argument === 'data.organizationGroups["-1"]',
        );
        await (await ncloudMocks()).close();
        assert.equal(process.env.NCLOUD_ACCESS_KEY, undefined);
    });
});

describe("pulumi-ncloud-members/testing, as built", () => {
    it("exports ncloudMocks alone", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built entry point, required by name as a user's program does
        const testing = require("pulumi-ncloud-members/testing") as Record<string, unknown>;
        assert.deepEqual(Object.keys(testing), ["ncloudMocks"]);
        assert.ok(require.resolve("pulumi-ncloud-members/testing").endsWith("dist/testing/index.js"));
    });
});
