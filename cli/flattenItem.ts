/** `{ a: { b: 1 } }` → `{ "a.b": "1" }`: nested fields as dotted names, values as text; null and missing are left out. */
export function flattenItem(item: object, prefix = "", into: Record<string, string> = {}): Record<string, string> {
    for (const [key, value] of Object.entries(item)) {
        const name = prefix ? `${prefix}.${key}` : key;
        if (value === null || value === undefined) continue;
        if (typeof value === "object" && !Array.isArray(value)) flattenItem(value as object, name, into);
        else into[name] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return into;
}
