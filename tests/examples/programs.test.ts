import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DEFAULT_DATA_PATH, loadEmulatorData } from "../../emulator";

const DATA = loadEmulatorData(DEFAULT_DATA_PATH);
const COMPANY_ID = "48128f23-e29b-496e-aa04-1f741fed86bc";
const COMPANY = DATA.mccCompanies[COMPANY_ID];

// Runs an example program as its own Pulumi program would run (under mocks, in a fresh process: a program
// is loaded once) against the emulator with the default data, and returns what it exported or the error.
const RUNNER = join(__dirname, "..", "helpers", "runProgram.ts");

function runProgram(program: string, config: Record<string, string>): { outputs?: Record<string, unknown>; error?: string; resources: string[] } {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", RUNNER, program, JSON.stringify(config)], {
        encoding: "utf8",
        env: { ...process.env, PATH: "/nonexistent" },
    });
    // The runner's report is its JSON; after a failed program Pulumi's exit hook sets a non-zero status anyway.
    assert.ok(child.stdout.startsWith("{"), `no report from the runner: ${child.stderr}`);
    return JSON.parse(child.stdout) as { outputs?: Record<string, unknown>; error?: string; resources: string[] };
}

describe("example programs, against the emulator's default data", function () {
    this.timeout(60_000);

    it("membership-gate: the gate passes, the resource is created, the pending admins are listed", () => {
        const result = runProgram("membership-gate", { companyId: COMPANY_ID });
        assert.equal(result.error, undefined);
        assert.deepEqual(result.outputs!.gatePassedFor, ["platform-admin", "security-admin", "finops"]);
        assert.deepEqual(result.outputs!.adminsNotYetJoined, ["network-admin: invited", "dba-lead: invited"]);
        assert.deepEqual(result.resources, ["pulumi-nodejs:dynamic/ncloud-members:MccUsers::staff"]);
        assert.equal(result.outputs!.staffCount, COMPANY.length, "the gated resource holds the whole company");
    });

    it("membership-gate: requiring an admin who is only invited stops the program with one line, creating nothing", () => {
        const result = runProgram("membership-gate", { companyId: COMPANY_ID, requiredAdmins: JSON.stringify(["platform-admin", "dba-lead"]) });
        assert.equal(result.error, "membership requirement not met for organization group 321: dba-lead (memberName) is only invited, not signed up");
        assert.deepEqual(result.resources, []);
    });

    it("member-resources: both resources are registered with their inputs", () => {
        const result = runProgram("member-resources", { companyId: COMPANY_ID });
        assert.equal(result.error, undefined);
        assert.deepEqual(result.resources, [
            "pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts::admins",
            "pulumi-nodejs:dynamic/ncloud-members:MccUsers::staff",
        ]);
        const admins = DATA.organizationGroups["321"];
        assert.equal(result.outputs!.adminCount, admins.length);
        assert.deepEqual(
            result.outputs!.invitedAdmins,
            admins.filter((a) => a.memberStatusCode === "INVT").map((a) => a.memberName),
        );
        assert.equal(result.outputs!.staffCount, COMPANY.filter((u) => u.deptExternalKey === "dept01").length);
        assert.match(String(result.outputs!.adminListHash), /^sha256:[0-9a-f]{64}$/);
    });
});
