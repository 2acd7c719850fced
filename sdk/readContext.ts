import * as pulumi from "@pulumi/pulumi";
import { CONNECTION_SETTINGS, unknownConfigKeyProblem } from "../provider/credentials/settingsSources";
import { ConfigurationError } from "../provider/errors/ConfigurationError";
import { settingsChain } from "../provider/credentials/settingsChain";
import { describeValue } from "../provider/arguments";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { redactError, secretTexts } from "../provider/redactSecrets";
import { REQUEST_SETTINGS } from "../provider/RequestSettings";
import { stderrLogger, type Logger } from "../provider/Logger";
import type { ReadContext } from "../provider/readMembers";
import { invokeDependencies } from "./invokeDependencies";
import type { NcloudInvokeOptions, NcloudInvokeOutputOptions } from "./NcloudInvokeOptions";

/**
 * How a function call reads: its settings come from, first found wins, its options, Pulumi config, the
 * environment, `~/.ncloud/configure`. Config is read raw with `runtime.allConfig`, so a secret
 * `ncloud-members:secretKey` (or `ncloud:secretKey`) is used for signing without making the lists it fetches secret.
 */
export function readContext(functionName: string, opts: NcloudInvokeOptions | undefined): ReadContext {
    checkOptionKeys(functionName, opts, []);
    const { accessKey, secretKey, site, organizationEndpoint, mccEndpoint, allowHttp, logger, ...settings } = opts ?? {};
    for (const key of CONNECTION_SETTINGS) {
        const value: unknown = opts?.[key];
        // A blank setting is no setting to the sources (Pulumi config, the environment): given here, it would be dropped.
        if (typeof value === "string" && value.trim() === "") {
            throw new InvalidArgumentError(
                functionName,
                `options.${key}`,
                "is blank; leave it out to take it from Pulumi config, the environment or ~/.ncloud/configure",
            );
        }
    }
    if (logger !== undefined && (typeof logger?.debug !== "function" || typeof logger.warn !== "function")) {
        // Else it fails at its first line, a request already sent, with a TypeError.
        throw new InvalidArgumentError(
            functionName,
            "options.logger",
            `must be an object with debug(message) and warn(message) functions, got ${describeValue(logger)}`,
        );
    }
    const log = logger ?? pulumiLogger();
    return {
        functionName,
        sources: settingsChain({
            options: { accessKey, secretKey, site, organizationEndpoint, mccEndpoint, allowHttp },
            config: stackConfig(),
            warn: (message) => log.warn(message),
        }),
        settings: { ...settings, logger: log },
    };
}

/**
 * The stack's config as the program sees it, read (and parsed from the engine's environment) once per call, at its
 * first key, rather than once per key.
 */
function stackConfig(): (key: string) => string | undefined {
    let all: Record<string, string> | undefined;
    return (key) => {
        if (all === undefined) {
            all = pulumi.runtime.allConfig();
            for (const name of Object.keys(all)) {
                const problem = name.startsWith("ncloud-members:") ? unknownConfigKeyProblem(name) : undefined;
                if (problem !== undefined) throw new ConfigurationError(`Pulumi config ${name}`, problem);
            }
        }
        return Object.hasOwn(all, key) ? all[key] : undefined;
    };
}

/**
 * An option this package does not know is an `InvalidArgumentError` naming it, before any request: a
 * JavaScript caller, or options built in a variable, get no compile error for a typo, and an option must be
 * honoured or refused, never dropped. `extra` names the options the caller takes on top of NcloudInvokeOptions.
 */
function checkOptionKeys(functionName: string, opts: object | undefined, extra: readonly string[]): void {
    const known: readonly string[] = [...CONNECTION_SETTINGS, ...REQUEST_SETTINGS, ...extra];
    for (const key of Object.keys(opts ?? {})) {
        if (!known.includes(key)) {
            const hint = key === "dependsOn" && functionName.startsWith("get") ? `; dependsOn is taken by ${functionName}Output` : "";
            throw new InvalidArgumentError(functionName, `options.${key}`, `is not an option of ${functionName}${hint}; use ${known.join(", ")}`);
        }
    }
}

/**
 * The `...Output` form of a read: `args` may hold Inputs, and `opts.dependsOn` names resources it waits for
 * (a component's children, as Pulumi's own output invokes do: see invokeDependencies), so that the read starts once
 * they exist, is unknown in a preview while one is unknown, and its result depends on them. An unknown option throws
 * here, at the call.
 */
export function outputForm<A, R>(
    functionName: string,
    args: pulumi.Input<object>,
    opts: NcloudInvokeOutputOptions | undefined,
    read: (args: A, opts: NcloudInvokeOptions) => Promise<R>,
): pulumi.Output<R> {
    checkOptionKeys(functionName, opts, ["dependsOn"]);
    const { dependsOn, ...options } = opts ?? {};
    const waitFor = invokeDependencies(functionName, dependsOn);
    const given = pulumi.output(args);
    const secret = pulumi.isSecret(given);
    // With a secret argument, the error that fails the Output (and that Pulumi prints) shows no argument's value.
    return pulumi.all([given, waitFor]).apply(async ([resolved]) => {
        try {
            return await read(resolved as A, options);
        } catch (error) {
            throw (await secret) ? redactError(error, secretTexts(resolved)) : error;
        }
    });
}

/** In a Pulumi program: debug lines to the engine's log, warnings as Pulumi warnings. `NCLOUD_DEBUG=1` adds stderr. */
function pulumiLogger(): Logger {
    const stderr = stderrLogger();
    return {
        debug(message) {
            if (pulumi.runtime.hasEngine()) void pulumi.log.debug(message);
            stderr.debug(message);
        },
        warn(message) {
            if (pulumi.runtime.hasEngine()) void pulumi.log.warn(message);
            else stderr.warn(message);
        },
    };
}
