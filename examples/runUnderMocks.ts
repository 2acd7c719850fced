// Runs an example program as the Pulumi engine would load it, but in this process under Pulumi's mocks: no
// CLI, no engine. Used by `npm run demo` and by the tests of the examples.
import * as pulumi from "@pulumi/pulumi";

/** What a program did: its stack outputs (value and whether secret), its error, the resources it registered. */
export interface ProgramRun {
    readonly outputs: Record<string, { readonly value: unknown; readonly secret: boolean }>;
    readonly error?: string;
    /** `type::name` of each resource whose registration reached the (mock) engine. */
    readonly resources: string[];
}

/**
 * Loads `examples/<program>` as project `project` with the given config (secret keys listed) and waits for its
 * outputs. A rejection nobody handles (a failed gate a resource waits on) is the program's error, as Pulumi's
 * runtime reports it. A program is loaded once per process.
 */
export async function runUnderMocks(program: string, project: string, config: Record<string, string>, secretKeys: string[] = []): Promise<ProgramRun> {
    const resources: string[] = [];
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            resources.push(`${args.type}::${args.name}`);
            return { id: `${args.name}-id`, state: { ...args.inputs, accounts: [], accountCount: 0, users: [], userCount: 0 } };
        },
        call: (args) => args.inputs,
    }, project, "demo", false);
    const key = (k: string) => `${project}:${k}`;
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [key(k), v])), secretKeys.map(key));
    let error: string | undefined;
    const fail = (e: unknown) => (error ??= e instanceof Error ? e.message : String(e));
    process.on("unhandledRejection", fail);
    const outputs: ProgramRun["outputs"] = {};
    try {
        const exported = require(`./${program}`) as Record<string, pulumi.Output<unknown>>;
        for (const [name, output] of Object.entries(exported)) {
            // promise() is how the engine reads an Output; apply would never call back for a failed one.
            const value = await (output as unknown as { promise(): Promise<unknown> }).promise();
            outputs[name] = { value, secret: await pulumi.isSecret(output) };
        }
    } catch (e) {
        fail(e);
    }
    // Let registrations that wait on other Outputs settle, or fail, before reporting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.off("unhandledRejection", fail);
    return { outputs, error, resources };
}
