import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { locked, npmInstall, packRepository, PULUMI_NEW_TYPESCRIPT } from "../helpers/packedPackage";

const ROOT = join(__dirname, "..", "..");
const run = promisify(execFile);

/** What docs/testing.md's example is made of: its files by title, the packages it installs, the command that runs it. */
interface DocExample {
    readonly files: Readonly<Record<string, string>>;
    readonly devDependencies: readonly string[];
    readonly command: readonly string[];
}

// The example is read from the page itself, so the page and this test cannot drift apart.
function docExample(): DocExample {
    const page = readFileSync(join(ROOT, "docs", "testing.md"), "utf8");
    const section = /^## Unit-test a program with mocks\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page)?.[1];
    assert.ok(section, 'docs/testing.md has a section "Unit-test a program with mocks"');
    const files: Record<string, string> = {};
    let devDependencies: string[] = [];
    let command: string[] = [];
    for (const [, language, info, code] of section.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
        const title = /title="([^"]+)"/.exec(info)?.[1];
        if (title) files[title] = code;
        if (language !== "sh") continue;
        for (const line of code.split("\n")) {
            if (line.startsWith("npm install --save-dev ")) devDependencies = line.split(/\s+/).slice(3);
            if (line.startsWith("npx mocha ")) command = line.split(/\s+/);
        }
    }
    assert.deepEqual(Object.keys(files).sort(), ["index.test.ts", "index.ts"]);
    assert.ok(devDependencies.includes("mocha") && command.length > 0, "the page says what to install and how to run the tests");
    return { files, devDependencies, command };
}

// What a test had before pulumi-ncloud-members/testing: Pulumi's usual mocks, every resource echoing its inputs.
const PLAIN_MOCKS = `import type * as pulumi from "@pulumi/pulumi";
export type NcloudMocks = pulumi.runtime.Mocks & { close(): Promise<void> };
export async function ncloudMocks(_data?: object): Promise<NcloudMocks> {
    return { newResource: (args) => ({ id: args.name + "-id", state: args.inputs }), call: (args) => args.inputs, close: async () => undefined };
}
`;

describe("docs/testing.md's mocha example, in a program that installed the packed tarball", function () {
    this.timeout(300_000);
    const example = docExample();
    let project: string;

    before(async () => {
        const { tarball } = await packRepository();
        project = mkdtempSync(join(tmpdir(), "ncm-mocks-example-"));
        // A project as `pulumi new typescript` makes it, plus what the page says to install, at this repository's versions.
        writeFileSync(
            join(project, "package.json"),
            JSON.stringify({
                name: "members",
                version: "1.0.0",
                private: true,
                dependencies: { "pulumi-ncloud-members": `file:${tarball}`, "@pulumi/pulumi": locked("@pulumi/pulumi") },
                devDependencies: Object.fromEntries(["typescript", "@types/node", ...example.devDependencies].map((name) => [name, locked(name)])),
            }),
        );
        writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: PULUMI_NEW_TYPESCRIPT, files: ["index.ts"] }));
        for (const [name, code] of Object.entries(example.files)) writeFileSync(join(project, name), code);
        await npmInstall(project);
    });

    it("passes, every test of it, type-checked, with no NCP settings in the environment", async () => {
        const [npx, ...args] = example.command;
        const { stdout } = await run(npx, args, { cwd: project });
        const tests = example.files["index.test.ts"].match(/^\s*it\(/gm)?.length ?? 0;
        assert.ok(tests >= 4);
        assert.match(stdout, new RegExp(`\\b${tests} passing\\b`), stdout);
        assert.doesNotMatch(stdout, /failing|pending/, stdout);
    });

    it("fails under Pulumi's usual mocks, as it did before them: userCount is undefined", async () => {
        const test = example.files["index.test.ts"].replace('from "pulumi-ncloud-members/testing"', 'from "./plainMocks"');
        assert.notEqual(test, example.files["index.test.ts"]);
        writeFileSync(join(project, "plainMocks.ts"), PLAIN_MOCKS);
        writeFileSync(join(project, "plain.test.ts"), test);
        const [npx, ...args] = example.command.map((arg) => (arg === "index.test.ts" ? "plain.test.ts" : arg));
        const failed = await run(npx, [...args, "--grep", "counts the department"], { cwd: project }).then(
            () => assert.fail("the example passed under plain mocks"),
            (error: { code: number; stdout: string }) => error,
        );
        assert.equal(failed.code, 1, failed.stdout);
        assert.match(failed.stdout, /1 failing/);
        assert.match(failed.stdout, /undefined !== 66/, failed.stdout);
    });
});
