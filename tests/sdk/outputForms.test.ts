import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { getMccUsers, getMccUsersOutput, getOrganizationAccounts, getOrganizationAccountsOutput, InvalidArgumentError } from "../../sdk";
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

        it("with a secret argument, the error that fails the Output shows no argument's value", async () => {
            const result = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.secret(999) }, ctx.opts);
            await assert.rejects(settle(result), (e: Error) => {
                assert.match(e.message, /HTTP 404/);
                assert.ok(!e.message.includes("999"), e.message);
                return true;
            });
            const plain = getOrganizationAccountsOutput({ organizationGroupNo: 999 }, ctx.opts);
            await assert.rejects(settle(plain), /group\/999/, "a plain argument is named as it was");
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

/** A resource of another provider, as a program's own bucket would be. */
class Bucket extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Bucket", name, {}, opts);
    }
}

/** A program's own component: a fast resource, and a component around the bucket, so the bucket is a grandchild. */
class Storage extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Storage", name);
        new Bucket("logs", { parent: this });
        const inner = new pulumi.ComponentResource("test:index:Inner", `${name}-inner`, {}, { parent: this });
        new Bucket("bucket", { parent: inner });
        this.registerOutputs({});
    }
}

describe("dependsOn, the Output forms' invoke option", () => {
    const ctx = useEmulator();
    let entered: Promise<void>;
    let enter: () => void;
    let release: () => void;
    // Each test has its own bucket: `entered` is when that one's creation starts.
    beforeEach(() => {
        entered = new Promise((resolve) => (enter = resolve));
    });
    const mocks = (preview: boolean) => () =>
        pulumi.runtime.setMocks(
            {
                // The bucket is created only when the test says so; in a preview its id stays unknown.
                newResource: async (args) => {
                    if (args.name === "bucket") {
                        enter();
                        await new Promise<void>((resolve) => (release = resolve));
                    }
                    return { id: preview ? undefined : `${args.name}-id`, state: args.inputs as Record<string, unknown> };
                },
                call: (args) => args.inputs as Record<string, unknown>,
            },
            "ncm-test",
            "dev",
            preview,
        );
    // What the engine records as an Output's dependencies when it flows into a resource (@pulumi/pulumi's getAllResources).
    const dependenciesOf = (output: pulumi.Output<unknown>) => (output as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();

    describe("pulumi up", () => {
        before(mocks(false));

        it("the read waits for the resources, is sent once they exist, and its result depends on them", async () => {
            const bucket = new Bucket("bucket");
            await entered;
            const result = getMccUsersOutput({ companyId: COMPANY }, { ...ctx.opts, dependsOn: [bucket] });
            const organization = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP }, { ...ctx.opts, dependsOn: bucket });
            // A read started at the same moment without dependsOn is answered while the bucket does not exist yet.
            await settle(getMccUsersOutput({ companyId: COMPANY }, ctx.opts));
            assert.equal(ctx.emulator.requests.length, 1, "only the read without dependsOn was sent");
            release();
            assert.deepEqual(await settle(result.users), mccUsers(7));
            assert.deepEqual((await settle(organization)).accounts, organizationAccounts());
            assert.equal(ctx.emulator.requests.length, 3);
            assert.ok((await dependenciesOf(result.users)).has(bucket), "the result depends on the bucket");
        });

        it("a component stands for its children, transitively: the read waits for the slow grandchild", async () => {
            const storage = new Storage("storage");
            await entered;
            const result = getMccUsersOutput({ companyId: COMPANY }, { ...ctx.opts, dependsOn: pulumi.output([storage]) });
            // The component and its fast child are registered, and a read without dependsOn is answered meanwhile.
            await settle(storage.urn);
            await settle(getMccUsersOutput({ companyId: COMPANY }, ctx.opts));
            assert.equal(ctx.emulator.requests.length, 1, "only the read without dependsOn was sent");
            release();
            assert.deepEqual(await settle(result.users), mccUsers(7));
            assert.equal(ctx.emulator.requests.length, 2);
            assert.ok((await dependenciesOf(result.users)).has(storage), "the result depends on the component");
        });
    });

    describe("pulumi preview", () => {
        before(mocks(true));

        it("a resource whose id is unknown makes the result unknown, and nothing is sent", async () => {
            const bucket = new Bucket("bucket");
            await entered;
            release();
            const result = getMccUsersOutput({ companyId: COMPANY }, { ...ctx.opts, dependsOn: [bucket] });
            assert.equal(await isKnown(result.users), false);
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("a component whose grandchild's id is unknown makes the result unknown, and nothing is sent", async () => {
            const storage = new Storage("storage");
            await entered;
            release();
            const result = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP }, { ...ctx.opts, dependsOn: storage });
            assert.equal(await isKnown(result), false);
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("a component whose children are all known is read, and a secret dependsOn does not make the result secret", async () => {
            const empty = new pulumi.ComponentResource("test:index:Empty", "empty");
            const known = new pulumi.ComponentResource("test:index:Known", "known");
            new pulumi.ComponentResource("test:index:Inner", "known-inner", {}, { parent: known });
            const result = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP }, { ...ctx.opts, dependsOn: pulumi.secret([empty, known]) });
            assert.equal(await isKnown(result), true);
            assert.deepEqual((await settle(result)).accounts, organizationAccounts());
            assert.equal(await pulumi.isSecret(result), false);
        });

        it("a value that is not a resource fails the Output with an InvalidArgumentError, before any request", async () => {
            const result = getMccUsersOutput({ companyId: COMPANY }, { ...ctx.opts, dependsOn: ["bucket"] as never });
            await assert.rejects(settle(result), (e: unknown) => {
                assert.ok(e instanceof InvalidArgumentError);
                assert.equal(e.argument, "options.dependsOn");
                return true;
            });
            assert.equal(ctx.emulator.requests.length, 0);
        });
    });

    it("an option the package does not know is an InvalidArgumentError naming it, before any request, in both forms", async () => {
        await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...ctx.opts, dependOn: [] } as never), (e: unknown) => {
            assert.ok(e instanceof InvalidArgumentError);
            assert.equal(e.argument, "options.dependOn");
            return true;
        });
        await assert.rejects(
            getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...ctx.opts, dependsOn: [] } as never),
            /dependsOn is taken by getOrganizationAccountsOutput/,
        );
        assert.throws(() => getMccUsersOutput({ companyId: COMPANY }, { ...ctx.opts, timeoutMS: 5 } as never), /invalid argument "options.timeoutMS"/);
        assert.equal(ctx.emulator.requests.length, 0);
    });
});
