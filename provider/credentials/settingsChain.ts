import type { NcloudApi } from "./sites";
import {
    CALL_OPTION_NAMES,
    configKey,
    configKeys,
    configureFileSource,
    environmentSource,
    optionsSource,
    pulumiConfigSource,
    type ConfigScope,
    type ConnectionOptions,
    type OptionNames,
    type SettingsSource,
} from "./settingsSources";

/** One place settings are looked for, loaded only when needed, and how a user puts settings there (for messages). */
export interface SourceLoader {
    /** How to give the key pair here, e.g. `the environment variables NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY`; absent where keys cannot go. */
    readonly credentialsHint?: string;
    /** The setting that overrides each API's endpoint here, e.g. `NCLOUD_MCC_ENDPOINT`. */
    readonly endpointHint?: Readonly<Record<NcloudApi, string>>;
    /** `needCredentials` is false once an earlier source gave the key pair: a source with nothing else (a file) is then not read. */
    load(needCredentials: boolean): SettingsSource;
}

/** Where a read's settings come from, in the words of the interface the user is in. */
export interface SettingsChainInput {
    /** Settings given directly: a call's options, or command-line flags. */
    readonly options?: ConnectionOptions;
    /** What the options are called there. @default the library's call options (`options.accessKey`, …) */
    readonly optionNames?: OptionNames;
    /** Pulumi config, through the program's `runtime.getConfig` or the provider's `configure` request. */
    readonly config?: (key: string) => string | undefined;
    /** How much of the stack's config `config` sees, hence which keys are read and named. @default "stack" */
    readonly configScope?: ConfigScope;
    /** Where a deprecated config key, or a config value overridden by another, is reported. */
    readonly warn?: (message: string) => void;
}

/**
 * Where settings are looked for, first found wins: the options, Pulumi config, the environment, `~/.ncloud/configure`.
 * Callers without options or config (the command line has no Pulumi config) leave them out.
 */
export function settingsChain(input: SettingsChainInput = {}): SourceLoader[] {
    const {
        options,
        optionNames = CALL_OPTION_NAMES,
        config,
        configScope = "stack",
        warn = (message: string) => process.stderr.write(`[ncloud-members] warning: ${message}\n`),
    } = input;
    const loaders: SourceLoader[] = [];
    if (options) {
        const library = optionNames === CALL_OPTION_NAMES;
        loaders.push({
            credentialsHint: optionNames.accessKey ? `the call's options { accessKey, secretKey }` : undefined,
            endpointHint:
                optionNames.organizationEndpoint && optionNames.mccEndpoint
                    ? { organization: optionNames.organizationEndpoint, mcc: optionNames.mccEndpoint }
                    : undefined,
            load: () => optionsSource(options, optionNames, library ? "the call's options" : "the command line"),
        });
    }
    if (config) {
        const secretKeys = configKeys("secretKey", configScope);
        const pairs = configKeys("accessKey", configScope).map((accessKey, i) => `${accessKey} and ${secretKeys[i]}`);
        loaders.push({
            credentialsHint: `Pulumi config ${pairs.join(", or else ")} (pulumi config set --secret ${configKey("secretKey")} ...)`,
            endpointHint: { organization: configKey("organizationEndpoint"), mcc: configKey("mccEndpoint") },
            load: () => pulumiConfigSource(config, warn, configScope),
        });
    }
    loaders.push(
        {
            credentialsHint: "the environment variables NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY (or NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY)",
            endpointHint: { organization: "NCLOUD_ORGANIZATION_ENDPOINT", mcc: "NCLOUD_MCC_ENDPOINT" },
            load: () => environmentSource(),
        },
        {
            credentialsHint: "the file ~/.ncloud/configure (ncloud_access_key_id, ncloud_secret_access_key)",
            load: (needCredentials) => configureFileSource(needCredentials),
        },
    );
    return loaders;
}
