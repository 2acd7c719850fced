import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished, printed, runCli, spawnCli } from "../helpers/cli";
import { COMPANY, mccUsers, ORG_GROUP, organizationAccounts, testData, testEmulator } from "../helpers/emulator";

/** Resolves when `check` holds after a change in `dir` (no fixed sleep); rejects if `ended` settles first. */
function fileEvent(dir: string, check: () => boolean, ended: Promise<unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
        const watcher = watch(dir, () => {
            if (!check()) return;
            watcher.close();
            resolve();
        });
        void ended.then((run) => {
            watcher.close();
            reject(new Error(`the command ended first: ${JSON.stringify(run)}`));
        });
    });
}

describe("ncloud-members exports: --output-file, --bom, interrupts", function () {
    this.timeout(30_000);
    let dir: string;
    let path: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "ncm-export-"));
        path = join(dir, "members.csv");
    });
    // 50 users in pages of 10: a listing of five pages.
    const fivePages = () => testEmulator({ data: testData({ mccCompanies: { [COMPANY]: mccUsers(50) } }) });
    const list = (url: string, ...more: string[]) => ["mcc-users", "--company", COMPANY, "--endpoint", url, "--page-size", "10", ...more];

    it("writes the listing to PATH, byte for byte what stdout would show, replacing what it had and keeping its permissions", async () => {
        const emulator = await fivePages();
        const piped = await runCli(list(emulator.url, "-o", "csv"));
        assert.equal(piped.code, 0, piped.stderr);
        writeFileSync(path, "old\n");
        chmodSync(path, 0o600);
        const result = await runCli(list(emulator.url, "-o", "csv", "--output-file", path));
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, "");
        assert.equal(readFileSync(path, "utf8"), piped.stdout);
        assert.equal(piped.stdout.split("\r\n").length, 1 + 50 + 1);
        assert.equal(statSync(path).mode & 0o777, 0o600, "personal data stays as private as the file was");
        assert.deepEqual(readdirSync(dir), ["members.csv"], "no temporary file is left");
    });

    it("a symbolic link is followed, even one whose target does not exist yet: the target is written, the link stays", async () => {
        const emulator = await testEmulator();
        const link = join(dir, "latest.json");
        symlinkSync("accounts-2026.json", link);
        const result = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", emulator.url, "--output-file", link]);
        assert.equal(result.code, 0, result.stderr);
        assert.ok(lstatSync(link).isSymbolicLink(), "the link is still a link");
        assert.deepEqual(JSON.parse(readFileSync(join(dir, "accounts-2026.json"), "utf8")), organizationAccounts());
    });

    it("Terraform mode: a mistyped query key is named with the key it most likely meant", async () => {
        const result = await runCli(["org-accounts", "--terraform-external"], { stdin: JSON.stringify({ group: "320", outputfile: "x.json" }) });
        assert.equal(result.code, 2);
        assert.match(result.stderr, /unknown query key\(s\) outputfile \(did you mean output_file\?\)/);
    });

    it("without --output, the file gets JSON", async () => {
        const emulator = await testEmulator();
        const result = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", emulator.url, "--output-file", join(dir, "accounts.json")]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8")), organizationAccounts());
    });

    it("a listing that fails midway leaves PATH as it was (or absent) and no temporary file, exit 1", async () => {
        // members.csv had something; absent.csv did not exist.
        for (const [name, before] of [
            ["members.csv", "old\n"],
            ["absent.csv", undefined],
        ] as const) {
            const emulator = await testEmulator({
                data: testData({ mccCompanies: { [COMPANY]: mccUsers(50) } }),
                // A later page is refused (400 is not retried).
                faults: [{ api: "mcc", kind: "status", status: 400, errorCode: "100", skip: 2 }],
            });
            if (before !== undefined) writeFileSync(join(dir, name), before);
            const result = await runCli(list(emulator.url, "-o", "csv", "--output-file", join(dir, name)));
            assert.equal(result.code, 1);
            assert.match(result.stderr, /^ncloud-members: NCP API answered HTTP 400 .*\n$/);
            assert.equal(result.stdout, "");
            assert.deepEqual(readdirSync(dir), ["members.csv"]);
            assert.equal(readFileSync(path, "utf8"), "old\n");
        }
    });

    it("Ctrl-C (SIGINT) midway: exit 130, one line saying nothing was written, PATH as it was, no temporary file", async () => {
        const emulator = await testEmulator({
            data: testData({ mccCompanies: { [COMPANY]: mccUsers(50) } }),
            // The second page never comes (in this test's time): the command waits with the first in its temporary file.
            faults: [{ api: "mcc", kind: "stall", ms: 20_000, skip: 1 }],
        });
        writeFileSync(path, "old\n");
        const child = spawnCli(list(emulator.url, "-o", "csv", "--output-file", path));
        const done = finished(child);
        // The first page is in the temporary file beside PATH.
        await fileEvent(
            dir,
            () => readdirSync(dir).some((name) => name.endsWith(".tmp") && readFileSync(join(dir, name), "utf8").includes("user000009@")),
            done,
        );
        child.kill("SIGINT");
        const result = await done;
        assert.equal(result.code, 130);
        assert.equal(result.stderr, `ncloud-members: the listing was interrupted; nothing was written to ${path}\n`);
        assert.equal(readFileSync(path, "utf8"), "old\n");
        assert.deepEqual(readdirSync(dir), ["members.csv"]);
    });

    it("Ctrl-C (SIGINT) with the listing on stdout: exit 130, one line saying what was printed is incomplete; SIGTERM 143", async () => {
        for (const [signal, code] of [
            ["SIGINT", 130],
            ["SIGTERM", 143],
        ] as const) {
            const emulator = await testEmulator({
                data: testData({ mccCompanies: { [COMPANY]: mccUsers(50) } }),
                faults: [{ api: "mcc", kind: "stall", ms: 20_000, skip: 1 }],
            });
            const child = spawnCli(list(emulator.url));
            const done = finished(child);
            await printed(child.stdout!, /user000009@/);
            child.kill(signal);
            const result = await done;
            assert.equal(result.code, code, signal);
            assert.equal(result.stderr, "ncloud-members: the listing was interrupted; what was printed is incomplete\n");
            assert.throws(() => JSON.parse(result.stdout) as unknown, SyntaxError, "the JSON array is left open");
        }
    });

    it("a folder that does not exist, or PATH that is a folder, is a usage error before any request (exit 2)", async () => {
        const emulator = await testEmulator();
        const missing = join(dir, "no-such-folder", "members.csv");
        const result = await runCli(list(emulator.url, "--output-file", missing));
        assert.equal(result.code, 2);
        assert.equal(result.stderr, `ncloud-members: --output-file ${missing}: cannot create a file in ${join(dir, "no-such-folder")} (no such folder)\n`);
        mkdirSync(join(dir, "sub"));
        const folder = await runCli(list(emulator.url, "--output-file", join(dir, "sub")));
        assert.equal(folder.code, 2);
        assert.equal(folder.stderr, `ncloud-members: --output-file ${join(dir, "sub")}: is a folder; give the name of a file\n`);
        assert.equal(emulator.requests.length, 0);
        assert.deepEqual(readdirSync(dir), ["sub"]);
        assert.deepEqual(readdirSync(join(dir, "sub")), []);
    });

    it("Terraform mode: output_file gets the list (as --output says, JSON by default) and stdout the result, as without it", async () => {
        const emulator = await testEmulator();
        const query = { company: COMPANY, fields: "externalKey,emailAddr", endpoint: emulator.url };
        const plain = await runCli(["mcc-users", "--terraform-external"], { stdin: JSON.stringify(query) });
        const json = join(dir, "users.json");
        const result = await runCli(["mcc-users", "--terraform-external"], { stdin: JSON.stringify({ ...query, output_file: json }) });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, plain.stdout);
        assert.deepEqual(JSON.parse(readFileSync(json, "utf8")), JSON.parse((JSON.parse(result.stdout) as { users: string }).users));

        const csv = await runCli(["mcc-users", "--terraform-external", "--output", "csv", "--bom"], {
            stdin: JSON.stringify({ ...query, output_file: path }),
        });
        assert.equal(csv.code, 0, csv.stderr);
        assert.equal(readFileSync(path, "utf8").split("\r\n")[0], "\ufeffexternalKey,emailAddr");

        const bad = await runCli(["org-accounts", "--terraform-external"], {
            stdin: JSON.stringify({ group: String(ORG_GROUP), endpoint: emulator.url, output_file: dir }),
        });
        assert.equal(bad.code, 2);
        assert.equal(bad.stderr, `ncloud-members: query key output_file ${dir}: is a folder; give the name of a file\n`);
        assert.equal(bad.stdout, "");
    });

    it("--bom puts a UTF-8 byte order mark before the CSV header and changes nothing else", async () => {
        const emulator = await testEmulator();
        const plain = await runCli(list(emulator.url, "-o", "csv"));
        const bom = await runCli(list(emulator.url, "-o", "csv", "--bom"));
        assert.equal(bom.code, 0, bom.stderr);
        assert.equal(bom.stdout, `\ufeff${plain.stdout}`);
        const file = await runCli(list(emulator.url, "-o", "csv", "--bom", "--output-file", path));
        assert.equal(file.code, 0, file.stderr);
        const bytes = readFileSync(path);
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        assert.equal(bytes.subarray(3).toString("utf8"), plain.stdout);
    });

    it("--bom with an output other than CSV is a usage error, in the words of the flags", async () => {
        const emulator = await testEmulator();
        const json = await runCli(list(emulator.url, "-o", "json", "--bom"));
        assert.equal(json.code, 2);
        assert.equal(json.stderr, "ncloud-members: --bom is for --output csv only, not --output json\n");
        const byDefault = await runCli(list(emulator.url, "--bom"));
        assert.equal(byDefault.stderr, "ncloud-members: --bom is for --output csv only, not the default json\n");
        assert.equal(emulator.requests.length, 0);
    });
});
