import Table from "cli-table3";
import { flattenItem } from "./flattenItem";
import { terminalSafe } from "./terminalSafe";

/** Columns a person wants to see first in a table; CSV and JSON have every field. */
export const TABLE_COLUMNS = {
    organization: ["memberNo", "loginId", "memberName", "memberStatusCode", "masterMemberYn", "memberAlias"],
    mcc: ["externalKey", "name", "i18nNames.ko_KR", "emailAddr", "deptExternalKey", "jobGradeExternalKey", "jobPositionExternalKey"],
} as const;

/** A table of the columns some item has, in `columns`' order. */
export function formatTable(items: readonly object[], columns: readonly string[]): string {
    const rows = items.map((item) => flattenItem(item));
    const present = columns.filter((c) => rows.some((row) => row[c] !== undefined));
    const table = new Table({ head: present, style: { head: [], border: [], compact: true } });
    for (const row of rows) table.push(present.map((c) => terminalSafe(row[c] ?? "")));
    return `${table.toString()}\n`;
}
