import assert from "node:assert/strict";
import type { z } from "zod";
import { mccUsersPageSchema } from "../../../provider/apis/mccUsersPage";
import { organizationAccountsSchema } from "../../../provider/apis/organizationAccounts";
import { quickCheck } from "../../../provider/apis/quickCheck";
import { mccUsers, organizationAccounts } from "../../helpers/emulator";

const SCHEMAS: readonly { name: string; schema: z.ZodType; valid: () => unknown }[] = [
    {
        name: "organization accounts",
        schema: organizationAccountsSchema,
        valid: () => [...organizationAccounts(), { ...organizationAccounts()[0], memberAlias: null }],
    },
    {
        name: "an MCC users page",
        schema: mccUsersPageSchema,
        valid: () => ({
            page: { count: 7, offset: 0, limit: 100, total: 7 },
            users: [...mccUsers(6), { externalKey: "k", i18nNames: { ko_KR: null }, telNo: null }],
        }),
    },
];

// What each field is set to in turn: every JSON type, and the edges of the rules the schemas have.
const ODD_VALUES: readonly unknown[] = [null, "", "x", "😀", 0, -1, 1.5, 2 ** 53, 12, true, [], [1], {}, { a: { b: 1 } }];

/** Every body made by changing one field of `body` (or an item of it): each odd value, the field removed, a field added. */
function mutations(body: unknown): unknown[] {
    const out: unknown[] = [];
    const visit = (value: unknown, replace: (next: unknown) => unknown) => {
        if (Array.isArray(value)) {
            const items: unknown[] = value;
            items.forEach((item, i) => visit(item, (next) => replace(items.map((v, j) => (j === i ? next : v)))));
            out.push(replace([...items, 7]));
        } else if (typeof value === "object" && value !== null) {
            for (const key of Object.keys(value)) {
                const rest = { ...(value as Record<string, unknown>) };
                delete rest[key];
                out.push(replace(rest));
                visit((value as Record<string, unknown>)[key], (next) => replace({ ...value, [key]: next }));
            }
            out.push(replace({ ...value, addedByTheApi: { nested: [1, "two"] } }));
        }
        for (const odd of ODD_VALUES) out.push(replace(odd));
    };
    visit(body, (next) => next);
    return out;
}

describe("quickCheck, the compiled check taken before zod", () => {
    for (const { name, schema, valid } of SCHEMAS) {
        it(`accepts a valid body of ${name}, so zod's parse is skipped`, () => {
            assert.equal(schema.safeParse(valid()).success, true);
            assert.equal(quickCheck(schema, valid()), true);
        });

        it(`agrees with zod on every body one change away from a valid body of ${name}`, () => {
            const bodies = mutations(valid());
            const verdicts = bodies.map((body) => ({ body, zod: schema.safeParse(body).success, quick: quickCheck(schema, body) }));
            const disagreements = verdicts.filter((v) => v.zod !== v.quick);
            assert.deepEqual(
                disagreements.map((v) => ({ zod: v.zod, body: JSON.stringify(v.body).slice(0, 200) })),
                [],
            );
            // Not a vacuous agreement: both verdicts occur many times.
            assert.ok(verdicts.filter((v) => v.zod).length > 20 && verdicts.filter((v) => !v.zod).length > 100, `${bodies.length} bodies`);
        });
    }

    it("is only used on schemas whose every rule JSON Schema states the same way (no refinement, transform or max length)", () => {
        const allowedTypes = new Set(["object", "array", "string", "number", "nullable", "optional", "record"]);
        const allowedChecks = new Set(["min_length", "greater_than", "number_format"]);
        const found: string[] = [];
        const walk = (schema: z.ZodType, path: string) => {
            const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
            const type = def.type as string;
            if (!allowedTypes.has(type)) found.push(`${path}: ${type}`);
            const check = def.check as string | undefined;
            if (check !== undefined && !allowedChecks.has(check)) found.push(`${path}: check ${check}`);
            for (const check of (def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? []) {
                if (!allowedChecks.has(check._zod.def.check)) found.push(`${path}: check ${check._zod.def.check}`);
            }
            if (type === "object") for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(field, `${path}.${key}`);
            if (type === "array") walk(def.element as z.ZodType, `${path}[]`);
            if (type === "nullable" || type === "optional") walk(def.innerType as z.ZodType, path);
            if (type === "record") {
                walk(def.keyType as z.ZodType, `${path}<key>`);
                walk(def.valueType as z.ZodType, `${path}<value>`);
            }
        };
        for (const { name, schema } of SCHEMAS) walk(schema, name);
        assert.deepEqual(found, []);
    });
});
