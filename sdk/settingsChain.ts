import * as pulumi from "@pulumi/pulumi";
import {
    configureFileSource,
    environmentSource,
    optionsSource,
    sourceOf,
    type ConnectionOptions,
    type SettingsSource,
} from "../provider/credentials/settingsSources";

/**
 * Pulumi config in the `ncloud` namespace. Read raw with `runtime.getConfig`, so a secret
 * `ncloud:secretKey` is used for signing without taint: the lists it fetches are not made secret by it.
 * Outside a Pulumi program there is no config and this source is empty.
 */
export function pulumiConfigSource(): SettingsSource {
    const entry = (key: string) => ({ value: pulumi.runtime.getConfig(`ncloud:${key}`), name: `ncloud:${key}` });
    return sourceOf("Pulumi config", {
        accessKey: entry("accessKey"),
        secretKey: entry("secretKey"),
        site: entry("site"),
        organizationEndpoint: entry("organizationEndpoint"),
        mccEndpoint: entry("mccEndpoint"),
    });
}

/** Where a call looks for its settings, first found wins: its options, Pulumi config, the environment, `~/.ncloud/configure`. */
export function settingsChain(options: ConnectionOptions | undefined): (() => SettingsSource)[] {
    return [() => optionsSource(options), pulumiConfigSource, () => environmentSource(), () => configureFileSource()];
}
