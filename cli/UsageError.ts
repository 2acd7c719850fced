/** A command line that cannot be run: the CLI prints it and exits 2. */
export class UsageError extends Error {
    override name = "UsageError";
}
