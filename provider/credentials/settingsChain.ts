import type { SourceLoader } from "./resolveConnection";
import { configureFileSource, environmentSource, optionsSource, pulumiConfigSource, type ConnectionOptions } from "./settingsSources";

/**
 * Where settings are looked for, first found wins: the call's options, Pulumi config (through `config`, the
 * program's `runtime.getConfig` or the provider's `configure` request), the environment, `~/.ncloud/configure`.
 * Callers without options or config (the command line has no Pulumi config) leave them out.
 */
export function settingsChain(options?: ConnectionOptions, config?: (key: string) => string | undefined): SourceLoader[] {
    return [
        ...(options ? [() => optionsSource(options)] : []),
        ...(config ? [() => pulumiConfigSource(config)] : []),
        () => environmentSource(),
        (needCredentials: boolean) => configureFileSource(needCredentials),
    ];
}
