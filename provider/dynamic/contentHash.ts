import { createHash } from "node:crypto";

/**
 * A SHA-256 of a list's content and of the other outputs read with it (`extra`, e.g. MCC's `total`),
 * independent of the order of keys within each item, so that one stored string tells whether anything read
 * from the remote side changed, without comparing whole lists in state.
 */
export function contentHash(list: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}): string {
    const hash = createHash("sha256");
    for (const item of list) hash.update(canonicalJson(item)).update("\n");
    if (Object.keys(extra).length > 0) hash.update(canonicalJson(extra));
    return `sha256:${hash.digest("hex")}`;
}

function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (typeof value === "object" && value !== null) {
        const keys = Object.keys(value)
            .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
            .sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}
