import { parseArgs, type ParseArgsConfig } from "node:util";
import { didYouMean } from "./didYouMean";
import { UsageError } from "./UsageError";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's flags with Node's `parseArgs`, plus the rules a user expects: a value that starts with a dash
 * (`--group -5`) is the flag's value, to be judged by the flag's own check rather than taken for an unknown
 * flag; a single-value flag given twice is an error, not "the last one wins"; a flag's value may not be empty; a
 * mistyped flag is answered with the one it most likely meant (`--ouput`: did you mean --output?).
 */
export function parseFlags(argv: readonly string[], options: Options): Record<string, string | string[] | boolean | undefined> {
    const args: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const next = argv[i + 1];
        const name = arg.startsWith("--") ? arg.slice(2) : undefined;
        if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
            args.push(`${arg}=${next}`);
            i += 1;
        } else {
            args.push(arg);
        }
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
        parsed = parseArgs({ args, options, strict: true, allowPositionals: false, tokens: true });
    } catch (error) {
        // parseArgs explains over several lines; a usage error is one.
        const message = (error as Error).message.replace(/\s*\n\s*/g, " ");
        const unknown = (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'--([^'=]+)'/.exec(message)?.[1] : undefined;
        const meant = unknown === undefined ? undefined : didYouMean(unknown, Object.keys(options));
        throw new UsageError(meant === undefined ? `${message} (see --help)` : `${message}: did you mean --${meant}? (see --help)`);
    }
    const seen = new Set<string>();
    for (const token of parsed.tokens ?? []) {
        if (token.kind !== "option") continue;
        const option = options[token.name];
        if (!option.multiple && seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once`);
        seen.add(token.name);
        if (option.type === "string" && token.value !== undefined && token.value.trim() === "") throw new UsageError(`--${token.name} needs a value`);
    }
    return parsed.values as Record<string, string | string[] | boolean | undefined>;
}

/**
 * A whole number given on the command line (`label` names where: `--group`, or a Terraform query key), within bounds;
 * anything else (a fraction, beyond 2^53, out of range) is a usage error, never a rounded number.
 */
export function integerFlag(label: string, text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    const value = Number(text.trim());
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        throw new UsageError(`${label} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
    }
    return value;
}

/** A duration flag: a number of seconds, or with a unit: `500ms`, `30s`, `2m`. */
export function durationFlag(flag: string, text: string): number {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
    const ms = match ? Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? "s") as "ms" | "s" | "m"] : Number.NaN;
    if (!Number.isInteger(ms) || ms < 1 || ms > 2_147_483_647) {
        throw new UsageError(`--${flag} must be a duration such as 30 (seconds), 30s, 500ms or 2m, from 1 ms to about 24 days, got ${JSON.stringify(text)}`);
    }
    return ms;
}
