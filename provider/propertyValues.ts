// How Pulumi's wire format marks a secret value (sdk/nodejs/runtime/rpc.ts): an object with this signature key.
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

/** Wraps a value in Pulumi's secret envelope. */
export function secret(value: unknown): Props {
    return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** Whether a value is in the secret envelope (at its top). */
export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Props)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** A value with every secret envelope inside it opened, and whether there was one. */
export function reveal(value: unknown): { value: unknown; secret: boolean } {
    if (isSecret(value)) return { value: reveal(value.value).value, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(reveal);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        let found = false;
        const out: Props = {};
        for (const [key, item] of Object.entries(value)) {
            const opened = reveal(item);
            found ||= opened.secret;
            out[key] = opened.value;
        }
        return { value: out, secret: found };
    }
    return { value, secret: false };
}

/** The properties with their secrets opened, and the names of those that held one. */
export function revealProps(props: Props): { props: Props; secretKeys: Set<string> } {
    const out: Props = {};
    const secretKeys = new Set<string>();
    for (const [key, value] of Object.entries(props)) {
        const opened = reveal(value);
        out[key] = opened.value;
        if (opened.secret) secretKeys.add(key);
    }
    return { props: out, secretKeys };
}

/** The properties with those named wrapped as secrets again. */
export function concealProps(props: Props, secretKeys: ReadonlySet<string>): Props {
    return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, secretKeys.has(key) && value !== undefined ? secret(value) : value]));
}
