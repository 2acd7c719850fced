import isSafeRegex from "safe-regex2";
import { checkKnownKeys, describeValue } from "./arguments";
import { InvalidArgumentError } from "./errors/InvalidArgumentError";
import { normalForm } from "./normalForm";

/**
 * A filter in the style of terraform-provider-ncloud's data sources. Filters AND together; the values of
 * one filter OR together. An item matches a value when its field, as text, equals it, or, with
 * `regex: true`, when the regular expression finds a match in it (anchor with `^…$` for a whole match). Both
 * sides are compared in Unicode NFC ({@link normalForm}), so a decomposed 홍길동 matches the composed one.
 *
 * @example
 * { name: "deptExternalKey", values: ["dept01", "dept02"] }
 * { name: "i18nNames.ko_KR", values: ["^김"], regex: true }
 */
export interface Filter {
    /** The field to test, as the API names it; dotted for a nested field (`i18nNames.ko_KR`). */
    readonly name: string;
    /** One or more values; the filter matches when any of them does. */
    readonly values: readonly string[];
    /** Treat `values` as JavaScript regular expressions. @default false */
    readonly regex?: boolean;
}

/** A checked filter, ready to test items. */
export interface CompiledFilter {
    readonly path: readonly string[];
    readonly test: (text: string) => boolean;
}

const FILTER_KEYS: readonly string[] = ["name", "values", "regex"];

/**
 * Checks filters before any request: each needs a `name` the API has, at least one value, and valid
 * regular expressions, and has no key but `name`, `values` and `regex` (a mistyped `regx` would be dropped, and
 * the values compared exactly). `isField` says which dotted names exist for this API. Each fault is an
 * `InvalidArgumentError` naming its place (`filters[0].regx`).
 */
export function compileFilters(fn: string, filters: unknown, isField: (name: string) => boolean, fieldHelp: string): CompiledFilter[] {
    if (filters === undefined) return [];
    if (!Array.isArray(filters)) throw new InvalidArgumentError(fn, "filters", `must be an array, got ${describeValue(filters)}`);
    return filters.map((filter: unknown, i): CompiledFilter => {
        const at = `filters[${i}]`;
        if (typeof filter !== "object" || filter === null) throw new InvalidArgumentError(fn, at, `must be an object, got ${describeValue(filter)}`);
        checkKnownKeys(fn, filter, FILTER_KEYS, `${at}.`, "a key of a filter");
        const { name, values, regex } = filter as Record<string, unknown>;
        if (typeof name !== "string" || name === "") throw new InvalidArgumentError(fn, `${at}.name`, "is required: the field to filter on");
        if (!isField(name)) throw new InvalidArgumentError(fn, `${at}.name`, `${JSON.stringify(name)} is not a field of this list; use one of ${fieldHelp}`);
        if (!Array.isArray(values) || values.length === 0) {
            throw new InvalidArgumentError(fn, `${at}.values`, "is required: a list of at least one value");
        }
        if (regex !== undefined && typeof regex !== "boolean")
            throw new InvalidArgumentError(fn, `${at}.regex`, `must be true or false, got ${describeValue(regex)}`);
        const texts = values.map((v: unknown, j) => {
            if (typeof v !== "string") throw new InvalidArgumentError(fn, `${at}.values[${j}]`, `must be a string, got ${describeValue(v)}`);
            return v;
        });
        return { path: name.split("."), test: regex ? regexTest(fn, at, texts) : equalsTest(texts) };
    });
}

function equalsTest(values: readonly string[]): (text: string) => boolean {
    const set = new Set(values.map(normalForm));
    return (text) => set.has(normalForm(text));
}

function regexTest(fn: string, at: string, values: readonly string[]): (text: string) => boolean {
    const patterns = values.map((v, j) => {
        let pattern: RegExp;
        try {
            pattern = new RegExp(normalForm(v));
        } catch (error) {
            throw new InvalidArgumentError(fn, `${at}.values[${j}]`, `is not a valid regular expression: ${(error as Error).message}`);
        }
        // JavaScript's regular expressions backtrack: a quantified group that itself repeats ((a+)+, (x*)*) can take
        // exponential time on a name of thirty characters, and matching cannot be interrupted by the deadline.
        if (!isSafeRegex(pattern)) {
            throw new InvalidArgumentError(
                fn,
                `${at}.values[${j}]`,
                "has a nested quantifier (a repeated group that itself repeats, like (a+)+), which can make matching take exponential time; rewrite it without one",
            );
        }
        return pattern;
    });
    return (text) => {
        const normal = normalForm(text);
        return patterns.some((p) => p.test(normal));
    };
}

/** Keeps the items that pass every filter, in their order. */
export function applyFilters<T extends object>(items: readonly T[], filters: readonly CompiledFilter[]): T[] {
    if (filters.length === 0) return [...items];
    return items.filter((item) =>
        filters.every((f) => {
            const text = fieldText(item, f.path);
            return text !== undefined && f.test(text);
        }),
    );
}

function fieldText(item: object, path: readonly string[]): string | undefined {
    let value: unknown = item;
    for (const key of path) {
        if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
        value = (value as Record<string, unknown>)[key];
    }
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
