import type { z } from "zod";
import { ResponseValidationError } from "../errors/ResponseValidationError";

/**
 * Validates a parsed body against an API's schema and returns the body itself; a mismatch is a
 * {@link ResponseValidationError} naming each field path (`users[3].externalKey`), prefixed with `root`.
 *
 * The schemas transform nothing, so the body is returned as parsed rather than zod's copy: fields the API
 * adds later stay exactly as they came, and no copy is made of every item (zod's stripping `z.object` is
 * its compiled fast path, about twice as fast as a catch-all object that copies unknown keys).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, context: { method: string; path: string; traceId?: string; root?: string }): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return body as z.output<S>;
    const issues = result.error.issues.map((issue) => ({ path: fieldPath(context.root ?? "", issue.path), message: issue.message }));
    throw new ResponseValidationError(context.method, context.path, issues, context.traceId);
}

function fieldPath(root: string, path: readonly PropertyKey[]): string {
    let text = root;
    for (const key of path) text += typeof key === "number" ? `[${key}]` : `${text === "" ? "" : "."}${String(key)}`;
    return text;
}
