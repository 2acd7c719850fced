// Run as its own process: where ours spends the main thread's CPU beyond a bare request, layer by layer, each layer
// the one above it minus one step of the package's path. The layers take turns in blocks of calls, so the machine's
// load falls on them alike (bench/run.ts, `npm run bench -- cpu-layers`).
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "undici";
import { closeConnections, getOrganizationAccounts } from "pulumi-ncloud-members";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "pulumi-ncloud-members/emulator";
import { requestOrganizationAccounts } from "../dist/provider/apis/organizationAccounts";
import { Credentials } from "../dist/provider/credentials/Credentials";
import { readOrganizationAccounts } from "../dist/provider/readMembers";
import { requestPolicy } from "../dist/provider/requestPolicy";
import { sendRequest } from "../dist/provider/transport/sendRequest";
import { readContext } from "../dist/sdk/readContext";

const [url, warmUpText, blockText, roundsText] = process.argv.slice(2) as [string, string, string, string];
const path = "/open-api/v1/account/group/320";
const quiet = { debug: () => undefined, warn: () => undefined };
const opts = { organizationEndpoint: url, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, share: false };
const connection = { credentials: new Credentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, "bench"), baseUrl: new URL(url), site: "public" as const };
const context = readContext("getOrganizationAccounts", opts);

function signed(): Record<string, string> {
    const timestamp = String(Date.now());
    const signature = createHmac("sha256", DEMO_SECRET_KEY).update(`GET ${path}\n${timestamp}\n${DEMO_ACCESS_KEY}`).digest("base64");
    return { "x-ncp-apigw-timestamp": timestamp, "x-ncp-iam-access-key": DEMO_ACCESS_KEY, "x-ncp-apigw-signature-v2": signature };
}

/** Each layer, outermost last; the name says what it adds to the one before. */
const LAYERS: [string, () => Promise<unknown>][] = [
    ["a bare undici request, signed, plus JSON.parse", async () => JSON.parse(await (await request(url + path, { headers: signed() })).body.text()) as unknown],
    [
        "sendRequest: our transport (connection slots, timeout scope, retries, clock skew)",
        () => sendRequest({ url: new URL(url + path), credentials: connection.credentials, displayPath: path }, requestPolicy("bench", { logger: quiet })),
    ],
    [
        "requestOrganizationAccounts: + the body's checks (depth walk, schema, integers)",
        () => requestOrganizationAccounts(connection, 320, requestPolicy("bench", { logger: quiet })),
    ],
    ["readOrganizationAccounts: + the arguments' checks, settings lookup, filters", () => readOrganizationAccounts({ organizationGroupNo: 320 }, context)],
    ["getOrganizationAccounts: + the call's options and Pulumi config", () => getOrganizationAccounts({ organizationGroupNo: 320 }, opts)],
];

/** CPU time of this process's main thread, in µs (Linux: /proc; its clock ticks are 10 ms, hence blocks of calls). */
function mainThreadUs(): number {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function main(): Promise<void> {
    const [warmUp, block, rounds] = [Number(warmUpText), Number(blockText), Number(roundsText)];
    for (const [, call] of LAYERS) for (let i = 0; i < warmUp; i++) await call();
    const used = LAYERS.map(() => 0);
    for (let round = 0; round < rounds; round++) {
        for (const [index, [, call]] of LAYERS.entries()) {
            const before = mainThreadUs();
            for (let i = 0; i < block; i++) await call();
            used[index] += mainThreadUs() - before;
        }
    }
    process.stdout.write(JSON.stringify(LAYERS.map(([name], i) => ({ name, us: used[i] / (block * rounds) }))));
    await closeConnections();
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
});
