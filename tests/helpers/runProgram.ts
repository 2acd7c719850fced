// Child process: runs examples/<program> under Pulumi's mocks against an emulator with the default data, and
// prints { outputs, error, resources } as JSON. Resources are those whose registration reached the monitor.
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData, startEmulator } from "../../emulator";

const [program, configText] = process.argv.slice(2) as [string, string];

async function main(): Promise<void> {
    const emulator = await startEmulator({ data: loadEmulatorData(DEFAULT_DATA_PATH) });
    Object.assign(process.env, { NCLOUD_ORGANIZATION_ENDPOINT: emulator.url, NCLOUD_MCC_ENDPOINT: emulator.url, NCLOUD_ACCESS_KEY: DEMO_ACCESS_KEY, NCLOUD_SECRET_KEY: DEMO_SECRET_KEY });
    const resources: string[] = [];
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            resources.push(`${args.type}::${args.name}`);
            return { id: `${args.name}-id`, state: { ...args.inputs, accounts: [], accountCount: 0, users: [], userCount: 0 } };
        },
        call: (args) => args.inputs,
    }, "example", "test", false);
    const project = "example";
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(JSON.parse(configText) as Record<string, string>).map(([k, v]) => [`${project}:${k}`, v])));
    let error: string | undefined;
    // As Pulumi's runtime does: a rejection nobody handles (a gate that failed, awaited by a resource) is the
    // program's error.
    process.on("unhandledRejection", (e) => {
        error ??= e instanceof Error ? e.message : String(e);
    });
    const outputs: Record<string, unknown> = {};
    try {
        const exported = require(`../../examples/${program}`) as Record<string, pulumi.Output<unknown>>;
        for (const [name, output] of Object.entries(exported)) {
            outputs[name] = await (output as unknown as { promise(): Promise<unknown> }).promise();
        }
    } catch (e) {
        error ??= e instanceof Error ? e.message : String(e);
    }
    // Let registrations that wait on other Outputs settle (or fail) before reporting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await emulator.close();
    process.stdout.write(JSON.stringify({ outputs, error, resources }));
}

void main();
