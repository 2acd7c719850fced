// Runs an example program as the Pulumi engine would load it, but in this process under Pulumi's mocks: no
// CLI, no engine. Used by `npm run demo` and by the tests of the examples.
import * as pulumi from "@pulumi/pulumi";
import * as providers from "pulumi-ncloud-members/dynamic-provider";

// The package's resources are created by its real dynamic provider (as the provider host would), against whatever
// NCP endpoint the environment names: their outputs are the lists, not placeholders.
const PROVIDERS: Record<string, typeof providers.mccUsers> = {
    "pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts": providers.organizationAccounts,
    "pulumi-nodejs:dynamic/ncloud-members:MccUsers": providers.mccUsers,
};

/** What a program did: its stack outputs (value and whether secret), its error, the resources it registered. */
export interface ProgramRun {
    readonly outputs: Record<string, { readonly value: unknown; readonly secret: boolean }>;
    readonly error?: string;
    /** `type::name` of each resource whose registration reached the (mock) engine. */
    readonly resources: string[];
}

// The dynamic-provider host declines secrets, so the engine sends it secret inputs as plain values: do the same.
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value !== "object" || value === null) return value;
    const record = value as Record<string, unknown>;
    if (SECRET_SIG in record) return plain(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
}

/**
 * Loads `examples/<program>` as project `project` with the given config (secret keys listed) and waits for its
 * outputs. A rejection nobody handles (a failed gate a resource waits on) is the program's error, as Pulumi's
 * runtime reports it. A program is loaded once per process.
 */
export async function runUnderMocks(program: string, project: string, config: Record<string, string>, secretKeys: string[] = []): Promise<ProgramRun> {
    const resources: string[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                resources.push(`${args.type}::${args.name}`);
                const provider = PROVIDERS[args.type];
                const inputs = args.inputs as Record<string, unknown>;
                if (!provider) return { id: `${args.name}-id`, state: inputs };
                const created = await provider.create(plain(inputs));
                return { id: created.id, state: { ...inputs, ...(created.outs as Record<string, unknown>) } };
            },
            call: (args) => args.inputs as Record<string, unknown>,
        },
        project,
        "demo",
        false,
    );
    const key = (k: string) => `${project}:${k}`;
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [key(k), v])), secretKeys.map(key));
    let error: string | undefined;
    const fail = (e: unknown) => (error ??= e instanceof Error ? e.message : String(e));
    process.on("unhandledRejection", fail);
    const outputs: ProgramRun["outputs"] = {};
    try {
        // A program is loaded the way the engine loads it: required by path, at run time.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(`./${program}`) as Record<string, pulumi.Output<unknown>>;
        for (const [name, output] of Object.entries(exported)) {
            // promise() is how the engine reads an Output; apply would never call back for a failed one.
            const value = await (output as unknown as { promise(): Promise<unknown> }).promise();
            outputs[name] = { value, secret: await pulumi.isSecret(output) };
        }
    } catch (e) {
        fail(e);
    }
    // Registrations that wait on other Outputs settle, or fail, before reporting: the runtime counts them as RPCs in
    // flight, and disconnecting waits for them all. A failure is reported as an unhandled rejection once the microtasks after it have run: one turn.
    await pulumi.runtime.disconnect();
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", fail);
    return { outputs, error, resources };
}
