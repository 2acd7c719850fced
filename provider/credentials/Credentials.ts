import { inspect } from "node:util";

/**
 * An access key and its secret key. The secret is held in a private field: it does not show in
 * `JSON.stringify`, `util.inspect`, `console.log` or an error, only to the signer through {@link reveal}.
 */
export class Credentials {
    readonly accessKey: string;
    /** Where the pair was found, e.g. `environment NCLOUD_ACCESS_KEY`; for messages. */
    readonly source: string;
    readonly #secretKey: string;

    constructor(accessKey: string, secretKey: string, source: string) {
        this.accessKey = accessKey;
        this.#secretKey = secretKey;
        this.source = source;
    }

    /** The secret key, for signing only. */
    reveal(): string {
        return this.#secretKey;
    }

    toJSON(): Record<string, string> {
        return { accessKey: this.accessKey, secretKey: "[redacted]", source: this.source };
    }

    [inspect.custom](): string {
        return `Credentials { accessKey: '${this.accessKey}', secretKey: [redacted], source: '${this.source}' }`;
    }
}
