import type { z } from "zod";
import { ResponseValidationError } from "../errors/ResponseValidationError";
import { quickCheck } from "./quickCheck";

/** The deepest nesting a body may have: the APIs' own shapes are 4 deep; a deeper one breaks recursive code later. */
export const MAX_BODY_DEPTH = 64;

/**
 * Validates a parsed body against an API's schema and returns the body itself; a mismatch is a
 * {@link ResponseValidationError} naming each field path (`users[3].externalKey`), prefixed with `root`.
 *
 * The schemas transform nothing, so the body is returned as parsed rather than zod's copy: fields the API
 * adds later stay exactly as they came. Those kept fields are why the depth is checked here: they are passed
 * on to code that walks them recursively. A body {@link quickCheck} accepts is not parsed by zod at all (no
 * copy of every item); zod parses the others, and its issues make the error.
 */
export function parseBody<S extends z.ZodType>(
    schema: S,
    body: unknown,
    context: { method: string; path: string; traceId?: string; root?: string },
): z.output<S> {
    const problem = shapeProblem(body);
    if (problem !== undefined)
        throw new ResponseValidationError(context.method, context.path, [{ path: context.root ?? "", message: problem }], context.traceId);
    if (quickCheck(schema, body)) return body as z.output<S>;
    const result = schema.safeParse(body);
    if (result.success) return body as z.output<S>;
    const issues = result.error.issues.map((issue) => ({ path: fieldPath(context.root ?? "", issue.path), message: issue.message }));
    throw new ResponseValidationError(context.method, context.path, issues, context.traceId);
}

/**
 * What no schema can say of a kept body, found in one walk of it: a nesting deeper than {@link MAX_BODY_DEPTH}, or
 * a field named `__proto__` (JSON.parse makes it an ordinary field, zod skips it unchecked, and code that copies
 * the body with assignment would take it for the object's prototype). No NCP API sends either.
 */
// Iterative, with an explicit stack (values and their depths side by side, no object per entry): a recursive walk
// would itself overflow on the bodies it is meant to catch.
function shapeProblem(body: unknown): string | undefined {
    if (typeof body !== "object" || body === null) return undefined;
    const values: object[] = [body];
    const depths: number[] = [1];
    while (values.length > 0) {
        const value = values.pop()!;
        const depth = depths.pop()!;
        if (depth > MAX_BODY_DEPTH) return `nested more than ${MAX_BODY_DEPTH} levels deep`;
        if (Array.isArray(value)) {
            for (const item of value) {
                if (typeof item === "object" && item !== null) {
                    values.push(item as object);
                    depths.push(depth + 1);
                }
            }
            continue;
        }
        for (const key in value) {
            if (key === "__proto__") return "holds a field named __proto__";
            const item = (value as Record<string, unknown>)[key];
            if (typeof item === "object" && item !== null) {
                values.push(item);
                depths.push(depth + 1);
            }
        }
    }
    return undefined;
}

function fieldPath(root: string, path: readonly PropertyKey[]): string {
    let text = root;
    for (const key of path) text += typeof key === "number" ? `[${key}]` : `${text === "" ? "" : "."}${String(key)}`;
    return text;
}
