import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CANARY_SECRET } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";
import { locked, npmInstall, PULUMI_NEW_TYPESCRIPT } from "../helpers/packedPackage";
import { useEngine, type PulumiRun, type PulumiStack } from "../helpers/pulumiEngine";

const ROOT = join(__dirname, "..", "..");
const POLICY = join(ROOT, "policy");
const run = promisify(execFile);

// Four resources as a user's would carry owners: by a member, a stranger, an invited account, and none.
const TYPESCRIPT = `import * as pulumi from "@pulumi/pulumi";
const provider: pulumi.dynamic.ResourceProvider = { async create(inputs) { return { id: "id", outs: inputs }; } };
class Bucket extends pulumi.dynamic.Resource {
    constructor(name: string, tags: Record<string, string>) { super(provider, name, { tags }); }
}
new Bucket("by-member", { owner: "platform-admin" });
new Bucket("by-stranger", { owner: "mallory" });
new Bucket("by-invited", { owner: "dba-lead" });
new Bucket("untagged", { team: "db" });
`;

const PYTHON = `import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider

class Provider(ResourceProvider):
    def create(self, props):
        return CreateResult(id_="id", outs=props)

class Bucket(Resource):
    def __init__(self, name, tags):
        super().__init__(Provider(), name, {"tags": tags})

Bucket("by-member", {"owner": "platform-admin"})
Bucket("by-stranger", {"owner": "mallory"})
Bucket("by-invited", {"owner": "dba-lead"})
Bucket("untagged", {"team": "db"})
`;

/** `pulumi preview --policy-pack policy/ --policy-pack-config <config>`, as a platform team runs it on any stack. */
async function previewWithPolicy(stack: PulumiStack, config: object): Promise<PulumiRun & { shown: string }> {
    const file = join(mkdtempSync(join(tmpdir(), "ncm-policy-config-")), "policy-config.json");
    writeFileSync(file, JSON.stringify(config));
    const result = await stack.preview("--policy-pack", POLICY, "--policy-pack-config", file);
    return { ...result, shown: result.stdout + result.stderr };
}

const OWNERS_MANDATORY = { "owner-is-member": { enforcementLevel: "mandatory", organizationGroupNo: 321, joined: true } };

function assertOwnerViolations(shown: string): void {
    assert.match(shown, /owner "mallory" \(tags\.owner\) is not a member of organization group 321/);
    assert.match(shown, /owner "dba-lead" \(tags\.owner\) is only invited to organization group 321, not signed up/);
    assert.doesNotMatch(shown, /owner "platform-admin"/);
    assert.match(shown, /owner-is-member: read organization group 321 \(7 members\) in \d+ ms/, "the run's added time is shown");
    assertNoLeaks("policy run", [shown]);
    assert.ok(!shown.includes("s***in@ex***le.com"), "the member list is never printed");
}

describe("the policy pack under the real Pulumi CLI: `pulumi preview --policy-pack policy/`", function () {
    this.timeout(600_000);
    const ctx = useEngine();

    before(async () => {
        // As its docs say: `npm install` in the policy pack's folder once (it builds the package one folder up).
        if (!existsSync(join(POLICY, "node_modules", "@pulumi", "policy"))) await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: POLICY });
    });

    describe("a TypeScript stack", () => {
        let stack: PulumiStack;

        before(async () => {
            const dir = mkdtempSync(join(tmpdir(), "ncm-engine-policy-ts-"));
            writeFileSync(join(dir, "Pulumi.yaml"), "name: policy-ts\nruntime: nodejs\nmain: index.ts\n");
            writeFileSync(join(dir, "index.ts"), TYPESCRIPT);
            writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: PULUMI_NEW_TYPESCRIPT }));
            writeFileSync(
                join(dir, "package.json"),
                JSON.stringify({
                    name: "policy-ts",
                    dependencies: { "@pulumi/pulumi": locked("@pulumi/pulumi") },
                    devDependencies: { typescript: locked("typescript"), "@types/node": locked("@types/node") },
                }),
            );
            await npmInstall(dir);
            stack = await ctx.engine.stack(dir, "dev");
        });

        it("mandatory owner-is-member: the stranger and the invited owner are named with why, and the preview fails", async () => {
            const result = await previewWithPolicy(stack, OWNERS_MANDATORY);
            assert.notEqual(result.code, 0, result.shown);
            assert.match(result.shown, /mandatory/);
            assertOwnerViolations(result.shown);
        });

        it("advisory (the default level): the same violations are shown, and the preview succeeds", async () => {
            const result = await previewWithPolicy(stack, { "owner-is-member": { organizationGroupNo: 321, joined: true } });
            assert.equal(result.code, 0, result.shown);
            assert.match(result.shown, /advisory/);
            assertOwnerViolations(result.shown);
        });

        it("mandatory required-members: an invited admin stops the stack with requireMembers' message", async () => {
            const result = await previewWithPolicy(stack, {
                "required-members": { enforcementLevel: "mandatory", organizationGroupNo: 321, memberNames: ["platform-admin", "dba-lead"], joined: true },
            });
            assert.notEqual(result.code, 0, result.shown);
            assert.match(result.shown, /membership requirement not met for organization group 321: dba-lead \(memberName\) is only invited, not signed up/);
        });

        it("NCP unreadable (a rejected key): mandatory fails closed saying why; failClosed: false is an advisory line and the preview succeeds", async () => {
            const rejected = await ctx.engine.stack(stack.dir, "rejected-key");
            const saved = ctx.engine.env.NCLOUD_SECRET_KEY;
            ctx.engine.env.NCLOUD_SECRET_KEY = `${CANARY_SECRET}-rejected`;
            try {
                const closed = await previewWithPolicy(rejected, OWNERS_MANDATORY);
                assert.notEqual(closed.code, 0, closed.shown);
                assert.match(closed.shown, /could not check the owner of this resource: .*HTTP 401/);
                const open = await previewWithPolicy(rejected, { "owner-is-member": { ...OWNERS_MANDATORY["owner-is-member"], failClosed: false } });
                assert.equal(open.code, 0, open.shown);
                assert.match(open.shown, /could not check the owner of this resource/);
                assertNoLeaks("policy run with a rejected key", [closed.shown, open.shown]);
                assert.ok(!(closed.shown + open.shown).includes(CANARY_SECRET));
            } finally {
                ctx.engine.env.NCLOUD_SECRET_KEY = saved;
            }
        });

        it("a mistyped config key is an error naming it, before any request", async () => {
            const before = ctx.emulator.requests.length;
            const result = await previewWithPolicy(stack, { "owner-is-member": { organizationGroupNo: 321, ownerPath: ["tags.owner"] } });
            assert.notEqual(result.code, 0, result.shown);
            assert.match(result.shown, /policy config of owner-is-member: invalid argument "ownerPath": is not a setting of this policy/);
            assert.equal(ctx.emulator.requests.length, before);
        });
    });

    it("a Python stack, same policy pack and config: the same violations, and the preview fails", async () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-engine-policy-python-"));
        writeFileSync(join(dir, "Pulumi.yaml"), "name: policy-python\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n");
        copyFileSync(join(ROOT, "examples", "python-members", "requirements.txt"), join(dir, "requirements.txt"));
        writeFileSync(join(dir, "__main__.py"), PYTHON);
        await ctx.engine.ok(dir, ["install"]);
        const stack = await ctx.engine.stack(dir, "dev");
        const result = await previewWithPolicy(stack, OWNERS_MANDATORY);
        assert.notEqual(result.code, 0, result.shown);
        assertOwnerViolations(result.shown);
    });
});
