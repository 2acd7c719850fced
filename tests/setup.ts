// Loaded by mocha before any test: the suite must not see the machine's own NCP settings or ~/.ncloud.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

for (const name of Object.keys(process.env)) {
    if (name.startsWith("NCLOUD_") || name.startsWith("PULUMI_CONFIG")) delete process.env[name];
}
process.env.HOME = mkdtempSync(join(tmpdir(), "ncm-test-home-"));
