import { randomBytes } from "node:crypto";
import { unlinkSync, type WriteStream } from "node:fs";
import { open, readlink, realpath, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { terminalSafe } from "./terminalSafe";
import { UsageError } from "./UsageError";

/** A file that a listing is written to (`--output-file`): it appears whole, or not at all. */
export interface OutputFile {
    /** Where the listing is written: a temporary file beside the output file. */
    readonly stream: WriteStream;
    /** Flushes the temporary file to disk and renames it over the output file. */
    commit(): Promise<void>;
    /** Removes the temporary file, unless it was committed; the output file keeps what it had. */
    discard(): Promise<void>;
    /**
     * {@link discard}, synchronously, for a signal handler, which cannot wait: removes the temporary file (still
     * open: the process is about to exit) and says, in a sentence, what became of the output file.
     */
    discardNow(): string;
    /** The error to report for `error`: a failed write (a full disk) is told in the words of the setting. */
    failure(error: unknown): unknown;
}

/**
 * Opens a temporary file beside `path` (in the same folder, so the rename is atomic): `path.<random>.tmp`, with
 * `path`'s permissions if it exists. `label` names the setting in errors (`--output-file`, or Terraform's query key
 * `output_file`). A folder that does not exist or cannot be written is a usage error, found before any request.
 *
 * A rename cannot be interrupted halfway, so a reader of `path` sees its old content or the whole listing,
 * never part of one; a listing that fails, or is interrupted, leaves `path` as it was and no temporary file.
 *
 * @example
 * const file = await openOutputFile("members.csv", "--output-file");
 * try {
 *     await writeText(file.stream, csv);
 *     await file.commit();
 * } finally {
 *     await file.discard();
 * }
 */
export async function openOutputFile(path: string, label: string): Promise<OutputFile> {
    const shown = terminalSafe(path);
    // Through a symbolic link to the file it names, as write-file-atomic does: the link stays, its target is replaced.
    const target = await linkTarget(path);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw new UsageError(`${label} ${shown}: is a folder; give the name of a file`);
    const temporary = join(dirname(target), `${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
    let handle: FileHandle | undefined;
    try {
        handle = await open(temporary, "wx", 0o666);
        // open() applies the umask; an existing file's permissions (0600 for personal data, say) are kept exactly.
        if (existing !== undefined) await handle.chmod(existing.mode & 0o777);
    } catch (error) {
        if (handle !== undefined) {
            await handle.close();
            await unlink(temporary).catch(() => undefined);
        }
        throw new UsageError(`${label} ${shown}: cannot create a file in ${terminalSafe(dirname(path))} (${reason(error)})`);
    }
    // flush: fsync before the file is closed, so what is renamed over `path` is on the disk, not only in a cache.
    const stream = handle.createWriteStream({ encoding: "utf8", flush: true });
    // A failed write (a full disk) is in stream.errored, which the writers and commit() check.
    stream.on("error", () => undefined);
    let state: "open" | "committed" | "discarded" = "open";
    // A write or the rename failed: told in the words of the setting, PATH untouched.
    const notWritten = (error: unknown) => new Error(`${label} ${shown}: could not be written (${reason(error)}); ${shown} was not changed`, { cause: error });
    return {
        stream,
        async commit() {
            try {
                stream.end();
                await finished(stream);
                await rename(temporary, target);
            } catch (error) {
                throw notWritten(error);
            }
            state = "committed";
        },
        async discard() {
            if (state !== "open") return;
            state = "discarded";
            stream.destroy();
            await finished(stream).catch(() => undefined);
            await unlink(temporary).catch(() => undefined);
        },
        discardNow() {
            let written = state === "committed";
            if (state === "open") {
                try {
                    unlinkSync(temporary);
                } catch (error) {
                    // Gone while still open: the rename was done, its promise not yet settled.
                    written = (error as NodeJS.ErrnoException).code === "ENOENT";
                }
            }
            state = "discarded";
            return written ? `interrupted after the listing was written to ${shown}` : `the listing was interrupted; nothing was written to ${shown}`;
        },
        failure(error) {
            return error === stream.errored ? notWritten(error) : error;
        },
    };
}

/** The file `path` names: through symbolic links, to a target that may not exist yet (a dangling link is followed too). */
async function linkTarget(path: string): Promise<string> {
    try {
        return await realpath(path);
    } catch {
        // Not there: a dangling link names its target all the same; anything else is `path` itself.
        return readlink(path).then(
            (link) => resolve(dirname(path), link),
            () => path,
        );
    }
}

function reason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    const known: Record<string, string> = {
        ENOENT: "no such folder",
        ENOTDIR: "no such folder",
        EACCES: "permission denied",
        EPERM: "permission denied",
        EROFS: "read-only file system",
        ENOSPC: "no space left on the device",
        EDQUOT: "disk quota exceeded",
    };
    return (code !== undefined ? known[code] : undefined) ?? terminalSafe(error instanceof Error ? error.message : String(error));
}
