import type { Writable } from "node:stream";
import { settingsChain } from "../provider/credentials/settingsChain";
import { ORGANIZATION_ACCOUNT_FIELDS } from "../provider/apis/organizationAccounts";
import { isMccUserField, MCC_USER_FIELDS } from "../provider/apis/mccUsersPage";
import { applyFilters, type Filter } from "../provider/filters";
import { stderrLogger } from "../provider/Logger";
import { PACKAGE_VERSION } from "../provider/version";
import { PAGE_SIZE } from "../provider/arguments";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { iterateMccUsers, MCC_USERS_CHECKS, readMccUsers, readOrganizationAccounts, type MccUsersQuery, type ReadContext } from "../provider/readMembers";
import { formatTable, TABLE_COLUMNS } from "./formatTable";
import { exitOnInterrupt } from "./exitOnInterrupt";
import { csvListWriter, jsonListWriter, writeText, type CsvOptions, type ListWriter } from "./listWriter";
import { openOutputFile, type OutputFile } from "./openOutputFile";
import { durationFlag, integerFlag, parseFlags } from "./parseFlags";
import { parseFilter } from "./parseFilter";
import { parseFields, pickFields } from "./pickFields";
import { terminalSafe } from "./terminalSafe";
import { readTerraformQuery, writeTerraformResult } from "./terraformExternal";
import { UsageError } from "./UsageError";

/** The two list commands: what each reads and how it is called. */
export const LIST_COMMANDS = {
    "org-accounts": { api: "organization", target: "group", summary: "the accounts of an NCP organization group" },
    "mcc-users": { api: "mcc", target: "company", summary: "the members of a Media Connect Center company" },
} as const;
export type ListCommandName = keyof typeof LIST_COMMANDS;

/** How a list is printed. */
type OutputFormat = "table" | "json" | "csv";

export function listUsage(command: ListCommandName): string {
    const { target, summary } = LIST_COMMANDS[command];
    return `Usage: ncloud-members ${command} --${target} ${target === "group" ? "NUMBER" : "ID"} [options]

Lists ${summary}, complete or not at all.

Options:
  ${`--${target} ${target === "group" ? "NUMBER" : "ID"}`.padEnd(20)}${target === "group" ? "the organization group number" : "the company id (integration key)"}
  --filter F          keep items where a field equals one of the values: name=v1,v2; or matches a regular
                      expression: name~=regex (repeatable; all must match; dotted names for nested fields)${target === "company" ? "\n  --page-size N       users asked for per request, 1 to 1000 (default 100)" : ""}
  -o, --output FORMAT table, json or csv (default: table on a terminal, json when piped or to a file)
  --output-file PATH  write the listing to PATH, whole or not at all: it goes to a temporary file beside PATH,
                      renamed over PATH once complete; on a failure or Ctrl-C, PATH keeps what it had
  --bom               start the CSV with a UTF-8 byte order mark, for Excel (--output csv only)
  --site SITE         public, gov or fin (default: NCLOUD_SITE, else public)
  --endpoint URL      send the requests here instead (e.g. the emulator at http://127.0.0.1:8080)
  --timeout T         one request attempt's timeout: seconds, or 500ms, 30s, 2m (default 10s; NCLOUD_TIMEOUT_MS)
  --deadline T        the whole listing's deadline, retries included (default 120s; NCLOUD_DEADLINE_MS)
  --terraform-external
                      speak Terraform's external data source protocol: the query (${target}, filters or filter,
                      fields, ${target === "company" ? "page_size, " : ""}site, endpoint, output_file) comes as a JSON object of strings
                      on stdin
  --fields F,F        keep only these fields of each item (e.g. externalKey,emailAddr): less personal data
                      in files and in Terraform state
  --csv-raw           write CSV cells as they are; by default a cell that a spreadsheet would run as a
                      formula (starting with =, @, tab or CR, or with + or - but not a number or a phone
                      number) gets a leading '
  --allow-http        accept an http:// --endpoint on a host other than loopback (sends signed headers
                      and personal data unencrypted: for a test gateway only)
  --debug             log each request to stderr (method, path, status, attempt, wait, trace id)
  --version           print the package version
  -h, --help          show this help

Credentials come from NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY (or NCLOUD_ACCESS_KEY_ID and
NCLOUD_SECRET_ACCESS_KEY), else ~/.ncloud/configure. There are no key flags: a key on a command line
is kept in the shell's history and shown by ps.

Exit codes: 0 listed; 1 the API, the network or writing the output file failed; 2 bad usage or bad input;
3 no credentials, or the API refused them (HTTP 401); 130 interrupted (Ctrl-C), 143 terminated.`;
}

/** `ncloud-members org-accounts` and `ncloud-members mcc-users`. */
export async function listCommand(command: ListCommandName, argv: string[]): Promise<number> {
    const { api, target } = LIST_COMMANDS[command];
    const values = parseFlags(argv, {
        [target]: { type: "string" },
        filter: { type: "string", multiple: true },
        "page-size": { type: "string" },
        output: { type: "string", short: "o" },
        "output-file": { type: "string" },
        bom: { type: "boolean" },
        site: { type: "string" },
        endpoint: { type: "string" },
        timeout: { type: "string" },
        deadline: { type: "string" },
        "terraform-external": { type: "boolean" },
        "allow-http": { type: "boolean" },
        "csv-raw": { type: "boolean" },
        fields: { type: "string" },
        debug: { type: "boolean" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
    });
    if (values.help) {
        process.stdout.write(`${listUsage(command)}\n`);
        return 0;
    }
    if (values.version) {
        process.stdout.write(`${PACKAGE_VERSION}\n`);
        return 0;
    }
    if (api === "organization" && values["page-size"] !== undefined) throw new UsageError("--page-size is for mcc-users only");

    const terraform = values["terraform-external"] === true;
    let file: OutputFile | undefined;
    const progress = !terraform && process.stderr.isTTY ? progressLine() : undefined;
    exitOnInterrupt(() => {
        progress?.done();
        return file?.discardNow() ?? `the listing was interrupted; ${terraform ? "nothing was printed" : "what was printed is incomplete"}`;
    });
    const query = terraform ? await readTerraformQuery(process.stdin, target, api === "mcc") : undefined;
    const pick = (flag: string, key: string) => (query?.[key] ?? values[flag]) as string | undefined;
    // Errors name a setting as the user gave it: a flag, or a key of Terraform's query.
    const label = (flag: string, key: string) => (query?.[key] !== undefined ? `query key ${key}` : `--${flag}`);
    const filters: Filter[] | undefined = query?.filters ?? (values.filter as string[] | undefined)?.map((text) => parseFilter(text));
    const endpoint = pick("endpoint", "endpoint");
    const stderr = stderrLogger(values.debug ? { ...process.env, NCLOUD_DEBUG: "1" } : process.env);
    // Log lines carry what a server said (trace ids, field names): inert on a terminal.
    const logger = { debug: (m: string) => stderr.debug(terminalSafe(m)), warn: (m: string) => stderr.warn(terminalSafe(m)) };
    const timeouts = {
        ...(values.timeout === undefined ? {} : { timeoutMs: durationFlag("timeout", values.timeout as string) }),
        ...(values.deadline === undefined ? {} : { deadlineMs: durationFlag("deadline", values.deadline as string) }),
    };
    const context: ReadContext = {
        functionName: command,
        sources: settingsChain({
            options: {
                site: pick("site", "site"),
                organizationEndpoint: endpoint,
                mccEndpoint: endpoint,
                ...(values["allow-http"] === true ? { allowHttp: true } : {}),
            },
            // In the words of the command line: its flags (there are no key flags: a key would end up in shell history).
            optionNames: { site: "--site", organizationEndpoint: "--endpoint", mccEndpoint: "--endpoint", allowHttp: "--allow-http" },
            warn: logger.warn,
        }),
        settings: { logger, onProgress: progress?.update, ...timeouts },
    };

    const targetValue = pick(target, target);
    if (targetValue === undefined) throw new UsageError(`--${target} is required (see ncloud-members ${command} --help)`);
    const outputFile = pick("output-file", "output_file");
    const output = values.output as string | undefined;
    // A file is no terminal: it gets JSON unless --output says otherwise, as a pipe does.
    const format = (output ?? (process.stdout.isTTY && outputFile === undefined ? "table" : "json")) as OutputFormat;
    if (!["table", "json", "csv"].includes(format)) throw new UsageError(`--output must be table, json or csv, not ${JSON.stringify(output)}`);
    if (values.bom === true && format !== "csv")
        throw new UsageError(`--bom is for --output csv only, not ${output === undefined ? "the default " : "--output "}${format}`);
    const fieldsText = pick("fields", "fields");
    const fields =
        fieldsText === undefined
            ? undefined
            : api === "organization"
              ? parseFields(label("fields", "fields"), fieldsText, (f) => ORGANIZATION_ACCOUNT_FIELDS.includes(f), ORGANIZATION_ACCOUNT_FIELDS.join(", "))
              : parseFields(label("fields", "fields"), fieldsText, (f) => f === "i18nNames" || isMccUserField(f), MCC_USER_FIELDS.join(", "));
    const group = api === "organization" ? integerFlag(label("group", "group"), targetValue, 1) : undefined;
    if (api === "mcc") {
        // Told as the user gave it: a flag, or a key of Terraform's query.
        try {
            MCC_USERS_CHECKS.companyId(command, targetValue);
        } catch (error) {
            throw error instanceof InvalidArgumentError ? new UsageError(`${label(target, target)} ${error.problem}`) : error;
        }
    }
    const pageSizeText = pick("page-size", "page_size");
    const pageSize = pageSizeText === undefined ? undefined : integerFlag(label("page-size", "page_size"), pageSizeText, PAGE_SIZE.min, PAGE_SIZE.max);
    // Opened before any request, so a folder that cannot be written is a usage error with nothing sent.
    if (outputFile !== undefined) file = await openOutputFile(outputFile, label("output-file", "output_file"));
    const out: Writable = file?.stream ?? process.stdout;
    const terminal = file === undefined && process.stdout.isTTY === true;
    const csv: CsvOptions = { raw: values["csv-raw"] === true, terminal, bom: values.bom === true };
    try {
        if (group !== undefined) {
            const result = await readOrganizationAccounts({ organizationGroupNo: group, filters }, context);
            const accounts = pickFields(result.accounts, fields);
            if (!terraform || file !== undefined) {
                await writeWholeList(out, format, accounts, {
                    table: fields ?? TABLE_COLUMNS.organization,
                    csv: fields ?? ORGANIZATION_ACCOUNT_FIELDS,
                    csvOptions: csv,
                    summary: `${result.accounts.length} account(s) in organization group ${result.organizationGroupNo}`,
                    width: terminal ? process.stdout.columns : undefined,
                });
            }
            await file?.commit();
            if (!terraform) return 0;
            return writeTerraformResult({
                organization_group_no: String(result.organizationGroupNo),
                count: String(result.accounts.length),
                accounts: JSON.stringify(accounts),
            });
        }
        const mccQuery = { companyId: targetValue, filters, pageSize };
        if (terraform || format === "table") {
            const result = await readMccUsers(mccQuery, context);
            progress?.done();
            const users = pickFields(result.users, fields);
            if (!terraform || file !== undefined) {
                await writeWholeList(out, format, users, {
                    table: fields ?? TABLE_COLUMNS.mcc,
                    csv: mccCsvColumns(fields),
                    csvOptions: csv,
                    summary: `${result.users.length} of ${result.total} member(s)`,
                    width: terminal ? process.stdout.columns : undefined,
                });
            }
            await file?.commit();
            if (!terraform) return 0;
            return writeTerraformResult({
                company_id: result.companyId,
                count: String(result.users.length),
                total: String(result.total),
                users: JSON.stringify(users),
            });
        }
        await streamMccUsers(out, mccQuery, context, format, csv, fields, () => progress?.done());
        await file?.commit();
        return 0;
    } catch (error) {
        throw file === undefined ? error : file.failure(error);
    } finally {
        progress?.done();
        await file?.discard();
    }
}

/** Writes a list held whole (the table, Terraform's output file, an organization group) in `format`. */
async function writeWholeList(
    out: Writable,
    format: OutputFormat,
    items: readonly object[],
    columns: { table: readonly string[]; csv: readonly string[]; csvOptions: CsvOptions; summary: string; width: number | undefined },
): Promise<void> {
    if (format === "table") {
        await writeText(out, `${formatTable(items, columns.table, columns.width)}${columns.summary}\n`);
        return;
    }
    const writer = format === "json" ? jsonListWriter(out) : csvListWriter(out, columns.csv, items, () => undefined, columns.csvOptions);
    await writer.write(items);
    await writer.end();
}

/**
 * JSON and CSV stream page by page: a company of a million members prints in bounded memory. The filters are
 * checked before any request and applied here, so CSV's columns come from the first page as the server sent it.
 */
async function streamMccUsers(
    out: Writable,
    query: MccUsersQuery,
    context: ReadContext,
    format: "json" | "csv",
    csv: CsvOptions,
    fields: readonly string[] | undefined,
    beforeOutput: () => void,
): Promise<void> {
    const filters = MCC_USERS_CHECKS.filters(context.functionName, query.filters);
    const pages = iterateMccUsers({ ...query, filters: undefined }, context);
    const writerFor = (sample: readonly object[]): ListWriter =>
        format === "json"
            ? jsonListWriter(out)
            : csvListWriter(
                  out,
                  mccCsvColumns(fields),
                  sample,
                  (field) =>
                      context.settings?.logger?.warn(
                          `field ${field} first appeared after the CSV header was written, so it is not in the CSV; --output json has every field`,
                      ),
                  csv,
              );
    let writer: ListWriter | undefined;
    for await (const page of pages) {
        beforeOutput();
        writer ??= writerFor(pickFields(page.users, fields));
        await writer.write(pickFields(applyFilters(page.users, filters), fields));
    }
    await (writer ?? writerFor([])).end();
}

// The CSV columns of MCC users: the documented fields, `i18nNames.*` for one column a locale.
function mccCsvColumns(fields: readonly string[] | undefined): string[] {
    return (fields ?? MCC_USER_FIELDS).map((field) => (field === "i18nNames" ? "i18nNames.*" : field));
}

/**
 * A line on stderr, on a terminal only, rewritten in place: how long the first answer is taking (after a second,
 * so a quick call prints nothing), then how far a long listing is; cleared at the end.
 */
function progressLine(): { update: (received: number, total: number) => void; done: () => void } {
    let shown = false;
    const started = Date.now();
    const waiting = setInterval(() => {
        shown = true;
        process.stderr.write(`\rwaiting for the NCP API: ${Math.round((Date.now() - started) / 1000)} s (--timeout and --deadline bound it)\x1b[K`);
    }, 1_000);
    waiting.unref();
    return {
        update(received, total) {
            clearInterval(waiting);
            shown = true;
            process.stderr.write(`\rlisting members: ${received} of ${total}\x1b[K`);
        },
        done() {
            clearInterval(waiting);
            if (shown) process.stderr.write("\r\x1b[K");
            shown = false;
        },
    };
}
