import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { ACCESS_KEY, CANARY_SECRET } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";
import { isCiphertext, useEngine } from "../helpers/pulumiEngine";

const ROOT = join(__dirname, "..", "..");
const PLUGIN = join(ROOT, "plugin");
const COMPANY = "48128f23-e29b-496e-aa04-1f741fed86bc";
const run = promisify(execFile);

describe("programs in other languages under the real Pulumi CLI, through the provider plugin", function () {
    this.timeout(600_000);
    const ctx = useEngine();

    const inDept = (...depts: string[]) => ctx.data.mccCompanies[COMPANY].filter((u) => depts.includes(u.deptExternalKey as string));

    it("Python: a fresh project, `pulumi package add <path>/plugin`, then examples/python-members: up, outputs, no changes after", async () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-engine-python-"));
        // The example's Pulumi.yaml without the `packages` entry that `pulumi package add` writes, and its requirements.
        const project = parse(readFileSync(join(ROOT, "examples", "python-members", "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        delete project.packages;
        writeFileSync(join(dir, "Pulumi.yaml"), JSON.stringify(project));
        copyFileSync(join(ROOT, "examples", "python-members", "requirements.txt"), join(dir, "requirements.txt"));

        const added = await ctx.engine.ok(dir, ["package", "add", PLUGIN]);
        assert.match(added.stdout + added.stderr, /import pulumi_ncloud_members/);
        assert.deepEqual((parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { packages: unknown }).packages, { "ncloud-members": PLUGIN });
        assert.ok(existsSync(join(dir, "sdks", "ncloud-members", "pulumi_ncloud_members", "get_mcc_users.py")), "the generated Python SDK");
        assert.match(
            readFileSync(join(dir, "sdks", "ncloud-members", "pulumi_ncloud_members", "provider.py"), "utf8"),
            /secret_key: pulumi\.Input\[Optional\[_builtins\.str\]\] = None/,
            "an explicit provider takes the connection settings",
        );
        assert.ok(existsSync(join(dir, "venv", "bin", "python")), "the language host made the project's virtualenv");

        copyFileSync(join(ROOT, "examples", "python-members", "__main__.py"), join(dir, "__main__.py"));
        const stack = await ctx.engine.stack(dir, "dev", { companyId: COMPANY }, ["companyId"]);
        const up = await stack.up();
        assert.deepEqual(await stack.outputs(), {
            gatePassedFor: ["platform-admin", "security-admin", "finops"],
            dept01Total: "[secret]",
            staffCount: inDept("dept01", "dept02").length,
        });
        assert.equal((await stack.outputs(true)).dept01Total, ctx.data.mccCompanies[COMPANY].length);
        assert.equal((await stack.preview("--expect-no-changes")).code, 0);

        const state = await stack.exportState();
        assert.ok(!state.text.includes(CANARY_SECRET), "the state file holds the secret key");
        const staff = state.resources.find((r) => r.urn.endsWith("::staff"))!;
        assert.equal(staff.type, "ncloud-members:index:MccUsers");
        assert.ok(isCiphertext(staff.outputs!.users), "users are ciphertext");
        assertNoLeaks("python up", [up.stdout, up.stderr]);
    });

    it("YAML: `pulumi package add <path>/plugin`, then examples/yaml-members with `pulumi up`: the functions' and the resource's outputs; no changes after", async () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-engine-yaml-"));
        const program = parse(readFileSync(join(ROOT, "examples", "yaml-members", "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        assert.deepEqual(program.packages, { "ncloud-members": "../../plugin" });
        delete program.packages;
        writeFileSync(join(dir, "Pulumi.yaml"), JSON.stringify(program));
        await ctx.engine.ok(dir, ["package", "add", PLUGIN]);
        assert.deepEqual((parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { packages: unknown }).packages, { "ncloud-members": PLUGIN });

        // The key pair as a careless user sets it: the secret key in plain text in the stack's config.
        const stack = await ctx.engine.stack(
            dir,
            "dev",
            { companyId: COMPANY, "ncloud-members:accessKey": ACCESS_KEY, "ncloud-members:secretKey": CANARY_SECRET },
            ["companyId"],
        );
        const up = await stack.up();
        const outputs = await stack.outputs(true);
        assert.deepEqual(
            (outputs.joinedAdmins as { memberName: string }[]).map((a) => a.memberName),
            ctx.data.organizationGroups["321"].filter((a) => a.memberStatusCode === "JOIN").map((a) => a.memberName),
        );
        assert.equal(outputs.dept01Count, ctx.data.mccCompanies[COMPANY].length);
        assert.equal(outputs.staffCount, inDept("dept01", "dept02").length);
        assert.match(String(outputs.staffListHash), /^sha256:[0-9a-f]{64}$/);
        assert.equal((await stack.preview("--expect-no-changes")).code, 0);

        const state = await stack.exportState();
        assert.ok(!state.text.includes(CANARY_SECRET), "the state file holds the secret key (set in plain text in config)");
        const provider = state.resources.find((r) => r.type === "pulumi:providers:ncloud-members")!;
        assert.ok(isCiphertext(provider.inputs!.secretKey), "the provider's secret key is ciphertext in state");
        // Read with the secret company id (issue 18, case 6): every output is ciphertext, not only the users.
        const staff = state.resources.find((r) => r.urn.endsWith("::staff"))!;
        for (const key of ["companyId", "filters", "users", "userCount", "total", "contentHash"])
            assert.ok(isCiphertext(staff.outputs![key]), `${key} is in the state in clear`);
        assert.ok(!String(staff.id).includes(COMPANY));
        assertNoLeaks("yaml up", [up.stdout, up.stderr]);
    });

    it("Go: `go mod init`, `pulumi package add <path>/plugin`, then examples/go-members: the generated SDK compiles, up, no changes after", async () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-engine-go-"));
        const project = parse(readFileSync(join(ROOT, "examples", "go-members", "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        delete project.packages;
        writeFileSync(join(dir, "Pulumi.yaml"), JSON.stringify(project));
        await run("go", ["mod", "init", "go-members"], { cwd: dir, env: ctx.engine.env });

        await ctx.engine.ok(dir, ["package", "add", PLUGIN]);
        assert.ok(existsSync(join(dir, "sdks", "ncloud-members", "ncloudmembers", "getOrganizationAccounts.go")), "the generated Go SDK");
        assert.match(
            readFileSync(join(dir, "go.mod"), "utf8"),
            /replace github\.com\/pulumi-ncloud-members\/pulumi-ncloud-members\/sdk\/go => \.\/sdks\/ncloud-members/,
        );

        copyFileSync(join(ROOT, "examples", "go-members", "main.go"), join(dir, "main.go"));
        await run("go", ["mod", "tidy"], { cwd: dir, env: ctx.engine.env });
        await run("go", ["vet", "./..."], { cwd: dir, env: ctx.engine.env });

        const stack = await ctx.engine.stack(dir, "dev", { companyId: COMPANY }, ["companyId"]);
        const up = await stack.up();
        assert.deepEqual(await stack.outputs(), {
            joinedAdmins: ctx.data.organizationGroups["321"].filter((a) => a.memberStatusCode === "JOIN").map((a) => a.memberName),
            staffCount: inDept("dept01", "dept02").length,
        });
        assert.equal((await stack.preview("--expect-no-changes")).code, 0);
        const state = await stack.exportState();
        assert.ok(!state.text.includes(CANARY_SECRET), "the state file holds the secret key");
        assert.ok(isCiphertext(state.resources.find((r) => r.urn.endsWith("::staff"))!.outputs!.users), "users are ciphertext");
        assertNoLeaks("go up", [up.stdout, up.stderr]);
    });
});
