/**
 * The texts a secret value could show as in a message: every string and number inside it (in arrays and objects),
 * as written, 3 characters or longer (shorter ones are no secret worth the mangled message, and would match
 * everywhere). A group number `999` is `"999"`; a filter value `"dba-lead"` is itself.
 */
export function secretTexts(value: unknown): string[] {
    if (typeof value === "string") return value.length >= 3 ? [value] : [];
    if (typeof value === "number") return String(value).length >= 3 ? [String(value)] : [];
    if (Array.isArray(value)) return value.flatMap(secretTexts);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(secretTexts);
    return [];
}

/** `text` with every one of `secrets` replaced by `[secret]`, longest first (so a value inside another goes too). */
export function redact(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) out = out.split(secret).join("[secret]");
    return out;
}

/**
 * The error with `secrets` taken out of its message and stack, for an error that is shown where a secret input
 * must not be (a check failure, an error the engine prints). The same object, so its class and code stay.
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
    if (secrets.length === 0 || !(error instanceof Error)) return error;
    const message = redact(error.message, secrets);
    const stack = error.stack === undefined ? undefined : redact(error.stack, secrets);
    Object.defineProperty(error, "message", { value: message, configurable: true, writable: true });
    if (stack !== undefined) Object.defineProperty(error, "stack", { value: stack, configurable: true, writable: true });
    return error;
}
