/**
 * The base of every error this package throws. `code` is stable and safe to branch on;
 * `message` is for people. No error ever carries a secret key, a signature or request headers.
 */
export abstract class NcloudError extends Error {
    /** A stable identifier of the kind of failure, e.g. `NCLOUD_API_ERROR`. */
    abstract readonly code: string;

    protected constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = new.target.name;
    }

    /** What `JSON.stringify` shows: the public fields, never the cause's internals. */
    toJSON(): Record<string, unknown> {
        const fields: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
        for (const [key, value] of Object.entries(this)) {
            if (key !== "cause") fields[key] = value;
        }
        return fields;
    }
}
