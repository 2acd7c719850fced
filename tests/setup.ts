// Loaded by mocha before any test: the suite must not see the machine's own NCP settings or ~/.ncloud, and each
// test starts with the process-wide state of a fresh process (shared listings, retry budgets, clock corrections,
// connection pool), so no test file depends on the ones before it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetProcessState } from "../provider/processState";
import { closeTestEmulators } from "./helpers/emulator";

for (const name of Object.keys(process.env)) {
    if (name.startsWith("NCLOUD_") || name.startsWith("PULUMI_CONFIG")) delete process.env[name];
}
process.env.HOME = mkdtempSync(join(tmpdir(), "ncm-test-home-"));

export const mochaHooks = {
    async beforeEach(): Promise<void> {
        await resetProcessState();
    },
    async afterEach(): Promise<void> {
        await closeTestEmulators();
    },
};
