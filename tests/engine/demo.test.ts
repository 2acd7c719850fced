import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ENGINE_BIN } from "../helpers/pulumiEngine";

describe("npm run demo (the Quick start) where the Pulumi CLI is installed", () => {
    it("runs `pulumi preview` of the example on a throwaway backend, showing its outputs, secrets masked", function () {
        this.timeout(300_000);
        const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "..", "..", "examples", "demo.ts")], {
            encoding: "utf8",
            env: {
                ...process.env,
                PATH: `${ENGINE_BIN}:${process.env.PATH}`,
                PULUMI_SKIP_UPDATE_CHECK: "true",
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            },
        });
        assert.equal(result.status, 0, result.stdout + result.stderr);
        const preview = result.stdout.slice(result.stdout.indexOf("Running `pulumi preview`"));
        assert.match(preview, /Previewing update \(demo\)/);
        assert.match(preview, /^ {4}companyMemberTotal: 342$/m);
        assert.match(preview, /^ {4}staffCount {8}: 115$/m);
        assert.match(preview, /^ {4}staffEmails {7}: \[secret\]$/m);
        assert.match(preview, /^ {4}emailsByDept {6}: \[secret\]$/m);
        assert.doesNotMatch(preview, /@bbb\.com|@example\.com/, "no e-mail address shown by the preview");
    });
});
