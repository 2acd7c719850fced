import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { Fault } from "./Fault";

/** What the emulator serves: the key pairs it accepts, organization groups and MCC companies. */
export interface EmulatorData {
    /** Key pairs the emulated gateway accepts. */
    credentials: { accessKey: string; secretKey: string }[];
    /** Accounts by organization group number. */
    organizationGroups: Record<string, Record<string, unknown>[]>;
    /** Users by MCC company id, in the order the server lists them. */
    mccCompanies: Record<string, Record<string, unknown>[]>;
    /** The largest `limit` the MCC API honours; larger requests get this many. @default 100 */
    mccMaxLimit?: number;
    /** The emulated gateway's clock offset from this machine's, in milliseconds. @default 0 */
    clockOffsetMs?: number;
    /** Faults to inject (see {@link Fault}). @default none */
    faults?: Fault[];
}

const dataSchema = z.object({
    credentials: z.array(z.object({ accessKey: z.string().min(1), secretKey: z.string().min(1) })).min(1),
    organizationGroups: z.record(z.string().regex(/^\d+$/), z.array(z.record(z.string(), z.unknown()))),
    mccCompanies: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    mccMaxLimit: z.int().positive().optional(),
    clockOffsetMs: z.int().optional(),
    faults: z.array(faultSchema()).optional(),
});

/** Checks a fault from a data file or the command line. */
export function parseFault(value: unknown): Fault {
    return faultSchema().parse(value);
}

function faultSchema() {
    const common = {
        api: z.enum(["organization", "mcc", "any"]).optional(),
        skip: z.int().nonnegative().optional(),
        times: z.int().positive().optional(),
        every: z.int().positive().optional(),
    };
    return z.discriminatedUnion("kind", [
        z.object({
            ...common,
            kind: z.literal("status"),
            status: z.int().min(100).max(599),
            errorCode: z.string().optional(),
            message: z.string().optional(),
            retryAfter: z.string().optional(),
        }),
        z.object({ ...common, kind: z.literal("body"), body: z.string(), contentType: z.string().optional() }),
        z.object({
            ...common,
            kind: z.literal("raw"),
            status: z.int().min(200).max(599),
            headers: z.record(z.string(), z.string()).optional(),
            body: z.string(),
        }),
        z.object({ ...common, kind: z.literal("stall"), ms: z.int().nonnegative() }),
        z.object({ ...common, kind: z.literal("total"), total: z.number().int().nonnegative() }),
        z.object({ ...common, kind: z.literal("flood"), bytes: z.int().positive().optional() }),
        z.object({ ...common, kind: z.literal("nest"), depth: z.int().positive().max(1_000_000) }),
        ...(["reset", "truncate", "empty-page", "repeat-page", "grow"] as const).map((kind) => z.object({ ...common, kind: z.literal(kind) })),
    ]);
}

/** Reads and checks a data file. */
export function loadEmulatorData(path: string): EmulatorData {
    const parsed = dataSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new Error(`${path}: not emulator data: ${first.path.join(".") || "(top)"}: ${first.message}`);
    }
    return parsed.data;
}

/** The data set shipped with the package: a few organization groups and a company of a few hundred users. */
// Resolved through the package name so it is the same file from the TypeScript sources and from dist/.
export const DEFAULT_DATA_PATH = join(dirname(require.resolve("pulumi-ncloud-members/package.json")), "emulator", "data", "default.json");

/** The access key of the default data set; its secret is {@link DEMO_SECRET_KEY}. Only the emulator accepts them. */
export const DEMO_ACCESS_KEY = "ncm-demo-access-key";
export const DEMO_SECRET_KEY = "ncm-demo-secret-key-not-a-real-secret";
