import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { locked, npmInstall, packRepository, PULUMI_NEW_TYPESCRIPT } from "../helpers/packedPackage";

const ROOT = join(__dirname, "..", "..");
const run = promisify(execFile);

// The tsconfig `pulumi new typescript` writes, and the two modern resolutions.
const TSCONFIGS: Record<string, Readonly<Record<string, unknown>>> = {
    "pulumi new typescript": PULUMI_NEW_TYPESCRIPT,
    nodenext: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true },
    bundler: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", noEmit: true },
};

// The peer range's lowest version, and the newest that runs on Node 20 (the one developed against): CI tests both.
const PEER_RANGE = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string> }).peerDependencies[
    "@pulumi/pulumi"
];
const PULUMI_VERSIONS = { lowest: /^\^(\d+\.\d+\.\d+)$/.exec(PEER_RANGE)![1], newest: locked("@pulumi/pulumi") };

/** Packs the package once, and installs the tarball with a given @pulumi/pulumi into a fresh program folder. */
async function installedProgram(pulumiVersion: string, tarball: string): Promise<string> {
    const project = mkdtempSync(join(tmpdir(), "ncm-consumer-"));
    writeFileSync(
        join(project, "package.json"),
        JSON.stringify({
            name: "consumer",
            version: "1.0.0",
            private: true,
            dependencies: {
                "pulumi-ncloud-members": `file:${tarball}`,
                "@pulumi/pulumi": pulumiVersion,
                typescript: locked("typescript"),
                "@types/node": locked("@types/node"),
            },
        }),
    );
    // The versions npm ci installed here come from the cache; the lowest @pulumi/pulumi from the registry.
    await npmInstall(project);
    copyFileSync(join(__dirname, "..", "fixtures", "consumer", "index.ts"), join(project, "index.ts"));
    copyFileSync(join(__dirname, "..", "fixtures", "consumer", "run.js"), join(project, "run.js"));
    return project;
}

async function typeCheck(project: string, name: string, compilerOptions: Readonly<Record<string, unknown>>): Promise<string> {
    const file = `tsconfig.${name.replace(/\W+/g, "-")}.json`;
    writeFileSync(join(project, file), JSON.stringify({ compilerOptions, files: ["index.ts"] }));
    const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", file, "--noEmit", "--listFiles", "--pretty", "false"], { cwd: project }).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    return result.stdout;
}

describe("the packed tarball, installed into a user's program", function () {
    this.timeout(240_000);
    let tarball: string;
    let files: readonly string[];
    const projects: Record<string, string> = {};

    before(async () => {
        ({ tarball, files } = await packRepository());
        for (const [which, version] of Object.entries(PULUMI_VERSIONS)) projects[which] = await installedProgram(version, tarball);
    });

    it("ships the build, the default emulator data, LICENSE and CHANGELOG; no source maps, sources or tests", () => {
        for (const file of ["LICENSE", "CHANGELOG.md", "README.md", "package.json", "dist/sdk/index.js", "dist/sdk/index.d.ts", "emulator/data/default.json"]) {
            assert.ok(files.includes(file), `${file} is in the tarball`);
        }
        assert.deepEqual(
            files.filter((f) => f.endsWith(".map") || f.endsWith(".ts") !== f.endsWith(".d.ts") || f.startsWith("tests/") || f.startsWith("dist/tests")),
            [],
        );
    });

    for (const [name, compilerOptions] of Object.entries(TSCONFIGS)) {
        it(`a program using every public name compiles under the ${name} tsconfig, with zero errors`, async () => {
            const listed = await typeCheck(projects.newest, name, compilerOptions);
            assert.deepEqual(
                listed.split("\n").filter((line) => line.includes("error TS")),
                [],
            );
            const declarations = listed.split("\n").filter((line) => line.includes("node_modules/pulumi-ncloud-members/"));
            assert.ok(declarations.length > 10, "the package's declarations were read");
            // The public surface is ours alone: no implementation library's types are reachable from it.
            for (const library of ["zod", "undici", "cli-table3", "ini", "safe-regex2"]) {
                assert.ok(!listed.includes(`node_modules/${library}/`), `${library} is reachable from the public declarations`);
            }
        });
    }

    for (const which of Object.keys(PULUMI_VERSIONS) as (keyof typeof PULUMI_VERSIONS)[]) {
        it(`with ${which === "lowest" ? "the lowest @pulumi/pulumi the peer range admits" : "the newest @pulumi/pulumi that runs on Node 20"}: compiles, and a program runs (resource, Output function, emulator defaults)`, async () => {
            if (which === "lowest") {
                const listed = await typeCheck(projects.lowest, "pulumi new typescript", TSCONFIGS["pulumi new typescript"]);
                assert.deepEqual(
                    listed.split("\n").filter((line) => line.includes("error TS")),
                    [],
                );
            }
            const installed = JSON.parse(readFileSync(join(projects[which], "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as {
                version: string;
            };
            assert.equal(installed.version, PULUMI_VERSIONS[which]);
            const { stdout } = await run(process.execPath, ["run.js"], { cwd: projects[which] });
            assert.deepEqual(JSON.parse(stdout), { count: 2, registered: ["pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts string"] });
        });
    }
});
