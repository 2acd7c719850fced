import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Readable } from "node:stream";
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

/** How the command is started: environment variables to add, what it reads on stdin, the folder it runs in. */
export interface CliOptions {
    readonly env?: NodeJS.ProcessEnv;
    readonly stdin?: string;
    /** @default this process's working folder */
    readonly cwd?: string;
}

/**
 * Starts the ncloud-members command as a user would run it: stdout and stderr piped (so JSON
 * is the default output), the test key pair in the environment unless `env` says otherwise, nothing else of
 * this process's environment but PATH and HOME.
 */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
    const child = spawn(process.execPath, [MAIN, ...args], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NCLOUD_ACCESS_KEY: ACCESS_KEY, NCLOUD_SECRET_KEY: CANARY_SECRET, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
        cwd: options.cwd,
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
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
    return finished(spawnCli(args, options));
}

/** Resolves once what `stream` (a child's stdout or stderr) printed so far matches `pattern`: no fixed sleep. */
export function printed(stream: Readable, pattern: RegExp): Promise<void> {
    let seen = "";
    return new Promise((resolve, reject) => {
        const onData = (chunk: Buffer) => {
            seen += chunk.toString();
            if (!pattern.test(seen)) return;
            stream.off("data", onData);
            resolve();
        };
        stream.on("data", onData);
        stream.once("close", () => reject(new Error(`closed before printing ${String(pattern)}: ${JSON.stringify(seen)}`)));
    });
}
