// Run as its own process: streams a large company and reports wall time, users seen and this process's peak RSS
// (on stderr, as the last line). `iterator` walks iterateMccUsers and keeps nothing; `cli` runs the ncloud-members
// command in this process, its JSON going to stdout (the parent sends it to /dev/null).
import { join } from "node:path";
import { iterateMccUsers } from "pulumi-ncloud-members";

const [mode, url, companyId] = process.argv.slice(2) as ["iterator" | "cli", string, string];
const started = performance.now();
const report = (users: number) =>
    process.stderr.write(`\n${JSON.stringify({ users, wallMs: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

async function main(): Promise<void> {
    if (mode === "cli") {
        process.on("exit", () => report(-1));
        process.argv = [process.argv[0], "ncloud-members", "mcc-users", "--company", companyId, "--endpoint", url, "--page-size", "1000", "--output", "json"];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(join(__dirname, "..", "dist", "cli", "main.js"));
        return;
    }
    let users = 0;
    for await (const page of iterateMccUsers({ companyId, pageSize: 1000 }, { mccEndpoint: url })) users += page.users.length;
    report(users);
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
});
