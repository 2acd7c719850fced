import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ACCESS_KEY, CANARY_SECRET } from "./emulator";

// The built command, as the package's bin runs it: npm test builds dist/ before the tests (ts-node would add a
// second of compiling to every run).
const MAIN = join(__dirname, "..", "..", "dist", "cli", "main.js");

/** What a finished command printed, and how it exited. */
export interface CliRun {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Starts the ncloud-members command as a user would run it: stdout and stderr piped (so JSON
 * is the default output), the test key pair in the environment unless `env` says otherwise, nothing else of
 * this process's environment but PATH and HOME.
 */
export function spawnCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): ChildProcess {
    const child = spawn(process.execPath, [MAIN, ...args], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NCLOUD_ACCESS_KEY: ACCESS_KEY, NCLOUD_SECRET_KEY: CANARY_SECRET, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end(options.stdin ?? "");
    return child;
}

/** Waits for a child process to end and gives what it printed. */
export function finished(child: ChildProcess): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Runs the command to its end. */
export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
    return finished(spawnCli(args, options));
}
