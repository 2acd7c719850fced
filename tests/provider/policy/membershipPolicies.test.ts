import assert from "node:assert/strict";
import type { ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { ownerIsMember, requiredMembers } from "../../../provider/policy/membershipPolicies";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, shippedDataWithTestKeys, testEmulator } from "../../helpers/emulator";
import { assertNoLeaks } from "../../helpers/leakSweep";

type Violation = string | { message: string; enforcementLevel: string };

/** A resource's arguments as @pulumi/policy passes them to validateResource: its inputs as plain values, and its config. */
function resource(name: string, props: Record<string, unknown>, config: Record<string, unknown>): ResourceValidationArgs {
    return {
        type: "aws:s3/bucket:Bucket",
        name,
        urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
        props,
        getConfig: <T>() => config as T,
    } as unknown as ResourceValidationArgs;
}

function stack(config: Record<string, unknown>): StackValidationArgs {
    return { resources: [], getConfig: <T>() => config as T } as unknown as StackValidationArgs;
}

/** Runs the policy over resources, as one run of a policy pack does, and collects what it reported per resource. */
async function ownerViolations(config: Record<string, unknown>, resources: Record<string, Record<string, unknown>>, log: string[] = []) {
    const policy = ownerIsMember((line) => log.push(line));
    const found: Record<string, Violation[]> = {};
    await Promise.all(
        Object.entries(resources).map(async ([name, props]) =>
            (policy.validateResource as ResourceValidation)(resource(name, props, config), (violation: Violation) => (found[name] ??= []).push(violation)),
        ),
    );
    return found;
}

describe("the policy pack's policies, over resource arguments as Pulumi passes them, against the emulator", () => {
    let url: string;
    let requests: () => number;
    let saved: NodeJS.ProcessEnv = {};

    // The environment is the process's: put it back, so no later test reads this one's endpoints or keys.
    afterEach(() => {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
        Object.assign(process.env, saved);
    });

    beforeEach(async () => {
        const emulator = await testEmulator({ data: shippedDataWithTestKeys() });
        url = emulator.url;
        requests = () => emulator.requests.length;
        // A policy pack gets no stack config: its settings come from the environment (or ~/.ncloud/configure).
        saved = { ...process.env };
        Object.assign(process.env, {
            NCLOUD_ACCESS_KEY: ACCESS_KEY,
            NCLOUD_SECRET_KEY: CANARY_SECRET,
            NCLOUD_ORGANIZATION_ENDPOINT: url,
            NCLOUD_MCC_ENDPOINT: url,
        });
    });

    describe("owner-is-member", () => {
        it("a member passes; a stranger and an invited account are named with why; a resource without an owner is not checked", async () => {
            const found = await ownerViolations(
                { organizationGroupNo: 321, joined: true },
                {
                    member: { tags: { owner: "platform-admin" } },
                    stranger: { tags: { owner: "mallory" } },
                    invited: { labels: { owner: "dba-lead" } },
                    untagged: { tags: { team: "db" } },
                },
            );
            assert.deepEqual(found, {
                stranger: ['owner "mallory" (tags.owner) is not a member of organization group 321'],
                invited: ['owner "dba-lead" (labels.owner) is only invited to organization group 321, not signed up'],
            });
        });

        it("by login id, member number or name; MCC users by e-mail whatever its case, or external key; a member of either list passes", async () => {
            const found = await ownerViolations(
                { organizationGroupNo: 321, companyId: COMPANY, ownerPaths: ["tags.owner", "metadata.owners"] },
                {
                    loginId: { tags: { owner: "p***in@ex***le.com" } },
                    memberNo: { tags: { owner: 5002101 } },
                    invitedCounts: { tags: { owner: "dba-lead" } },
                    email: { tags: { owner: "AAA@BBB.COM" } },
                    externalKey: { tags: { owner: "user02" } },
                    several: { metadata: { owners: ["finops", "nobody"] } },
                    notAName: { tags: { owner: { name: "finops" } } },
                },
            );
            assert.deepEqual(found, {
                several: ['owner "nobody" (metadata.owners) is not a member of organization group 321 or the MCC company'],
                notAName: ["the owner at tags.owner is neither a string nor a number, so it cannot be checked"],
            });
        });

        it("one listing for the whole run, however many resources name an owner", async () => {
            const resources = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`r${i}`, { tags: { owner: i % 2 ? "finops" : "audit" } }]));
            const log: string[] = [];
            assert.deepEqual(await ownerViolations({ organizationGroupNo: 321 }, resources, log), {});
            assert.equal(requests(), 1);
            assert.equal(log.length, 1);
            assert.match(log[0], /^owner-is-member: read organization group 321 \(7 members\) in \d+ ms$/);
        });

        it("a wrong config key, no member list, or a bad group is one mandatory violation in the words of the policy config, and no request", async () => {
            for (const [config, message] of [
                [
                    { organizationGroupNo: 321, ownerPath: ["tags.owner"] },
                    /policy config of owner-is-member: invalid argument "ownerPath": is not a setting of this policy; use .*ownerPaths/,
                ],
                [{ joined: true }, /invalid argument "organizationGroupNo": name the member list: organizationGroupNo or companyId/],
                [{ organizationGroupNo: 0 }, /invalid argument "organizationGroupNo": must be a positive integer, got 0/],
            ] as const) {
                const found = await ownerViolations(config, { a: { tags: { owner: "mallory" } }, b: { tags: { owner: "x" } } });
                const all = Object.values(found).flat();
                assert.equal(all.length, 1, JSON.stringify(found));
                assert.equal((all[0] as { enforcementLevel: string }).enforcementLevel, "mandatory");
                assert.match((all[0] as { message: string }).message, message);
            }
            assert.equal(requests(), 0);
        });

        it("NCP unreadable: failClosed true is mandatory, false advisory, unset at the policy's level; the reason in one line, no secret", async () => {
            process.env.NCLOUD_SECRET_KEY = `${CANARY_SECRET}-rejected`;
            const owner = { a: { tags: { owner: "finops" } } };
            const closed = (await ownerViolations({ organizationGroupNo: 321, failClosed: true }, owner)).a;
            const open = (await ownerViolations({ organizationGroupNo: 321, failClosed: false }, owner)).a;
            const level = (await ownerViolations({ organizationGroupNo: 321 }, owner)).a;
            assert.deepEqual(
                closed.map((v) => (v as { enforcementLevel: string }).enforcementLevel),
                ["mandatory"],
            );
            assert.deepEqual(
                open.map((v) => (v as { enforcementLevel: string }).enforcementLevel),
                ["advisory"],
            );
            assert.equal(level.length, 1);
            assert.equal(typeof level[0], "string", "reported at the policy's own level");
            assert.match(level[0] as string, /^could not check the owner of this resource: .*HTTP 401/);
            assert.doesNotMatch(level[0] as string, /\n/);
            assertNoLeaks("policy violations", [JSON.stringify([closed, open, level])]);
        });
    });

    describe("required-members", () => {
        const run = async (config: Record<string, unknown>) => {
            const found: Violation[] = [];
            await requiredMembers(() => undefined).validateStack(stack(config), (v: Violation) => found.push(v));
            return found;
        };

        it("passes while the members are there; names who is absent or only invited otherwise, with requireMembers' message", async () => {
            assert.deepEqual(await run({ organizationGroupNo: 321, memberNames: ["platform-admin", "finops"], joined: true }), []);
            assert.deepEqual(await run({ organizationGroupNo: 321, memberNames: ["platform-admin", "dba-lead", "mallory"], joined: true }), [
                "membership requirement not met for organization group 321: dba-lead (memberName) is only invited, not signed up; mallory (memberName) is absent",
            ]);
            assert.deepEqual(await run({ companyId: COMPANY, minCount: 1000 }), [
                `membership requirement not met for the MCC company: ${shippedDataWithTestKeys().mccCompanies[COMPANY].length} member(s), fewer than the 1000 required`,
            ]);
        });

        it("not configured (only the defaults the engine fills in): it checks nothing, so the other policy can run alone", async () => {
            assert.deepEqual(await run({ joined: false, deadlineMs: 60_000 }), []);
            assert.deepEqual(
                await ownerViolations({ ownerPaths: ["tags.owner", "labels.owner"], joined: false, deadlineMs: 60_000 }, { a: { tags: { owner: "mallory" } } }),
                {},
            );
            assert.equal(requests(), 0);
        });

        it("a config that names nobody, or two lists, is a mandatory violation and no request", async () => {
            const [nobody] = await run({ organizationGroupNo: 321 });
            assert.match((nobody as { message: string }).message, /name the required members/);
            const [both] = await run({ organizationGroupNo: 321, companyId: COMPANY, memberNames: ["finops"] });
            assert.match((both as { message: string }).message, /name one list: organizationGroupNo or companyId, not both/);
            const [emailsOfGroup] = await run({ organizationGroupNo: 321, emails: ["aaa@bbb.com"] });
            assert.match((emailsOfGroup as { message: string }).message, /invalid argument "emails": an organization group has no e-mails/);
            const [joinedUsers] = await run({ companyId: COMPANY, emails: ["aaa@bbb.com"], joined: true });
            assert.match((joinedUsers as { message: string }).message, /invalid argument "joined": an MCC company has no/);
            assert.equal(requests(), 0);
        });
    });
});
