import Table from "cli-table3";

/** How a list is printed. */
export type OutputFormat = "table" | "json" | "csv";

/** Columns a person wants to see first in a table; CSV has every field. */
export const TABLE_COLUMNS = {
    organization: ["memberNo", "loginId", "memberName", "memberStatusCode", "masterMemberYn", "memberAlias"],
    mcc: ["externalKey", "name", "i18nNames.ko_KR", "emailAddr", "deptExternalKey", "jobGradeExternalKey", "jobPositionExternalKey"],
} as const;

/** Renders a list: JSON (the items as the API gives them), CSV (every field, nested ones as dotted columns) or a table. */
export function formatList(items: readonly object[], format: OutputFormat, tableColumns: readonly string[]): string {
    if (format === "json") return `${JSON.stringify(items, null, 2)}\n`;
    const rows = items.map((item) => flatten(item));
    if (format === "csv") {
        const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
        return [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ""))].map((line) => line.map(csvField).join(",")).join("\r\n") + "\r\n";
    }
    const present = tableColumns.filter((c) => rows.some((row) => row[c] !== undefined));
    const table = new Table({ head: present, style: { head: [], border: [], compact: true } });
    for (const row of rows) table.push(present.map((c) => row[c] ?? ""));
    return `${table.toString()}\n`;
}

/** `{ a: { b: 1 } }` → `{ "a.b": "1" }`; null and missing are left out. */
function flatten(item: object, prefix = "", into: Record<string, string> = {}): Record<string, string> {
    for (const [key, value] of Object.entries(item)) {
        const name = prefix ? `${prefix}.${key}` : key;
        if (value === null || value === undefined) continue;
        if (typeof value === "object" && !Array.isArray(value)) flatten(value as object, name, into);
        else into[name] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return into;
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
function csvField(text: string): string {
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
