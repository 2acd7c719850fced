import type { z } from "zod";
import { ResponseValidationError } from "../errors/ResponseValidationError";

/**
 * Validates a parsed body against an API's schema; a mismatch is a {@link ResponseValidationError}
 * naming each field path (`users[3].externalKey`), prefixed with `root` for the body's top level.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, context: { method: string; path: string; traceId?: string; root?: string }): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ path: fieldPath(context.root ?? "", issue.path), message: issue.message }));
    throw new ResponseValidationError(context.method, context.path, issues, context.traceId);
}

function fieldPath(root: string, path: readonly PropertyKey[]): string {
    let text = root;
    for (const key of path) text += typeof key === "number" ? `[${key}]` : `${text === "" ? "" : "."}${String(key)}`;
    return text;
}
