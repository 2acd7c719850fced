import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(__dirname, "..", "..");
const run = promisify(execFile);
const LOCK = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };

/** The version package-lock.json pins for a dependency of this repository. */
export const locked = (name: string): string => LOCK.packages[`node_modules/${name}`].version;

/** The compiler options `pulumi new typescript` writes in a program's tsconfig.json (no esModuleInterop, no skipLibCheck). */
export const PULUMI_NEW_TYPESCRIPT: Readonly<Record<string, unknown>> = {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
};

/** A packed package: the tarball's path and the files it holds. */
export interface PackedPackage {
    readonly tarball: string;
    readonly files: readonly string[];
}

async function pack(cwd: string): Promise<PackedPackage> {
    const packDir = mkdtempSync(join(tmpdir(), "ncm-pack-"));
    // dist/ is built by npm test before the suites; --ignore-scripts keeps `prepare` from building again.
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], { cwd });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    return { tarball: join(packDir, packed.filename), files: packed.files.map((f) => f.path) };
}

/** Packs this repository as `npm publish` would. */
export function packRepository(): Promise<PackedPackage> {
    return pack(ROOT);
}

/** The same build repacked as another version: what a user's upgrade replaces the package with. */
export async function repackAsVersion(packed: PackedPackage, version: string): Promise<PackedPackage> {
    const dir = mkdtempSync(join(tmpdir(), "ncm-repack-"));
    await run("tar", ["-xzf", packed.tarball, "-C", dir]);
    const manifestPath = join(dir, "package", "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version: string };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }, null, 2));
    return pack(join(dir, "package"));
}

/** Runs `npm install` in a program's folder, from the cache where the lock file's versions already are. */
export async function npmInstall(cwd: string, ...packages: string[]): Promise<void> {
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...packages], { cwd });
}
