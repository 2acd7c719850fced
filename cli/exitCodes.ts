import { constants } from "node:os";
import { NcloudApiError } from "../provider/errors/NcloudApiError";
import { NcloudError } from "../provider/errors/NcloudError";
import { UsageError } from "./UsageError";

/** The command's exit statuses; docs/cli.md has the table. */
export const EXIT = {
    /** Listed (or printed what was asked: help, version). */
    ok: 0,
    /** The listing failed: the API answered an error, the network failed, or the output file could not be written. */
    failed: 1,
    /** Bad usage or bad input: flags, arguments, query keys, settings. Nothing was sent. */
    usage: 2,
    /** No key pair was found, or the API refused it (HTTP 401): fix the credentials, not the command. */
    credentials: 3,
} as const;

// The library's checks of arguments and settings are the command line's usage errors.
const USAGE_CODES = new Set(["NCLOUD_INVALID_ARGUMENT", "NCLOUD_CONFIGURATION"]);

/** The exit status for an error that ended the command. */
export function exitCodeOf(error: unknown): number {
    if (error instanceof UsageError || (error instanceof NcloudError && USAGE_CODES.has(error.code))) return EXIT.usage;
    if ((error instanceof NcloudError && error.code === "NCLOUD_MISSING_CREDENTIALS") || (error instanceof NcloudApiError && error.status === 401)) {
        return EXIT.credentials;
    }
    return EXIT.failed;
}

/** The status a shell gives a command ended by `signal`: 128 plus its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
    return 128 + constants.signals[signal];
}
