import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** An emulator in its own process, so the benchmark's process measures only the client. */
export interface EmulatorProcess {
    readonly url: string;
    stop(): Promise<void>;
}

export async function startEmulatorProcess(dataFile: string, args: string[] = []): Promise<EmulatorProcess> {
    const child: ChildProcess = spawn(
        process.execPath,
        [join(__dirname, "..", "dist", "cli", "main.js"), "emulator", "--port", "0", "--data", dataFile, ...args],
        {
            stdio: ["ignore", "pipe", "inherit"],
        },
    );
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            const match = /listening on (http:\/\/[^\s]+)/.exec(out);
            if (match) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    return {
        url,
        stop: () =>
            new Promise<void>((resolve) => {
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            }),
    };
}
