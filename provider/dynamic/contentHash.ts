import { createHash } from "node:crypto";

/**
 * A SHA-256 of a list's content and of the other outputs read with it (`extra`, e.g. MCC's `total`),
 * independent of the order of the items and of the keys within each item, so that one stored string tells
 * whether anyone joined, left or changed, without comparing whole lists in state. A gateway that returns the
 * same members in another order changes nothing.
 *
 * @returns `sha256:<64 hex digits>`
 */
export function contentHash(list: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}): string {
    return hashOf(list.map(canonicalJson).sort(), extra);
}

/**
 * Whether `stored`, a `contentHash` kept in state, still describes the list read now. Version 0.1.0 hashed the
 * items in the server's order; such a hash still matches while that order holds, so upgrading shows no change.
 */
export function sameContent(stored: unknown, list: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}): boolean {
    const items = list.map(canonicalJson);
    // The 0.1.0 form (the server's order) first, then today's: the items sorted, in place.
    return stored === hashOf(items, extra) || stored === hashOf(items.sort(), extra);
}

function hashOf(items: readonly string[], extra: Readonly<Record<string, unknown>>): string {
    const hash = createHash("sha256");
    for (const item of items) hash.update(item).update("\n");
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
