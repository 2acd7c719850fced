import Table from "cli-table3";
import { flattenItem } from "./flattenItem";
import { terminalSafe } from "./terminalSafe";

/** Columns a person wants to see first in a table; CSV and JSON have every field. */
export const TABLE_COLUMNS = {
    organization: ["memberNo", "loginId", "memberName", "memberStatusCode", "masterMemberYn", "memberAlias"],
    mcc: ["externalKey", "name", "i18nNames.ko_KR", "emailAddr", "deptExternalKey", "jobGradeExternalKey", "jobPositionExternalKey"],
} as const;

// Narrowest a column is cut to when the terminal is too narrow for the table.
const MIN_COLUMN = 6;

/**
 * A table of the columns some item has, in `columns`' order. Given a terminal's `width`, long columns are cut
 * (with …), widest first, until the table fits; without one (not a terminal), nothing is cut.
 */
export function formatTable(items: readonly object[], columns: readonly string[], width?: number): string {
    const rows = items.map((item) => flattenItem(item));
    const present = columns.filter((c) => rows.some((row) => row[c] !== undefined));
    const cells = rows.map((row) => present.map((c) => terminalSafe(row[c] ?? "")));
    const widths = present.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]))) + 2);
    if (width !== undefined) {
        // Borders: one more than the columns.
        while (widths.reduce((a, b) => a + b, 0) + widths.length + 1 > width) {
            const widest = widths.indexOf(Math.max(...widths));
            if (widths[widest] <= MIN_COLUMN) break;
            widths[widest] -= 1;
        }
    }
    const table = new Table({ head: present, colWidths: widths, truncate: "…", style: { head: [], border: [], compact: true } });
    for (const row of cells) table.push(row);
    return `${table.toString()}\n`;
}

// Hangul, CJK and full-width forms take two columns of a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

function displayWidth(text: string): number {
    return text.length + (text.match(WIDE)?.length ?? 0);
}
