type Readers = typeof import("../provider/readMembers");

let loaded: Readers | undefined;

/**
 * The readers, loaded on the first call rather than when a program imports the package: they bring undici and
 * zod, about 110 ms of loading (bench/), which a program that only declares resources never needs in its own
 * process.
 */
export function readers(): Readers {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= require("../provider/readMembers") as Readers;
    return loaded;
}
