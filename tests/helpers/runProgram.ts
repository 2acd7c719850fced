// Child process: runs examples/<program> under Pulumi's mocks against an emulator with the default data, and
// prints { outputs, error, resources } as JSON (outputs by value).
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData, startEmulator } from "../../emulator";
import { runUnderMocks } from "../../examples/runUnderMocks";

const [program, configText] = process.argv.slice(2) as [string, string];

async function main(): Promise<void> {
    const emulator = await startEmulator({ data: loadEmulatorData(DEFAULT_DATA_PATH) });
    Object.assign(process.env, {
        NCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
        NCLOUD_MCC_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY: DEMO_ACCESS_KEY,
        NCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    });
    const run = await runUnderMocks(program, "example", JSON.parse(configText) as Record<string, string>);
    await emulator.close();
    const outputs = Object.fromEntries(Object.entries(run.outputs).map(([name, o]) => [name, o.value]));
    process.stdout.write(JSON.stringify({ outputs, error: run.error, resources: run.resources }));
}

void main();
