import { signalExitCode } from "./exitCodes";

/**
 * Ends the command on SIGINT (Ctrl-C), SIGTERM or SIGHUP (its terminal closed) with the shell's status for the
 * signal (130, 143, 129), after one line on stderr: what `cleanup` says became of the output. `cleanup` runs
 * synchronously (a signal handler cannot wait for a promise), e.g. to remove a temporary file.
 *
 * @example
 * exitOnInterrupt(() => "the listing was interrupted; what was printed is incomplete");
 */
export function exitOnInterrupt(cleanup: () => string): void {
    const handler = (signal: NodeJS.Signals) => {
        process.stderr.write(`ncloud-members: ${cleanup()}\n`);
        process.exit(signalExitCode(signal));
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, handler);
}
