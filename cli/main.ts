#!/usr/bin/env node
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import { PACKAGE_VERSION } from "../provider/version";
import { didYouMean } from "./didYouMean";
import { EMULATOR_USAGE, emulatorCommand } from "./emulatorCommand";
import { EXIT, exitCodeOf } from "./exitCodes";
import { LIST_COMMANDS, listCommand, listUsage, type ListCommandName } from "./listCommand";
import { terminalSafe } from "./terminalSafe";
import { UsageError } from "./UsageError";

const USAGE = `Usage: ncloud-members <command> [options]

Commands:
  org-accounts   list the accounts of an NCP organization group
  mcc-users      list the members of a Media Connect Center company
  emulator       run a local NCP API Gateway (Organization and Media Connect Center) for tests and demos
  version        print the package version
  help COMMAND   show a command's options (as does "ncloud-members COMMAND --help")

Options:
  --version      print the package version
  -h, --help     show this help

Exit codes: 0 done; 1 the API, the network or writing the output file failed; 2 bad usage or bad input;
3 no credentials, or the API refused them (HTTP 401); 130 interrupted (Ctrl-C), 143 terminated.`;

const COMMANDS = [...Object.keys(LIST_COMMANDS), "emulator", "version", "help"];

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
        else if (topic === "version") process.stdout.write("Usage: ncloud-members version\n\nPrints the package version (as does --version).\n");
        else if (topic in LIST_COMMANDS) process.stdout.write(`${listUsage(topic as ListCommandName)}\n`);
        else {
            const meant = didYouMean(topic, COMMANDS);
            throw new UsageError(meant ? `help: unknown command "${topic}": did you mean ${meant}?` : `help: unknown command "${topic}"\n\n${USAGE}`);
        }
        return 0;
    }
    if (command === "help") throw new UsageError("help takes one command, e.g. ncloud-members help mcc-users");
    if (command === "version" && rest.length > 0) throw new UsageError(`version takes no arguments, got ${JSON.stringify(rest[0])}`);
    if (command === "--version" || command === "version") {
        process.stdout.write(`${PACKAGE_VERSION}\n`);
        return 0;
    }
    if (command === undefined || command === "-h" || command === "--help") {
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
    }
    const meant = command.startsWith("--") ? didYouMean(command.slice(2), ["version", "help"]) : didYouMean(command, COMMANDS);
    if (meant !== undefined) {
        const [kind, suggestion] = command.startsWith("--") ? ["option", `--${meant}`] : ["command", meant];
        throw new UsageError(`unknown ${kind} "${command}": did you mean ${suggestion}? (see ncloud-members --help)`);
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

// Until the command settles: a promise that never settles (a bug) lets the process end when nothing is left to wait
// for, and that is no success.
process.exitCode = EXIT.failed;
main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        // One line, no stack: the message carries the NCP code and trace id where there are some.
        process.stderr.write(`ncloud-members: ${errorLine(error)}\n`);
        process.exitCode = exitCodeOf(error);
    },
);
