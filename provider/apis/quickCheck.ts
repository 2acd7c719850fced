import { validator } from "@exodus/schemasafe";
import { z } from "zod";

const checks = new WeakMap<z.ZodType, (body: unknown) => boolean>();

/**
 * A yes-or-don't-know check of a parsed JSON body against an API's zod schema: `true` means zod accepts the body;
 * `false` means ask zod, which is the authority and names what is wrong.
 *
 * The check is @exodus/schemasafe's validator compiled, on a schema's first use (about 15 ms, once per process),
 * from the JSON Schema zod writes for the schema's input side (`z.toJSONSchema`). It allocates nothing, where
 * zod's parse builds a copy of every item with a result object per field: on a 500-account group that copy was
 * about 40 % of the garbage a request left (225 of 570 KB) and a tenth of its CPU (docs/contributing.md).
 *
 * Only schemas whose every rule JSON Schema states the same way, or more strictly, may be checked so: types,
 * required fields, `nullish`, records, `min` lengths (JSON Schema counts code points, zod UTF-16 units, so a
 * string long enough for it is long enough for zod), integers and lower bounds. A refinement, a transform or a
 * `max` length would be dropped or counted differently; tests/provider/apis/quickCheck.test.ts fails on them.
 */
export function quickCheck(schema: z.ZodType, body: unknown): boolean {
    let check = checks.get(schema);
    if (check === undefined) {
        const compiled = validator(z.toJSONSchema(schema, { io: "input" }) as Parameters<typeof validator>[0], {
            // The body comes from JSON.parse; a field is read as zod reads it, own or not.
            isJSON: true,
            unmodifiedPrototypes: true,
        });
        check = (value) => compiled(value as Parameters<typeof compiled>[0]);
        checks.set(schema, check);
    }
    return check(body);
}
