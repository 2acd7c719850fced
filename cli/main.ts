#!/usr/bin/env node
import { NcloudError } from "../provider/errors/NcloudError";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { PACKAGE_VERSION } from "../provider/version";
import { EMULATOR_USAGE, emulatorCommand } from "./emulatorCommand";
import { LIST_COMMANDS, listCommand, listUsage, type ListCommandName } from "./listCommand";
import { terminalSafe } from "./terminalSafe";
import { UsageError } from "./UsageError";

const USAGE = `Usage: ncloud-members <command> [options]

Commands:
  org-accounts   list the accounts of an NCP organization group
  mcc-users      list the members of a Media Connect Center company
  emulator       run a local NCP API Gateway (Organization and Media Connect Center) for tests and demos
  help COMMAND   show a command's options (as does "ncloud-members COMMAND --help")

Options:
  --version      print the package version
  -h, --help     show this help`;

// Input problems (ours, or the library's checks of arguments, credentials and settings) exit 2; failures of
// the API or the network exit 1.
const INPUT_ERRORS = new Set(["NCLOUD_INVALID_ARGUMENT", "NCLOUD_MISSING_CREDENTIALS", "NCLOUD_CONFIGURATION"]);

// The library names arguments as its call options do; on the command line they are flags.
const FLAGS: Record<string, string> = {
    organizationGroupNo: "--group",
    companyId: "--company",
    pageSize: "--page-size",
    filters: "--filter",
    timeoutMs: "--timeout",
    deadlineMs: "--deadline",
};

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "emulator") return emulatorCommand(rest);
    if (command !== undefined && command in LIST_COMMANDS) return listCommand(command as ListCommandName, rest);
    if (command === "help" && rest.length <= 1) {
        const topic = rest[0];
        if (topic === undefined) process.stdout.write(`${USAGE}\n`);
        else if (topic === "emulator") process.stdout.write(`${EMULATOR_USAGE}\n`);
        else if (topic in LIST_COMMANDS) process.stdout.write(`${listUsage(topic as ListCommandName)}\n`);
        else throw new UsageError(`help: unknown command "${topic}"\n\n${USAGE}`);
        return 0;
    }
    if (command === "--version") {
        process.stdout.write(`${PACKAGE_VERSION}\n`);
        return 0;
    }
    if (command === undefined || command === "-h" || command === "--help") {
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
}

/** The one line an error is told in, in the command line's words; what a server said is made inert for the terminal. */
function errorLine(error: unknown): string {
    if (error instanceof UsageError) return error.message;
    if (error instanceof InvalidArgumentError) {
        const flag = FLAGS[error.argument.replace(/[[.].*$/, "")];
        if (flag !== undefined) return terminalSafe(`${flag}: ${error.problem}`);
    }
    return terminalSafe(error instanceof Error ? error.message : String(error));
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
        const usage = error instanceof UsageError || (error instanceof NcloudError && INPUT_ERRORS.has(error.code));
        // One line, no stack: the message carries the NCP code and trace id where there are some.
        process.stderr.write(`ncloud-members: ${errorLine(error)}\n`);
        process.exitCode = usage ? 2 : 1;
    },
);
