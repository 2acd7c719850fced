// `npm run demo`: starts the local NCP API emulator with the shipped data, points the package at it, runs the
// program in examples/member-outputs as a Pulumi program would run (in-process, under Pulumi's mocks) and shows
// its stack outputs. Where the Pulumi CLI is installed it also runs `pulumi preview` on a throwaway local backend.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData, startEmulator } from "pulumi-ncloud-members/emulator";
import { runUnderMocks } from "./runUnderMocks";

const PROJECT = "ncloud-members-demo";
const COMPANY_ID = "48128f23-e29b-496e-aa04-1f741fed86bc";
const ROOT = resolve(__dirname, "..");

async function main(): Promise<void> {
    const emulator = await startEmulator({ data: loadEmulatorData(DEFAULT_DATA_PATH) });
    try {
        Object.assign(process.env, {
            NCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
            NCLOUD_MCC_ENDPOINT: emulator.url,
            NCLOUD_ACCESS_KEY: DEMO_ACCESS_KEY,
            NCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
        });
        console.log(`NCP API emulator on ${emulator.url} (default data: ${DEFAULT_DATA_PATH})\n`);
        console.log("Stack outputs of examples/member-outputs:");
        await showProgramOutputs();
        const mcc = emulator.requests.filter((r) => r.api === "mcc").length;
        console.log(`\nThe emulator answered ${emulator.requests.length} signed requests (${mcc} MCC pages).`);
        await previewWithPulumiCli();
    } finally {
        await emulator.close();
    }
}

async function showProgramOutputs(): Promise<void> {
    const run = await runUnderMocks("member-outputs", PROJECT, { companyId: COMPANY_ID }, ["companyId"]);
    if (run.error) throw new Error(run.error);
    for (const [name, { value, secret }] of Object.entries(run.outputs)) {
        console.log(`  ${name}${secret ? " [secret]" : ""}: ${shorten(value)}`);
    }
}

function shorten(value: unknown): string {
    if (Array.isArray(value) && value.length > 4)
        return `[${value
            .slice(0, 3)
            .map((v) => JSON.stringify(v))
            .join(", ")}, … ${value.length - 3} more]`;
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

async function previewWithPulumiCli(): Promise<void> {
    if (spawnSync("pulumi", ["version"], { stdio: "ignore" }).status !== 0) {
        console.log("\nThe Pulumi CLI is not installed here: skipping `pulumi preview` (install it to see the same outputs in a preview).");
        return;
    }
    const backend = mkdtempSync(join(tmpdir(), "ncm-demo-backend-"));
    const stackConfig = join(ROOT, "Pulumi.demo.yaml");
    const hadStackConfig = existsSync(stackConfig);
    const env = { ...process.env, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "ncloud-members-demo", PULUMI_SKIP_UPDATE_CHECK: "true" };
    // Not spawnSync: the emulator answering the program lives in this process, so its event loop must keep running.
    const run = (...args: string[]) =>
        new Promise<void>((done, fail) => {
            const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: ROOT, env, stdio: "inherit" });
            child.on("error", fail);
            child.on("close", (code) => (code === 0 ? done() : fail(new Error(`pulumi ${args.join(" ")} failed (exit ${code})`))));
        });
    console.log(`\nRunning \`pulumi preview\` against the emulator, on a throwaway local backend (${backend}):`);
    try {
        await run("stack", "init", "demo");
        await run("config", "set", "--secret", "companyId", COMPANY_ID, "--stack", "demo");
        await run("preview", "--stack", "demo");
    } finally {
        rmSync(backend, { recursive: true, force: true });
        if (!hadStackConfig) rmSync(stackConfig, { force: true });
    }
}

main().catch((error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
