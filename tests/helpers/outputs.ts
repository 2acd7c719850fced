import * as pulumi from "@pulumi/pulumi";

// Output's promise(), isKnown and isSecret are how the engine reads an Output; a program sees the same through
// apply and stack outputs. Reading them here avoids hanging a test on an apply that never runs.
interface OutputInternals<T> {
    promise(): Promise<T>;
    readonly isKnown: Promise<boolean>;
}

/** The value of an Output, or its error. */
export function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as OutputInternals<T>).promise();
}

export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as unknown as OutputInternals<unknown>).isKnown;
}

/** Runs the test's body as a Pulumi program under mocks: no engine, no CLI, resources are echoed. */
export function usePulumiMocks(preview: boolean): void {
    before(() =>
        pulumi.runtime.setMocks(
            {
                newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
                call: (args) => args.inputs as Record<string, unknown>,
            },
            "ncm-test",
            "dev",
            preview,
        ),
    );
}
