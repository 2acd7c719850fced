// Run as its own process, so each side starts from the same heap: CPU time per call of one way of fetching.
import { createHmac } from "node:crypto";
import { request } from "undici";
import { getOrganizationAccounts, closeConnections } from "pulumi-ncloud-members";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "pulumi-ncloud-members/emulator";

const [mode, url, warmUpText, callsText] = process.argv.slice(2) as ["ours" | "bare", string, string, string];
const warmUp = Number(warmUpText);
const calls = Number(callsText);
const path = "/open-api/v1/account/group/320";

function signed(): Record<string, string> {
    const timestamp = String(Date.now());
    const signature = createHmac("sha256", DEMO_SECRET_KEY).update(`GET ${path}\n${timestamp}\n${DEMO_ACCESS_KEY}`).digest("base64");
    return { "x-ncp-apigw-timestamp": timestamp, "x-ncp-iam-access-key": DEMO_ACCESS_KEY, "x-ncp-apigw-signature-v2": signature };
}

const opts = { organizationEndpoint: url, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, share: false };
const call =
    mode === "ours"
        ? () => getOrganizationAccounts({ organizationGroupNo: 320 }, opts)
        : async () => JSON.parse(await (await request(url + path, { headers: signed() })).body.text()) as unknown;

async function main(): Promise<void> {
    for (let i = 0; i < warmUp; i++) await call(); // warm-up: connections, and V8's optimizing compiler (bench/run.ts)
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await call();
    const used = process.cpuUsage(before);
    process.stdout.write(String((used.user + used.system) / calls));
    await closeConnections();
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
});
