import type { Readable } from "node:stream";
import { text as readText } from "node:stream/consumers";
import type { Filter } from "../provider/filters";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { MCC_USERS_CHECKS, ORGANIZATION_ACCOUNTS_CHECKS } from "../provider/readMembers";
import { parseFilter } from "./parseFilter";
import { UsageError } from "./UsageError";
import { didYouMean } from "./didYouMean";

/** What Terraform's `external` data source passed in `query`, each value a string. */
export interface TerraformQuery {
    readonly [key: string]: string | Filter[] | undefined;
    readonly filters?: Filter[];
}

/**
 * Reads the query Terraform's `external` data source writes on stdin: one JSON object whose values are all
 * strings. `filters` is a JSON-encoded list of filters (`jsonencode([{ name = …, values = [...] }])`);
 * `filter` is one filter in the command line's `name=v1,v2` form; `output_file` is `--output-file` (the name
 * terraform-provider-ncloud's data sources give it). A key whose value is `""` or `null` is not given (what
 * Terraform sends for a variable left null, and what modules default to), nor is a blank one: it neither overrides the command
 * line's flag nor is an error (hashicorp/terraform-provider-external, `data_source.go`). stdin is decoded as
 * UTF-8 once, whole, so a character split between two reads stays one character.
 */
export async function readTerraformQuery(stdin: Readable, target: string, paged: boolean): Promise<TerraformQuery> {
    const text = await readText(stdin);
    let query: unknown;
    try {
        query = JSON.parse(text);
    } catch {
        throw new UsageError("--terraform-external: stdin must be the query as one JSON object of strings");
    }
    if (typeof query !== "object" || query === null || Array.isArray(query) || !Object.values(query).every((v) => typeof v === "string" || v === null)) {
        throw new UsageError("--terraform-external: the query must be a JSON object whose values are all strings");
    }
    const known = [target, "filters", "filter", "fields", "site", "endpoint", ...(paged ? ["page_size"] : []), "output_file"];
    const unknown = Object.keys(query).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
        const meant = unknown.map((key) => didYouMean(key, known)).filter((k) => k !== undefined);
        const hint = meant.length > 0 ? ` (did you mean ${meant.join(", ")}?)` : "";
        throw new UsageError(`--terraform-external: unknown query key(s) ${unknown.join(", ")}${hint}; use ${known.join(", ")}`);
    }
    // Blank too (" "): the settings take a blank value for no value, so it would drop the flag and be dropped itself.
    const given = Object.fromEntries(
        Object.entries(query as Record<string, string | null>).filter((entry): entry is [string, string] => entry[1] !== null && entry[1].trim() !== ""),
    );
    const { filters, filter, ...rest } = given;
    let parsed: Filter[] | undefined;
    if (filters !== undefined) {
        try {
            parsed = JSON.parse(filters) as Filter[];
        } catch {
            throw new UsageError(
                '--terraform-external: query key filters must be a JSON-encoded list, e.g. jsonencode([{ name = "deptExternalKey", values = ["dept01"] }])',
            );
        }
    }
    if (parsed !== undefined) checkFilters("filters", parsed, paged);
    if (filter !== undefined) parsed = [...(parsed ?? []), checkFilters("filter", [parseFilter(filter, "--terraform-external: query key filter")], paged)[0]];
    return { ...rest, filters: parsed };
}

/** The filters as the read will check them, any fault told in the query's words (`query key filters: filters[0].regx …`). */
function checkFilters(key: "filters" | "filter", filters: Filter[], paged: boolean): Filter[] {
    try {
        (paged ? MCC_USERS_CHECKS : ORGANIZATION_ACCOUNTS_CHECKS).filters("", filters);
    } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
        const argument = key === "filters" ? error.argument : error.argument.replace(/^filters\[0\]\.?/, "");
        throw new UsageError(`--terraform-external: query key ${key}: ${argument === "" ? "" : `${argument} `}${error.problem}`);
    }
    return filters;
}

/** Writes the one flat JSON object of strings Terraform expects on stdout. */
export function writeTerraformResult(result: Record<string, string>): number {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
}
