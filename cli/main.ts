#!/usr/bin/env node
import { NcloudError } from "../provider/errors/NcloudError";
import { emulatorCommand } from "./emulatorCommand";
import { LIST_COMMANDS, listCommand, type ListCommandName } from "./listCommand";
import { terminalSafe } from "./terminalSafe";
import { UsageError } from "./UsageError";

const USAGE = `Usage: ncloud-members <command> [options]

Commands:
  org-accounts   list the accounts of an NCP organization group
  mcc-users      list the members of a Media Connect Center company
  emulator       run a local NCP API Gateway (Organization and Media Connect Center) for tests and demos

Run "ncloud-members <command> --help" for a command's options.`;

// Input problems (ours, or the library's checks of arguments, credentials and settings) exit 2; failures of
// the API or the network exit 1.
const INPUT_ERRORS = new Set(["NCLOUD_INVALID_ARGUMENT", "NCLOUD_MISSING_CREDENTIALS", "NCLOUD_CONFIGURATION"]);

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "emulator") return emulatorCommand(rest);
    if (command !== undefined && command in LIST_COMMANDS) return listCommand(command as ListCommandName, rest);
    if (command === undefined || command === "-h" || command === "--help") {
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
}

// A closed pipe (`ncloud-members mcc-users … | head -2`) is the reader saying "enough": end quietly, as cat does.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
});

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        const code = (error as { code?: unknown }).code;
        const parse = typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
        const usage = error instanceof UsageError || parse || (error instanceof NcloudError && INPUT_ERRORS.has(error.code));
        // One line, no stack: the message carries the NCP code and trace id where there are some.
        // terminalSafe: a message can quote what a server said (NCP's message and details).
        process.stderr.write(`ncloud-members: ${terminalSafe(error instanceof Error ? error.message : String(error))}${parse ? " (see --help)" : ""}\n`);
        process.exitCode = usage ? 2 : 1;
    },
);
