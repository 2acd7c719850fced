import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CANARY_SECRET } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";
import { locked, npmInstall, packRepository, PULUMI_NEW_TYPESCRIPT, repackAsVersion, type PackedPackage } from "../helpers/packedPackage";
import { isCiphertext, useEngine, type PulumiStack } from "../helpers/pulumiEngine";

const ROOT = join(__dirname, "..", "..");
const COMPANY = "48128f23-e29b-496e-aa04-1f741fed86bc";

/**
 * A folder of TypeScript programs sharing one `npm install` of the packed package, as a user's monorepo would,
 * with the tsconfig and dependencies `pulumi new typescript` writes.
 */
async function typescriptPrograms(packed: PackedPackage): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), "ncm-engine-ts-"));
    writeFileSync(
        join(root, "package.json"),
        JSON.stringify({
            name: "engine-suite-programs",
            private: true,
            dependencies: { "pulumi-ncloud-members": `file:${packed.tarball}`, "@pulumi/pulumi": locked("@pulumi/pulumi") },
            devDependencies: { typescript: locked("typescript"), "@types/node": locked("@types/node") },
        }),
    );
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: PULUMI_NEW_TYPESCRIPT }));
    await npmInstall(root);
    return root;
}

/** Copies an example into its own project folder under `root`, with a Pulumi.yaml naming `index.ts`. */
function exampleProject(root: string, example: string, pulumiYaml?: string): string {
    const dir = join(root, example);
    mkdirSync(dir);
    copyFileSync(join(ROOT, "examples", example, "index.ts"), join(dir, "index.ts"));
    writeFileSync(join(dir, "Pulumi.yaml"), pulumiYaml ?? readFileSync(join(ROOT, "examples", example, "Pulumi.yaml"), "utf8"));
    return dir;
}

/** What `pulumi preview --json` plans to change: each step's operation by resource name, unchanged ones left out. */
function plannedChanges(stdout: string): Record<string, string> {
    const plan = JSON.parse(stdout) as { steps?: { op: string; urn: string }[] };
    return Object.fromEntries((plan.steps ?? []).filter((s) => s.op !== "same").map((s) => [s.urn.split("::").pop()!, s.op]));
}

/** The state file never holds the secret key (its ciphertexts are base64, so the signature shape is no test here). */
function assertStateKeepsSecrets(text: string): void {
    assert.ok(!text.includes(CANARY_SECRET), "the state file holds the secret key");
}

describe("TypeScript programs under the real Pulumi CLI (the package from its packed tarball)", function () {
    this.timeout(600_000);
    const ctx = useEngine();
    let packed: PackedPackage;
    let programs: string;

    before(async () => {
        packed = await packRepository();
        programs = await typescriptPrograms(packed);
    });

    it("member-outputs: `pulumi up` gives the documented outputs, personal data as secrets; a preview right after changes nothing", async () => {
        const dir = exampleProject(
            programs,
            "member-outputs",
            readFileSync(join(ROOT, "Pulumi.yaml"), "utf8").replace("main: examples/member-outputs/", "main: index.ts"),
        );
        const stack = await ctx.engine.stack(dir, "dev", { companyId: COMPANY }, ["companyId"]);
        const up = await stack.up();

        const users = ctx.data.mccCompanies[COMPANY];
        const staff = users.filter((u) => ["dept01", "dept02"].includes(u.deptExternalKey as string));
        assert.deepEqual(await stack.outputs(), {
            groupAccounts: ctx.data.organizationGroups["320"].map((a) => ({
                memberNo: a.memberNo,
                loginId: a.loginId,
                memberName: a.memberName,
                status: a.memberStatusCode,
            })),
            joinedAdmins: ctx.data.organizationGroups["321"].filter((a) => a.memberStatusCode === "JOIN").map((a) => a.memberName),
            staffEmails: "[secret]",
            emailsByDept: "[secret]",
            staffCount: staff.length,
            companyMemberTotal: users.length,
        });
        const revealed = await stack.outputs(true);
        assert.deepEqual(
            revealed.staffEmails,
            staff.map((u) => u.emailAddr),
        );
        assert.equal((await stack.preview("--expect-no-changes")).code, 0);
        const state = await stack.exportState();
        assertNoLeaks("member-outputs", [up.stdout, up.stderr]);
        assertStateKeepsSecrets(state.text);
        assert.ok(!state.text.includes(staff[0].emailAddr as string), "no e-mail address in clear in the state file");
    });

    describe("member-resources: the read-only resources through their whole life", () => {
        let stack: PulumiStack;
        let dir: string;

        before(async () => {
            dir = exampleProject(programs, "member-resources");
            stack = await ctx.engine.stack(dir, "dev", { companyId: COMPANY }, ["companyId"]);
        });

        it("`pulumi up` stores both lists and gives the documented outputs; `preview --expect-no-changes` passes right after", async () => {
            await stack.up();
            const outputs = await stack.outputs();
            assert.equal(outputs.adminCount, ctx.data.organizationGroups["321"].length);
            assert.deepEqual(outputs.invitedAdmins, ["network-admin", "dba-lead"]);
            assert.equal(outputs.staffCount, ctx.data.mccCompanies[COMPANY].filter((u) => u.deptExternalKey === "dept01").length);
            assert.match(String(outputs.adminListHash), /^sha256:[0-9a-f]{64}$/);
            assert.equal((await stack.preview("--expect-no-changes")).code, 0);
        });

        it("`pulumi stack export`: no secret key anywhere, the MCC users and the company id as ciphertext, no input in a resource id", async () => {
            const state = await stack.exportState();
            assertStateKeepsSecrets(state.text);
            for (const email of ctx.data.mccCompanies[COMPANY].map((u) => u.emailAddr).filter((e): e is string => typeof e === "string")) {
                assert.ok(!state.text.includes(email), `${email} is in the state in clear`);
            }
            assert.ok(!state.text.includes(COMPANY), "the company id is in the state in clear");
            const staff = state.resources.find((r) => r.urn.endsWith("::staff"))!;
            assert.ok(isCiphertext(staff.outputs!.users), "users are ciphertext");
            assert.ok(isCiphertext(staff.outputs!.companyId), "the company id is ciphertext");
            assert.ok(isCiphertext(staff.inputs!.companyId), "the company id input is ciphertext");
            const admins = state.resources.find((r) => r.urn.endsWith("::admins"))!;
            assert.equal((admins.outputs!.accounts as unknown[]).length, 7, "organization accounts are not secret by default");
        });

        it("someone leaves the group: `preview` plans `~ update` on that resource only, and `--expect-no-changes` fails", async () => {
            ctx.data.organizationGroups["321"] = ctx.data.organizationGroups["321"].filter((a) => a.memberName !== "audit");
            const preview = await stack.preview("--json");
            assert.equal(preview.code, 0, preview.stderr);
            assert.deepEqual(plannedChanges(preview.stdout), { admins: "update" });
            assert.notEqual((await stack.preview("--expect-no-changes")).code, 0);
        });

        it("`pulumi refresh` stores the new list, and a preview then changes nothing", async () => {
            await stack.refresh();
            const state = await stack.exportState();
            const admins = state.resources.find((r) => r.urn.endsWith("::admins"))!;
            assert.equal(admins.outputs!.accountCount, 6);
            assert.ok(!(admins.outputs!.accounts as { memberName: string }[]).some((a) => a.memberName === "audit"));
            assert.equal((await stack.preview("--expect-no-changes")).code, 0);
        });

        it("after the package is replaced by a newer build, `refresh` and `destroy` still work; destroy sends nothing to NCP", async () => {
            const newer = await repackAsVersion(packed, "0.1.1-engine-suite");
            await npmInstall(programs, `pulumi-ncloud-members@file:${newer.tarball}`);
            const installed = JSON.parse(readFileSync(join(programs, "node_modules", "pulumi-ncloud-members", "package.json"), "utf8")) as { version: string };
            assert.equal(installed.version, "0.1.1-engine-suite");

            const before = ctx.emulator.requests.length;
            await stack.refresh();
            assert.ok(ctx.emulator.requests.length > before, "refresh read the lists again");

            const beforeDestroy = ctx.emulator.requests.length;
            await stack.destroy();
            assert.equal(ctx.emulator.requests.length, beforeDestroy, "destroy sent no request to NCP");
            const state = await stack.exportState();
            assert.deepEqual(
                state.resources.filter((r) => r.type.includes("ncloud-members")),
                [],
            );
        });
    });

    it("a secret filter value (issue 18, case 6): every output of the resource is ciphertext in the state file, its id holds no input", async () => {
        const dir = join(programs, "secret-filter");
        mkdirSync(dir);
        writeFileSync(join(dir, "Pulumi.yaml"), "name: secret-filter\nruntime: nodejs\nmain: index.ts\n");
        const program = (value: string) =>
            [
                'import * as pulumi from "@pulumi/pulumi";',
                'import * as ncm from "pulumi-ncloud-members";',
                `const lead = new ncm.OrganizationAccounts("lead", { organizationGroupNo: 321, filters: [{ name: "memberName", values: [${value}] }] });`,
                "export const leadCount = lead.accountCount;",
                "export const leadNames = lead.accounts.apply((accounts) => accounts.map((a) => a.memberName));",
            ].join("\n");
        writeFileSync(join(dir, "index.ts"), program('pulumi.secret("dba-lead")'));
        const stack = await ctx.engine.stack(dir, "dev", {});
        await stack.up();
        assert.deepEqual(await stack.outputs(), { leadCount: "[secret]", leadNames: "[secret]" });
        assert.deepEqual(await stack.outputs(true), { leadCount: 1, leadNames: ["dba-lead"] });

        const state = await stack.exportState();
        assert.ok(!state.text.includes("dba-lead"), "the secret filter value (or an account it picked) is in the state in clear");
        const lead = state.resources.find((r) => r.urn.endsWith("::lead"))!;
        for (const key of ["organizationGroupNo", "filters", "accounts", "accountCount", "contentHash"])
            assert.ok(isCiphertext(lead.outputs![key]), `${key} is in the state in clear`);
        assert.equal(lead.outputs!.hasSecretInput, true);
        // A random id, holding no input (a random UUID can hold the digits 321 by chance, so the shape is what is checked).
        assert.match(String(lead.id), /^organization-accounts-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal((await stack.preview("--expect-no-changes")).code, 0);

        // The same value given in clear: state is rewritten in clear (an update), and the other way round.
        writeFileSync(join(dir, "index.ts"), program('"dba-lead"'));
        const preview = await stack.preview("--json");
        assert.deepEqual(plannedChanges(preview.stdout), { lead: "update" });
    });

    describe("membership-gate", () => {
        it("the required admins have all joined: `pulumi up` passes the gate and creates the resource after it", async () => {
            const dir = exampleProject(programs, "membership-gate");
            const stack = await ctx.engine.stack(dir, "passes", { companyId: COMPANY }, ["companyId"]);
            await stack.up();
            const outputs = await stack.outputs();
            assert.deepEqual(outputs.gatePassedFor, ["platform-admin", "security-admin", "finops"]);
            assert.equal(outputs.staffCount, ctx.data.mccCompanies[COMPANY].length);
            assert.deepEqual(
                (outputs.adminsNotYetJoined as string[]).map((line) => line.split(":")[0]),
                ["network-admin", "dba-lead"],
            );
        });

        it("an admin only invited: `pulumi preview` and `up` fail with the one-line message, and nothing after the gate is created", async () => {
            const dir = join(programs, "membership-gate");
            const stack = await ctx.engine.stack(dir, "stops", { companyId: COMPANY, requiredAdmins: '["platform-admin","dba-lead"]' }, ["companyId"]);
            const message = "membership requirement not met for organization group 321: dba-lead (memberName) is only invited, not signed up";

            const preview = await stack.preview();
            assert.notEqual(preview.code, 0);
            const shown = preview.stdout + preview.stderr;
            assert.ok(shown.includes(`error: ${message}`), shown);
            assert.doesNotMatch(shown, /^\s+at /m, "no stack trace");

            const up = await stack.run("up", "--yes", "--skip-preview");
            assert.notEqual(up.code, 0);
            const state = await stack.exportState();
            assert.deepEqual(
                state.resources.filter((r) => r.type.includes("MccUsers")),
                [],
            );
        });
    });
});
