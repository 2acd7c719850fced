import { inspect, type InspectOptions } from "node:util";

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

    /**
     * What `util.inspect` (and so `console.log`) shows: the usual form, never coloured. Node 20's coloured form
     * loops on a stack frame under `node_modules/@scope/file`, which @pulumi/pulumi's source maps put in the stack
     * of anything thrown inside `apply`; Pulumi's program runner formats every uncaught error in colour, so a
     * failed gate stalled `pulumi preview` for 30 to 60 seconds.
     */
    [inspect.custom](_depth: number, options: InspectOptions): string {
        return inspect(this, { depth: options.depth, breakLength: options.breakLength, compact: options.compact, colors: false, customInspect: false });
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
