import * as pulumi from "@pulumi/pulumi";
import {
    configureFileSource,
    environmentSource,
    optionsSource,
    pulumiConfigSource,
    type ConnectionOptions,
    type SettingsSource,
} from "../provider/credentials/settingsSources";

/**
 * Where a call looks for its settings, first found wins: its options, Pulumi config, the environment,
 * `~/.ncloud/configure`. Config is read raw with `runtime.getConfig`, so a secret `ncloud:secretKey` is
 * used for signing without making the lists it fetches secret. Outside a Pulumi program there is no config.
 */
export function settingsChain(options: ConnectionOptions | undefined): (() => SettingsSource)[] {
    return [
        () => optionsSource(options),
        () => pulumiConfigSource((key) => pulumi.runtime.getConfig(key)),
        () => environmentSource(),
        () => configureFileSource(),
    ];
}
