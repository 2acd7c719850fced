import * as pulumi from "@pulumi/pulumi";
import { settingsChain } from "../provider/credentials/settingsChain";
import { stderrLogger, type Logger } from "../provider/Logger";
import type { ReadContext } from "../provider/readMembers";
import type { NcloudInvokeOptions } from "./NcloudInvokeOptions";

/**
 * How a function call reads: its settings come from, first found wins, its options, Pulumi config, the
 * environment, `~/.ncloud/configure`. Config is read raw with `runtime.getConfig`, so a secret
 * `ncloud:secretKey` is used for signing without making the lists it fetches secret.
 */
export function readContext(functionName: string, opts: NcloudInvokeOptions | undefined): ReadContext {
    const { accessKey, secretKey, site, organizationEndpoint, mccEndpoint, allowHttp, logger, ...settings } = opts ?? {};
    return {
        functionName,
        sources: settingsChain({
            options: { accessKey, secretKey, site, organizationEndpoint, mccEndpoint, allowHttp },
            config: (key) => pulumi.runtime.getConfig(key),
            warn: (message) => (logger ?? pulumiLogger()).warn(message),
        }),
        settings: { ...settings, logger: logger ?? pulumiLogger() },
    };
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
