import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse as parseIni } from "ini";

/** One setting as a source holds it: its value and the name it goes by there, for messages. */
export interface Setting {
    readonly value: string;
    /** e.g. `NCLOUD_ACCESS_KEY` or `ncloud:accessKey`. */
    readonly name: string;
}

/** What one place (call options, Pulumi config, environment, file) says about the connection. */
export interface SettingsSource {
    /** e.g. `the environment`; for messages. */
    readonly description: string;
    readonly accessKey?: Setting;
    readonly secretKey?: Setting;
    readonly site?: Setting;
    readonly organizationEndpoint?: Setting;
    readonly mccEndpoint?: Setting;
    readonly allowHttp?: Setting;
}

/** Connection settings given directly with a call. */
export interface ConnectionOptions {
    /** NCP access key ID. Falls back to Pulumi config, the environment, then `~/.ncloud/configure`. */
    readonly accessKey?: string;
    /** NCP secret key. Looked for in the same places as `accessKey`, and always taken from the same one. */
    readonly secretKey?: string;
    /** NCP site: `public`, `gov` or `fin`. @default "public" */
    readonly site?: string;
    /** Base URL of the Organization API (scheme, host, port); the API path is appended. @default the site's host */
    readonly organizationEndpoint?: string;
    /** Base URL of the Media Connect Center API (scheme, host, port); the API path is appended. @default the site's host */
    readonly mccEndpoint?: string;
    /**
     * Accept an `http://` endpoint on a host other than loopback. Plain HTTP sends signed headers (which NCP
     * accepts again for five minutes) and members' personal data unencrypted: it is for a local emulator or a
     * test gateway. Pulumi config `ncloud-members:allowHttp`, environment `NCLOUD_ALLOW_HTTP=1`. @default false
     */
    readonly allowHttp?: boolean;
}

type Key = keyof ConnectionOptions;
/** Every connection setting, by its option name. */
export const CONNECTION_SETTINGS: readonly Key[] = ["accessKey", "secretKey", "site", "organizationEndpoint", "mccEndpoint", "allowHttp"];

/** Builds a source from name → value pairs, leaving out blank values. */
export function sourceOf(description: string, entries: Partial<Record<Key, { value: string | undefined; name: string }>>): SettingsSource {
    const source: { -readonly [K in Key]?: Setting } = {};
    for (const key of CONNECTION_SETTINGS) {
        const entry = entries[key];
        if (entry?.value !== undefined && entry.value.trim() !== "") source[key] = { value: entry.value.trim(), name: entry.name };
    }
    return { description, ...source };
}

/** What each connection option is called where the user set it: `options.site` in the library, `--site` on the command line. */
export type OptionNames = Partial<Record<Key, string>>;

/** The names of the call options of the library. */
export const CALL_OPTION_NAMES: OptionNames = Object.fromEntries(CONNECTION_SETTINGS.map((key) => [key, `options.${key}`]));

/** Settings passed with a call, or on the command line: `names` says what each is called there (missing: not settable). */
export function optionsSource(
    options: ConnectionOptions | undefined,
    names: OptionNames = CALL_OPTION_NAMES,
    description = "the call's options",
): SettingsSource {
    const entries: Partial<Record<Key, { value: string | undefined; name: string }>> = {};
    for (const key of CONNECTION_SETTINGS) {
        const value = options?.[key];
        const name = names[key];
        if (name !== undefined) entries[key] = { value: value === undefined ? undefined : String(value), name };
    }
    return sourceOf(description, entries);
}

// ncloud:accessKey, ncloud:secretKey and ncloud:site are NCP's Terraform provider's own names, shared with it; the
// other settings are this package's alone and live in its namespace: a bridged ncloud provider in the same stack
// rejects keys of its namespace that it does not know (pulumi-terraform-bridge#2582).
const SHARED_CONFIG_KEYS: readonly Key[] = ["accessKey", "secretKey", "site"];

/** The provider plugin's config keys: all in its own package's namespace (`ncloud-members:accessKey`). */
export function pluginConfigKey(key: Key): string {
    return `ncloud-members:${key}`;
}

/** The Pulumi config key of a setting in a program: `ncloud:accessKey`, `ncloud-members:mccEndpoint`. */
export function configKey(key: Key): string {
    return SHARED_CONFIG_KEYS.includes(key) ? `ncloud:${key}` : `ncloud-members:${key}`;
}

const warnedDeprecated = new Set<string>();

/** Forgets which deprecated keys were warned about (tests reset process-wide state between files). */
export function resetDeprecationWarnings(): void {
    warnedDeprecated.clear();
}

/**
 * Pulumi config: `ncloud:accessKey`, `ncloud:secretKey`, `ncloud:site` (shared with NCP's Terraform provider), and
 * this package's own `ncloud-members:organizationEndpoint`, `ncloud-members:mccEndpoint`, `ncloud-members:allowHttp`,
 * read through `get` (the program's `runtime.getConfig`, or the dynamic provider's `configure` request). The
 * endpoints' old names `ncloud:organizationEndpoint` and `ncloud:mccEndpoint` are still read, with a warning once.
 */
export function pulumiConfigSource(
    get: (key: string) => string | undefined,
    warn: (message: string) => void,
    keyOf: (key: Key) => string = configKey,
): SettingsSource {
    const entries: Partial<Record<Key, { value: string | undefined; name: string }>> = {};
    for (const key of CONNECTION_SETTINGS) {
        const name = keyOf(key);
        let value = get(name);
        const old = `ncloud:${key}`;
        if (value === undefined && keyOf === configKey && name !== old && key !== "allowHttp") {
            value = get(old);
            if (value !== undefined) {
                if (!warnedDeprecated.has(old))
                    warn(`Pulumi config ${old} is deprecated: set ${name} instead (a bridged ncloud provider rejects keys it does not know)`);
                warnedDeprecated.add(old);
                entries[key] = { value, name: old };
                continue;
            }
        }
        entries[key] = { value, name };
    }
    return sourceOf("Pulumi config", entries);
}

/** `NCLOUD_ACCESS_KEY` / `NCLOUD_SECRET_KEY` (or the Go SDK's `NCLOUD_ACCESS_KEY_ID` / `NCLOUD_SECRET_ACCESS_KEY`), `NCLOUD_SITE`, endpoint overrides. */
export function environmentSource(env: NodeJS.ProcessEnv = process.env): SettingsSource {
    const pick = (...names: string[]) => {
        const name = names.find((n) => env[n] !== undefined && env[n].trim() !== "") ?? names[0];
        return { value: env[name], name };
    };
    const hasTerraformPair = env.NCLOUD_ACCESS_KEY?.trim() || env.NCLOUD_SECRET_KEY?.trim();
    // Keys come as a pair of one naming: mixing NCLOUD_ACCESS_KEY with NCLOUD_SECRET_ACCESS_KEY is a mistake to report.
    return sourceOf("the environment", {
        accessKey: hasTerraformPair ? pick("NCLOUD_ACCESS_KEY") : pick("NCLOUD_ACCESS_KEY_ID"),
        secretKey: hasTerraformPair ? pick("NCLOUD_SECRET_KEY") : pick("NCLOUD_SECRET_ACCESS_KEY"),
        site: pick("NCLOUD_SITE"),
        organizationEndpoint: pick("NCLOUD_ORGANIZATION_ENDPOINT"),
        mccEndpoint: pick("NCLOUD_MCC_ENDPOINT"),
        allowHttp: pick("NCLOUD_ALLOW_HTTP"),
    });
}

/** The default path of NCP's CLI and Go SDK configuration file. */
export function defaultConfigureFilePath(): string {
    return join(homedir(), ".ncloud", "configure");
}

/**
 * Keys from NCP's INI file `~/.ncloud/configure` (`ncloud_access_key_id`, `ncloud_secret_access_key`,
 * in its `[DEFAULT]` section or at the top). A missing file is an empty source; with `needCredentials`
 * false, the file holds nothing else of use and is not read.
 */
export function configureFileSource(needCredentials = true, path: string = defaultConfigureFilePath()): SettingsSource {
    if (!needCredentials) return { description: path };
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch {
        return { description: path };
    }
    const ini = parseIni(text) as Record<string, unknown>;
    const section = (typeof ini.DEFAULT === "object" && ini.DEFAULT !== null ? ini.DEFAULT : ini) as Record<string, unknown>;
    const text_ = (key: string) => (typeof section[key] === "string" ? section[key] : undefined);
    return sourceOf(path, {
        accessKey: { value: text_("ncloud_access_key_id"), name: `${path} ncloud_access_key_id` },
        secretKey: { value: text_("ncloud_secret_access_key"), name: `${path} ncloud_secret_access_key` },
    });
}
