import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData } from "../../emulator";
import { useEmulator } from "../helpers/emulator";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const BLOCKS = [...README.matchAll(/```(\S*)([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], info: m[2].trim(), body: m[3] }));

describe("the README's code blocks still work", function () {
    this.timeout(60_000);

    it("every TypeScript block (but those marked fragment) compiles against the built package", () => {
        const blocks = BLOCKS.filter((b) => b.lang === "ts" && !b.info.includes("fragment"));
        assert.ok(blocks.length >= 5, `found ${blocks.length} TypeScript blocks`);
        // Inside the repository, so that "pulumi-ncloud-members" resolves as it does for a user's program.
        const dir = join(ROOT, "tests", ".readme");
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const files = blocks.map((block, i) => {
            const file = join(dir, `block${i}.ts`);
            writeFileSync(file, block.body);
            return file;
        });
        const program = ts.createProgram(files, {
            strict: true,
            noEmit: true,
            module: ts.ModuleKind.Node16,
            moduleResolution: ts.ModuleResolutionKind.Node16,
            target: ts.ScriptTarget.ES2022,
            esModuleInterop: true,
            skipLibCheck: true,
            types: ["node"],
        });
        const problems = ts.getPreEmitDiagnostics(program).map((d) => {
            const where = d.file ? `${d.file.fileName.replace(dir, "block")}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
            return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        });
        assert.deepEqual(problems, []);
    });

    describe("every ncloud-members command in a shell block runs, against the emulator's default data", () => {
        const ctx = useEmulator({ data: loadEmulatorData(DEFAULT_DATA_PATH) });

        const commands = BLOCKS.filter((b) => b.lang === "sh")
            .flatMap((b) => b.body.split("\n"))
            .map((line) => line.replace(/\s+#.*$/, "").trim())
            .filter((line) => /^(npx (--no-install )?)?ncloud-members (org-accounts|mcc-users)\b/.test(line));

        it("finds the commands", () => assert.ok(commands.length >= 3, `found ${commands.length}`));
        const run = async (command: string) => {
            const line = command
                .replace(/^(npx (--no-install )?)?ncloud-members/, `node ${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))}`)
                .replace(/http:\/\/127\.0\.0\.1:8080/g, ctx.emulator.url);
            // Not execFileSync: the emulator answering it lives in this process's event loop.
            const { stdout } = await promisify(execFile)("bash", ["-c", line], {
                encoding: "utf8",
                env: { PATH: process.env.PATH, HOME: process.env.HOME, NCLOUD_ACCESS_KEY: DEMO_ACCESS_KEY, NCLOUD_SECRET_KEY: DEMO_SECRET_KEY },
            });
            return stdout;
        };
        for (const command of commands) {
            it(`${command}: prints the list the JSON form of the same command gives`, async () => {
                const format = /--output (\w+)/.exec(command)?.[1] ?? "json";
                const items = JSON.parse(await run(`${command.replace(/ --output \w+/, "")} --output json`)) as Record<string, unknown>[];
                assert.ok(items.length > 0, "the README's example lists someone");
                const printed = await run(command);
                if (format === "json") {
                    const group = /--group (\d+)/.exec(command)?.[1];
                    if (group) assert.deepEqual(items, loadEmulatorData(DEFAULT_DATA_PATH).organizationGroups[group]);
                    assert.deepEqual(JSON.parse(printed), items);
                } else if (format === "csv") {
                    const rows = printed.trimEnd().split("\r\n");
                    assert.equal(rows.length, items.length + 1, "a header and one row per item");
                    rows.slice(1).forEach((row, i) => assert.ok(row.startsWith(`${String(items[i].externalKey ?? items[i].memberNo)},`), row));
                } else {
                    assert.match(printed, new RegExp(`\\n${items.length} (of \\d+ member\\(s\\)|account\\(s\\) in organization group \\d+)\\n$`));
                    for (const item of items)
                        assert.ok(printed.includes(String(item.externalKey ?? item.memberNo)), `the table shows ${String(item.externalKey)}`);
                }
            });
        }
    });
});
