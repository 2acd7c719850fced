// Run as its own process: lists a large company and reports wall time and this process's peak RSS.
import { getMccUsers } from "pulumi-ncloud-members";

async function main(): Promise<void> {
    const [url, companyId, pageSize] = process.argv.slice(2) as [string, string, string];
    const started = performance.now();
    const result = await getMccUsers({ companyId, pageSize: Number(pageSize) }, { mccEndpoint: url, share: false });
    const wallMs = performance.now() - started;
    process.stdout.write(JSON.stringify({ users: result.users.length, total: result.total, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
});
