import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";

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
}

const dataSchema = z.object({
    credentials: z.array(z.object({ accessKey: z.string().min(1), secretKey: z.string().min(1) })).min(1),
    organizationGroups: z.record(z.string().regex(/^\d+$/), z.array(z.record(z.string(), z.unknown()))),
    mccCompanies: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    mccMaxLimit: z.int().positive().optional(),
});

/** Reads and checks a data file. */
export function loadEmulatorData(path: string): EmulatorData {
    const parsed = dataSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success) {
        const first = parsed.error.issues[0]!;
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
