import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Pulumi's program runner shows every uncaught error with util.inspect(err, { colors: true }). Inside `apply`, the
// stack carries a frame that @pulumi/pulumi's source maps place at node_modules/@pulumi/output.ts, and Node 20's
// coloured formatting loops on such a frame: `pulumi preview` of a failed gate stalled 30-60 s under the real CLI.
// It runs in a child process, since a loop would hold mocha's own thread past any timeout.
const INSPECT_GATE_ERROR = `
const { inspect } = require("node:util");
const { MembershipError } = require(${JSON.stringify(join(__dirname, "..", "..", "..", "dist", "provider", "errors"))});
const error = new MembershipError({ ok: false, missing: [{ member: "dba-lead", by: "memberName", reason: "invited" }], count: 1, message: "membership requirement not met" });
error.stack = "MembershipError: membership requirement not met\\n    at enforce (/p/node_modules/pulumi-ncloud-members/dist/sdk/membershipGate.js:52:19)\\n    at applyHelperAsync (/p/node_modules/@pulumi/output.ts:516:31)";
process.stdout.write(inspect(error, { colors: true }));
`;

describe("NcloudError, as a Pulumi program's runner shows it", () => {
    it("util.inspect with colours finishes at once, uncoloured, with the stack and the fields", () => {
        const result = spawnSync(process.execPath, ["-e", INSPECT_GATE_ERROR], { encoding: "utf8", timeout: 10_000 });
        assert.equal(result.signal, null, "util.inspect did not finish within 10 s");
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^MembershipError: membership requirement not met\n {4}at enforce /);
        assert.match(result.stdout, /code: 'NCLOUD_MEMBERSHIP_NOT_MET'/);
        assert.ok(!result.stdout.includes("\u001b["), "no colour codes");
    });
});
