import { UsageError } from "./UsageError";

/**
 * Parses `--fields a,b` (or Terraform's `fields` query key): the fields to keep of each item, each a documented
 * field of the list or a dotted nested one (`i18nNames.ko_KR`). An unknown name is an error rather than an empty
 * column.
 */
export function parseFields(label: string, text: string, isField: (name: string) => boolean, help: string): string[] {
    const fields = text.split(",").map((f) => f.trim());
    for (const field of fields) {
        if (field === "") throw new UsageError(`${label}: a field name is empty`);
        if (!isField(field)) throw new UsageError(`${label}: ${JSON.stringify(field)} is not a field of this list; use ${help}`);
    }
    return fields;
}

/** Each item with only the fields asked for (dotted names reach into nested objects), in the items' own shape. */
export function pickFields(items: readonly object[], fields: readonly string[] | undefined): object[] {
    if (fields === undefined) return [...items];
    return items.map((item) => {
        const picked: Record<string, unknown> = {};
        for (const field of fields) {
            const [head, ...rest] = field.split(".") as [string, ...string[]];
            const value = (item as Record<string, unknown>)[head];
            if (value === undefined) continue;
            if (rest.length === 0) picked[head] = value;
            else if (typeof value === "object" && value !== null && Object.hasOwn(value, rest.join("."))) {
                picked[head] = { ...(picked[head] as object | undefined), [rest.join(".")]: (value as Record<string, unknown>)[rest.join(".")] };
            }
        }
        return picked;
    });
}
