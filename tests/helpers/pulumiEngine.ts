import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";
import { startEmulator, type EmulatorData, type RunningEmulator } from "../../emulator";
import { ACCESS_KEY, CANARY_SECRET, shippedDataWithTestKeys } from "./emulator";

const ROOT = join(__dirname, "..", "..");

/** Where `npm run engine:build` puts the CLI and its language hosts; absent when a `pulumi` on PATH is used. */
export const ENGINE_BIN = join(ROOT, ".engine", "bin");

/**
 * The caches of the user running the suite: tests/setup.ts gives every test a fresh HOME, which would make the
 * Go and pip commands the engine runs build and download everything anew each time.
 */
function userCaches(): NodeJS.ProcessEnv {
    const home = userInfo().homedir;
    let go: Record<string, string | undefined> = {};
    try {
        go = JSON.parse(
            execFileSync("go", ["env", "-json", "GOMODCACHE", "GOCACHE", "GOPATH"], { encoding: "utf8", env: { ...process.env, HOME: home } }),
        ) as typeof go;
    } catch {
        // No Go here: only the Go program's test needs it, and it fails there.
    }
    return { GOMODCACHE: go.GOMODCACHE, GOCACHE: go.GOCACHE, GOPATH: go.GOPATH, PIP_CACHE_DIR: process.env.PIP_CACHE_DIR ?? join(home, ".cache", "pip") };
}

/** What one `pulumi` command printed, and how it exited. */
export interface PulumiRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * The real Pulumi CLI as a user runs it, on a fresh local backend of its own: `pulumi login file://<temp>`,
 * a passphrase secrets provider, no update checks, no plugin downloads, its own PULUMI_HOME. Programs reach the
 * emulator at `endpoint` with the test key pair (the canary secret key) from the environment, as a user's
 * would from `NCLOUD_*`.
 */
export class PulumiEngine {
    readonly env: NodeJS.ProcessEnv;
    readonly backend: string;

    constructor(endpoint: string, env: NodeJS.ProcessEnv = {}) {
        this.backend = mkdtempSync(join(tmpdir(), "ncm-engine-backend-"));
        const path = existsSync(ENGINE_BIN) ? `${ENGINE_BIN}${delimiter}${process.env.PATH}` : process.env.PATH;
        this.env = {
            PATH: path,
            HOME: process.env.HOME,
            PULUMI_HOME: mkdtempSync(join(tmpdir(), "ncm-engine-home-")),
            PULUMI_BACKEND_URL: `file://${this.backend}`,
            PULUMI_CONFIG_PASSPHRASE: "engine-suite-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            NO_COLOR: "1",
            NCLOUD_ACCESS_KEY: ACCESS_KEY,
            NCLOUD_SECRET_KEY: CANARY_SECRET,
            NCLOUD_ORGANIZATION_ENDPOINT: endpoint,
            NCLOUD_MCC_ENDPOINT: endpoint,
            ...userCaches(),
            ...env,
        };
    }

    /** Runs `pulumi <args>` in `cwd` to its end; never throws for a non-zero exit (tests assert the code). */
    run(cwd: string, args: readonly string[]): Promise<PulumiRun> {
        return new Promise((resolve, reject) => {
            execFile("pulumi", [...args, "--non-interactive"], { cwd, env: this.env, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
                if (error && typeof error.code !== "number") reject(new Error(`pulumi could not be run: ${error.message}`, { cause: error }));
                else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
            });
        });
    }

    /** Like {@link run}, but a non-zero exit throws with everything the command printed. */
    async ok(cwd: string, args: readonly string[]): Promise<PulumiRun> {
        const result = await this.run(cwd, args);
        if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
        return result;
    }

    /** Creates stack `name` for the project in `dir`, with `config` set (secret where `secret` says so, else as plain text). */
    async stack(dir: string, name: string, config: Record<string, string> = {}, secret: readonly string[] = []): Promise<PulumiStack> {
        await this.ok(dir, ["stack", "init", name]);
        for (const [key, value] of Object.entries(config)) {
            await this.ok(dir, ["config", "set", secret.includes(key) ? "--secret" : "--plaintext", key, value, "--stack", name]);
        }
        return new PulumiStack(this, dir, name);
    }
}

/** One stack of a project folder, driven by the user's own commands (each names the stack). */
export class PulumiStack {
    constructor(
        readonly engine: PulumiEngine,
        readonly dir: string,
        readonly name: string,
    ) {}

    /** Runs `pulumi <args> --stack <name>` in the project's folder, whatever its exit code. */
    run(...args: string[]): Promise<PulumiRun> {
        return this.engine.run(this.dir, [...args, "--stack", this.name]);
    }

    private ok(...args: string[]): Promise<PulumiRun> {
        return this.engine.ok(this.dir, [...args, "--stack", this.name]);
    }

    up(...args: string[]): Promise<PulumiRun> {
        return this.ok("up", "--yes", "--skip-preview", ...args);
    }

    /** `pulumi preview`: returns whatever the exit code, for the tests that expect a failure. */
    preview(...args: string[]): Promise<PulumiRun> {
        return this.run("preview", ...args);
    }

    refresh(): Promise<PulumiRun> {
        return this.ok("refresh", "--yes", "--skip-preview");
    }

    destroy(): Promise<PulumiRun> {
        return this.ok("destroy", "--yes", "--skip-preview");
    }

    /** The stack outputs as `pulumi stack output --json` shows them: secrets as "[secret]" unless `showSecrets`. */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const { stdout } = await this.ok("stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : []));
        return JSON.parse(stdout) as Record<string, unknown>;
    }

    /** `pulumi stack export`: the state file's deployment, as text (what a leak check reads) and parsed. */
    async exportState(): Promise<{ text: string; resources: StateResource[] }> {
        const { stdout } = await this.ok("stack", "export");
        const parsed = JSON.parse(stdout) as { deployment: { resources?: StateResource[] } };
        return { text: stdout, resources: parsed.deployment.resources ?? [] };
    }
}

/**
 * For the enclosing `describe`: an emulator serving the shipped data (changeable through `data`, read live)
 * with the test key pair, and a {@link PulumiEngine} on a fresh backend pointed at it.
 */
export function useEngine(): { readonly data: EmulatorData; readonly emulator: RunningEmulator; readonly engine: PulumiEngine } {
    const state: { data?: EmulatorData; emulator?: RunningEmulator; engine?: PulumiEngine } = {};
    before(async () => {
        state.data = shippedDataWithTestKeys();
        state.emulator = await startEmulator({ data: state.data });
        state.engine = new PulumiEngine(state.emulator.url);
    });
    after(async () => {
        await state.emulator?.close();
    });
    return {
        get data() {
            return state.data!;
        },
        get emulator() {
            return state.emulator!;
        },
        get engine() {
            return state.engine!;
        },
    };
}

/** A resource as the state file holds it. */
export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly id?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

/** Pulumi's marker of a secret value in state: `{ [SECRET_SIG]: SECRET_SIG_VALUE, ciphertext }`. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Whether a state value is an encrypted secret (and not the value in clear). */
export function isCiphertext(value: unknown): boolean {
    return typeof value === "object" && value !== null && SECRET_SIG in value && typeof (value as { ciphertext?: unknown }).ciphertext === "string";
}
