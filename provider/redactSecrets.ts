import { normalForm } from "./normalForm";

/**
 * The texts a secret value could show as in a message: every string, number and boolean inside it (in arrays and
 * objects), as written, however short; an empty string shows as nothing and is left out. A group number `42` is `"42"`; a
 * filter value `"dba-lead"` is itself. {@link redact} decides how each is matched.
 */
export function secretTexts(value: unknown): string[] {
    if (typeof value === "string") return value.length > 0 ? [value] : [];
    if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return [String(value)];
    if (Array.isArray(value)) return value.flatMap(secretTexts);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(secretTexts);
    return [];
}

// What continues a token: a letter, a digit, or a combining mark, so that a short secret `e` is not taken out of a
// decomposed é (e and U+0301) and leaves a lone accent behind.
const TOKEN_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * `text` with every one of `secrets` replaced by `[secret]`. Each secret is looked for in the form given and in its
 * Unicode NFC and NFD forms, since the package compares (and so may quote) text in NFC whatever form it was given in,
 * and each of those escaped as `JSON.stringify` writes it inside quotes (a newline as `\n`, `"` as `\"`), as
 * messages quote a rejected value.
 *
 * A secret of 3 characters or more (counted in NFC) is found anywhere, inside longer words too. A shorter one is
 * found only as a whole token: where its first character is a letter, digit or combining mark, the character
 * before must not be one; likewise its last character and the one after. So a secret `42` goes from `group 42`,
 * `/group/42` and `(42)` but not from `1425`, `x42` or `attempt 4/4`, and `-1` goes from `group-1` but not from
 * `group-12`. Every character any occurrence covers is hidden (overlapping secrets leave nothing between them), and
 * a `[secret]` put in is never searched again.
 */
export function redact(text: string, secrets: readonly string[]): string {
    const covered: [number, number][] = [];
    for (const secret of new Set(secrets)) {
        if (secret.length === 0) continue;
        const wholeToken = [...normalForm(secret)].length < 3;
        // As given, in each normal form, and each of those as JSON.stringify quotes it in a message (`got "321\n"`).
        const forms = [secret, secret.normalize("NFC"), secret.normalize("NFD")].flatMap((form) => [form, JSON.stringify(form).slice(1, -1)]);
        for (const form of new Set(forms)) {
            for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
                if (!wholeToken || standsAlone(text, at, form)) covered.push([at, at + form.length]);
            }
        }
    }
    if (covered.length === 0) return text;
    covered.sort((a, b) => a[0] - b[0]);
    let out = "";
    let end = 0;
    for (const [from, to] of covered) {
        if (from < end) end = Math.max(end, to);
        else {
            out += `${text.slice(end, from)}[secret]`;
            end = to;
        }
    }
    return out + text.slice(end);
}

/** Whether `form`, found in `text` at `at`, is not part of a longer run of letters, digits and combining marks. */
function standsAlone(text: string, at: number, form: string): boolean {
    const first = String.fromCodePoint(form.codePointAt(0)!);
    const last = [...form].at(-1)!;
    const before = at === 0 ? "" : ([...text.slice(Math.max(0, at - 2), at)].at(-1) ?? "");
    const afterCode = text.codePointAt(at + form.length);
    const after = afterCode === undefined ? "" : String.fromCodePoint(afterCode);
    const continues = (a: string, b: string) => TOKEN_CHARACTER.test(a) && TOKEN_CHARACTER.test(b);
    return !continues(first, before) && !continues(last, after);
}

/**
 * The error with `secrets` taken out of its message, its stack and every other text field of its own (a request's
 * `path`, NCP's `details`, an argument's `problem`), and so of its `cause`s: Pulumi prints an uncaught error with
 * `util.inspect`, which shows them all, as `toJSON` does. `code` and `name` stay, constants a program branches on.
 * For an error that is shown where a secret input must not be (a check failure, an error the engine prints). The
 * same object, so its class and code stay.
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
    if (secrets.length === 0 || !(error instanceof Error)) return error;
    const seen = new Set<Error>();
    for (let at: unknown = error; at instanceof Error && !seen.has(at); at = at.cause) {
        seen.add(at);
        for (const key of new Set(["message", "stack", ...Object.keys(at)])) {
            if (key !== "code" && key !== "name") redactField(at, key, secrets);
        }
    }
    return error;
}

/** Replaces a text field of `target` with its redacted form, where the field can be replaced at all. */
function redactField(target: object, key: string, secrets: readonly string[]): void {
    const field = Object.getOwnPropertyDescriptor(target, key);
    const value: unknown = field === undefined ? undefined : "value" in field ? field.value : (target as Record<string, unknown>)[key];
    if (field === undefined || typeof value !== "string") return;
    const redacted = redact(value, secrets);
    if (redacted === value) return;
    if (field.configurable) Object.defineProperty(target, key, { value: redacted, writable: true });
    else if (field.writable) Object.defineProperty(target, key, { value: redacted });
}
