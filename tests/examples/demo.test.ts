import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("npm run demo (the Quick start)", () => {
    it("runs the example program against the emulator and shows its stack outputs", function () {
        this.timeout(60_000);
        // The example imports the package by name, i.e. the build in dist/ that `npm test` makes first.
        const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "..", "..", "examples", "demo.ts")], {
            encoding: "utf8",
            env: { ...process.env, PATH: "/nonexistent" },
        });
        assert.equal(result.status, 0, result.stderr);
        assert.match(
            result.stdout,
            /groupAccounts: \[\{"memberNo":5001533,"loginId":"o\*\*\*m01@na\*\*\*rp.com","memberName":"MemberAccount01","status":"INVT"\}/,
        );
        assert.match(result.stdout, /staffEmails \[secret\]: \["aaa@bbb.com", "aab@bbb.com"/);
        assert.match(result.stdout, /companyMemberTotal: 342\n/);
        assert.match(result.stdout, /The emulator answered 6 signed requests \(4 MCC pages\)/);
        assert.match(result.stdout, /Pulumi CLI is not installed here/);
    });
});
