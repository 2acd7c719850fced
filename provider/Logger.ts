/** Where the client tells what it does. Messages never hold a secret key, a signature or headers. */
export interface Logger {
    /** One line per request attempt: method, path, status, attempt, wait, trace id. */
    debug(message: string): void;
    /** Something the user should fix, e.g. a clock that is off. */
    warn(message: string): void;
}

/** `NCLOUD_DEBUG=1` (or `true`) turns debug lines on. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    return /^(1|true|yes)$/i.test(env.NCLOUD_DEBUG ?? "");
}

/** Debug lines to stderr when `NCLOUD_DEBUG` is on; warnings to stderr always. */
export function stderrLogger(env: NodeJS.ProcessEnv = process.env): Logger {
    const debug = debugEnabled(env);
    return {
        debug: (message) => {
            if (debug) process.stderr.write(`[ncloud-members] ${message}\n`);
        },
        warn: (message) => process.stderr.write(`[ncloud-members] warning: ${message}\n`),
    };
}
