import type { Writable } from "node:stream";
import { flattenItem } from "./flattenItem";
import { jsonTerminalSafe, terminalSafe } from "./terminalSafe";

/** Writes a list item by item, so a listing streams to stdout page by page and is never held whole. */
export interface ListWriter {
    /** Writes some items; resolves when the stream can take more. */
    write(items: readonly object[]): Promise<void>;
    /** Writes what closes the list. */
    end(): Promise<void>;
}

/** Writes text, waiting while the stream's buffer is full. */
export async function writeText(out: Writable, text: string): Promise<void> {
    // A stream that failed (a full disk under --output-file) takes nothing more: the listing stops with its error.
    if (out.errored) throw out.errored;
    if (text === "" || out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
            out.off("drain", done);
            out.off("error", done);
            if (error) reject(error);
            else resolve();
        };
        out.on("drain", done);
        out.on("error", done);
    });
}

/**
 * A JSON array, byte for byte as `JSON.stringify(items, null, 2)` writes it. A listing that fails midway leaves
 * the array unclosed, so no JSON parser takes a partial list for a whole one.
 */
export function jsonListWriter(out: Writable): ListWriter {
    let count = 0;
    return {
        async write(items) {
            let text = "";
            for (const item of items) text += `${count++ === 0 ? "[" : ","}\n  ${JSON.stringify(item, null, 2).replace(/\n/g, "\n  ")}`;
            await writeText(out, jsonTerminalSafe(text));
        },
        end: () => writeText(out, count === 0 ? "[]\n" : "\n]\n"),
    };
}

/** How CSV cells are written. */
export interface CsvOptions {
    /** Write cells as they are, formulas included (`--csv-raw`). @default false */
    readonly raw?: boolean;
    /** Escape control characters, for a terminal. @default false */
    readonly terminal?: boolean;
    /** Write a UTF-8 byte order mark before the header (`--bom`), which Excel needs to read UTF-8. @default false */
    readonly bom?: boolean;
}

/**
 * CSV (RFC 4180, CRLF) with one column per field, nested fields as dotted columns (`i18nNames.ko_KR`). The header
 * is written first, so its columns are fixed before the rows arrive: the documented fields (`name.*` for an object's
 * fields), then those `sample` (the first page) has besides. A field first seen later is not in any column: `onUnplacedField` is told its name
 * once. Cells that a spreadsheet would run as a formula are neutralised unless `raw`.
 */
export function csvListWriter(
    out: Writable,
    documented: readonly string[],
    sample: readonly object[],
    onUnplacedField: (field: string) => void,
    options: CsvOptions = {},
): ListWriter {
    const cell = (text: string) => {
        const safe = options.raw ? text : spreadsheetSafe(text);
        return options.terminal ? terminalSafe(safe) : safe;
    };
    const columns = csvColumns(
        documented,
        sample.map((item) => flattenItem(item)),
    );
    const known = new Set(columns);
    const told = new Set<string>();
    let headerWritten = false;
    const header = () => {
        if (headerWritten) return "";
        headerWritten = true;
        return `${options.bom ? "\ufeff" : ""}${csvLine(columns.map(cell))}`;
    };
    return {
        async write(items) {
            let text = header();
            for (const item of items) {
                const row = flattenItem(item);
                for (const field of Object.keys(row)) {
                    if (!known.has(field) && !told.has(field)) {
                        told.add(field);
                        onUnplacedField(field);
                    }
                }
                text += csvLine(columns.map((c) => cell(row[c] ?? "")));
            }
            await writeText(out, text);
        },
        end: () => writeText(out, header()),
    };
}

// A documented object field, written `i18nNames.*`, becomes the dotted columns the sample has of it.
function csvColumns(documented: readonly string[], sample: readonly Record<string, string>[]): string[] {
    const seen = [...new Set(sample.flatMap((row) => Object.keys(row)))];
    const columns: string[] = [];
    for (const field of documented) {
        if (field.endsWith(".*")) columns.push(...seen.filter((name) => name.startsWith(field.slice(0, -1))));
        else columns.push(field);
    }
    for (const name of seen) if (!columns.includes(name)) columns.push(name);
    return columns;
}

// OWASP's CSV injection rule: a cell a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
// before one) gets a leading apostrophe, which the spreadsheet shows as text. Members choose their own names.
// A number (-12.5) or a phone number (+82 10-1234-5678) is data, not a formula: made only of digits, spaces and
// - . ( ), it can neither call a function nor name a cell, so it is kept as it is.
function spreadsheetSafe(text: string): string {
    return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) && !PHONE_NUMBER.test(text) ? `'${text}` : text;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// E.164 and the usual ways of writing it: +821012345678, +82 10-1234-5678, +1 (555) 123-4567.
const PHONE_NUMBER = /^\+?(?:\(\d+\)|\d)[\d ().-]*\d$/;

// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
function csvLine(fields: readonly string[]): string {
    return `${fields.map((text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)).join(",")}\r\n`;
}
