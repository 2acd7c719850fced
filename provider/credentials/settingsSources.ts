import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse as parseIni } from "ini";

/** One setting as a source holds it: its value and the name it goes by there, for messages. */
export interface Setting {
    readonly value: string;
    /** e.g. `NCLOUD_ACCESS_KEY` or `ncloud-members:accessKey`. */
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

/**
 * How much of the stack's config a reader sees: `stack`, all of it (a program, and the dynamic provider, which the
 * engine gives the whole stack config); `package`, this package's `ncloud-members:` namespace only (the provider
 * plugin: the engine gives a plugin its own namespace alone, so `ncloud:` keys never reach it).
 */
export type ConfigScope = "stack" | "package";

/**
 * The problem with a key of this package's config namespace that names no setting (`ncloud-members:organisationEndpoint`),
 * or undefined for a setting's key: a mistyped key would be dropped, and the setting looked for elsewhere (the
 * environment, or NCP's public host for an endpoint).
 */
export function unknownConfigKeyProblem(key: string): string | undefined {
    const name = key.slice(key.indexOf(":") + 1);
    if (CONNECTION_SETTINGS.includes(name as Key)) return undefined;
    return `is not a setting of ncloud-members; use ${CONNECTION_SETTINGS.map(configKey).join(", ")}`;
}

/** This package's own config key of a setting: `ncloud-members:accessKey`. */
export function configKey(key: Key): string {
    return `ncloud-members:${key}`;
}

// ncloud:accessKey, ncloud:secretKey and ncloud:site are NCP's Terraform provider's names: a stack that also uses the
// bridged ncloud provider shares them, so they are read after this package's own keys.
const SHARED_CONFIG_KEYS: readonly Key[] = ["accessKey", "secretKey", "site"];
// The endpoints' names before they moved to this package's namespace, where a bridged ncloud provider cannot reject
// them as keys it does not know (pulumi-terraform-bridge#2582): still read, with a warning.
const DEPRECATED_CONFIG_KEYS: readonly Key[] = ["organizationEndpoint", "mccEndpoint"];

/**
 * The config keys a setting is read from, first found wins: `ncloud-members:<key>`, then, where the whole stack
 * config is seen, `ncloud:<key>` (for the key pair and the site; for the endpoints, as a deprecated name).
 */
export function configKeys(key: Key, scope: ConfigScope = "stack"): readonly string[] {
    const fallback = scope === "stack" && (SHARED_CONFIG_KEYS.includes(key) || DEPRECATED_CONFIG_KEYS.includes(key));
    return fallback ? [configKey(key), `ncloud:${key}`] : [configKey(key)];
}

const warned = new Set<string>();

/** Forgets which config warnings were given (tests reset process-wide state between files). */
export function resetConfigWarnings(): void {
    warned.clear();
}

/**
 * Pulumi config, read through `get` (the program's `runtime.getConfig`, or the provider's configure request), each
 * setting from the first of its {@link configKeys} that is set. The key pair comes whole from the first namespace
 * holding either key, never one key from each (a half pair there is an error, as in any source). A value in
 * `ncloud:` that differs from the one used, or a deprecated name, is reported once through `warn`, never a value of
 * the key pair.
 */
export function pulumiConfigSource(get: (key: string) => string | undefined, warn: (message: string) => void, scope: ConfigScope = "stack"): SettingsSource {
    const warnOnce = (message: string) => {
        if (!warned.has(message)) warn(message);
        warned.add(message);
    };
    const setting = (name: string): Setting | undefined => {
        const value = get(name)?.trim();
        return value ? { value, name } : undefined;
    };
    const settings: Partial<Record<Key, Setting>> = {};

    const secretNames = configKeys("secretKey", scope);
    const pairs = configKeys("accessKey", scope).map((name, i) => ({
        namespace: name.slice(0, name.lastIndexOf(":")),
        accessKey: setting(name),
        secretKey: setting(secretNames[i]),
    }));
    const [pair, ...later] = pairs.filter((p) => p.accessKey ?? p.secretKey);
    if (pair) {
        settings.accessKey = pair.accessKey;
        settings.secretKey = pair.secretKey;
        const differs = (a?: Setting, b?: Setting) => a !== undefined && b !== undefined && a.value !== b.value;
        const other = later.find((p) => differs(p.accessKey, pair.accessKey) || differs(p.secretKey, pair.secretKey));
        if (other && pair.accessKey && pair.secretKey) {
            warnOnce(
                `Pulumi config holds two different key pairs, ${pair.namespace}:accessKey/secretKey and ${other.namespace}:accessKey/secretKey: ` +
                    `member lists are read with the ${pair.namespace}: pair; the ${other.namespace}: pair stays the ncloud provider's`,
            );
        }
    }
    for (const key of CONNECTION_SETTINGS) {
        if (key === "accessKey" || key === "secretKey") continue;
        const [used, other] = configKeys(key, scope)
            .map(setting)
            .filter((s) => s !== undefined);
        if (!used) continue;
        settings[key] = used;
        if (DEPRECATED_CONFIG_KEYS.includes(key) && used.name !== configKey(key)) {
            warnOnce(`Pulumi config ${used.name} is deprecated: set ${configKey(key)} instead (a bridged ncloud provider rejects keys it does not know)`);
        } else if (key === "site" && other && other.value.toLowerCase() !== used.value.toLowerCase()) {
            warnOnce(
                `Pulumi config ${used.name} (${JSON.stringify(used.value)}) and ${other.name} (${JSON.stringify(other.value)}) differ: ` +
                    `member lists are read with ${used.name}; ${other.name} stays the ncloud provider's`,
            );
        }
    }
    return sourceOf("Pulumi config", settings);
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
