import * as pulumi from "@pulumi/pulumi";

/**
 * Whether any of a resource's inputs holds a secret, anywhere inside (a filter value, the company id), as an
 * Output that is itself not secret: the dynamic provider receives secrets as plain values and learns this way
 * to keep every output secret (provider/dynamic/secretInputs.ts, input `hasSecretInput`).
 */
export function secretInputFlag(inputs: Record<string, unknown>): pulumi.Output<boolean> {
    return pulumi.output(pulumi.isSecret(pulumi.output(inputs)));
}
