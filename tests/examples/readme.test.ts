import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData } from "../../emulator";
import { useEmulator } from "../helpers/emulator";

const ROOT = join(__dirname, "..", "..");
/** The user's documentation: the README and the pages of docs/. */
const PAGES = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
];
const TEXT = Object.fromEntries(PAGES.map((page) => [page, readFileSync(join(ROOT, page), "utf8")]));
const BLOCKS = PAGES.flatMap((page) =>
    [...TEXT[page].matchAll(/```(\S*)([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ page, lang: m[1], info: m[2].trim(), body: m[3] })),
);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

function anchors(text: string): Set<string> {
    const withoutCode = text.replace(/```[\s\S]*?```/g, "");
    return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe("the README and docs/", () => {
    it("the README is a page, not a manual: under 10 KB", () => {
        const size = Buffer.byteLength(TEXT["README.md"]);
        assert.ok(size < 10_240, `README.md is ${size} bytes`);
    });

    it("every relative link in the README and docs/ resolves, to a file and, with a #, to a heading in it", () => {
        const broken: string[] = [];
        for (const page of PAGES) {
            const text = TEXT[page].replace(/```[\s\S]*?```/g, "");
            for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/.test(target)) continue;
                const [path, anchor] = target.split("#");
                const file = path === "" ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
                if (!existsSync(file)) broken.push(`${page}: ${target} (no such file)`);
                else if (anchor !== undefined && file.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(anchor))
                    broken.push(`${page}: ${target} (no such heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });
});

describe("the code blocks of the README and docs/ still work", function () {
    this.timeout(60_000);

    it("every TypeScript block (but those marked fragment) compiles against the built package", () => {
        const blocks = BLOCKS.filter((b) => b.lang === "ts" && !b.info.includes("fragment"));
        assert.ok(blocks.length >= 8, `found ${blocks.length} TypeScript blocks`);
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
            // The examples meant to be run as written: those that name the emulator's endpoint.
            .filter(
                (line) => /^(npx (--no-install )?)?ncloud-members (org-accounts|mcc-users)\b/.test(line) && line.includes("--endpoint http://127.0.0.1:8080"),
            );

        it("never a bare `npx ncloud-members`, which may run another package with the user's keys", () => {
            const bare = PAGES.flatMap((page) => [...TEXT[page].matchAll(/npx (?!--no-install)[^\n`]*ncloud-members/g)].map((m) => `${page}: ${m[0]}`));
            assert.deepEqual(
                bare.filter((line) => !/a bare `npx/.test(line)),
                [],
            );
        });

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
