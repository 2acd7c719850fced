#!/usr/bin/env node
import { emulatorCommand, UsageError } from "./emulatorCommand";

const USAGE = `Usage: ncloud-members <command> [options]

Commands:
  emulator   run a local NCP API Gateway (Organization and Media Connect Center) for tests and demos

Run "ncloud-members <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "emulator":
            return emulatorCommand(rest);
        case undefined:
        case "-h":
        case "--help":
            process.stdout.write(`${USAGE}\n`);
            return command === undefined ? 2 : 0;
        default:
            throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        // Bad usage (our own, or parseArgs' ERR_PARSE_ARGS_*) exits 2; anything else 1. One line, no stack.
        const usage = error instanceof UsageError || String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
        const hint = usage && !(error instanceof UsageError) ? " (see --help)" : "";
        process.stderr.write(`ncloud-members: ${error instanceof Error ? error.message : String(error)}${hint}\n`);
        process.exit(usage ? 2 : 1);
    },
);
