import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished, runCli, spawnCli } from "../helpers/cli";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, mccUsers, ORG_GROUP, organizationAccounts, testData, testEmulator, useEmulator } from "../helpers/emulator";

describe("the ncloud-members command", function () {
    this.timeout(30_000);
    const ctx = useEmulator();
    const endpoint = () => ["--endpoint", ctx.emulator.url];

    it("org-accounts prints the group as JSON when piped", async () => {
        const result = await runCli(["org-accounts", "--group", String(ORG_GROUP), ...endpoint()]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout), organizationAccounts());
        assert.equal(result.stderr, "");
    });

    it("mcc-users with repeatable filters, and as CSV with every field flattened", async () => {
        const json = await runCli([
            "mcc-users",
            "--company",
            COMPANY,
            "--filter",
            "deptExternalKey=dept01,dept03",
            "--filter",
            "i18nNames.ko_KR~=^김",
            ...endpoint(),
        ]);
        assert.equal(json.code, 0, json.stderr);
        assert.deepEqual(
            (JSON.parse(json.stdout) as { externalKey: string }[]).map((u) => u.externalKey),
            ["user000001", "user000003"],
        );
        const csv = await runCli(["mcc-users", "--company", COMPANY, "--output", "csv", "--page-size", "2", ...endpoint()]);
        assert.equal(csv.code, 0, csv.stderr);
        const lines = csv.stdout.split("\r\n");
        // Every documented field has a column (the header is fixed before the rows stream), i18nNames one per locale.
        assert.equal(
            lines[0],
            "externalKey,name,i18nNames.ko_KR,i18nNames.en_US,deptExternalKey,jobGradeExternalKey,jobPositionExternalKey,emailAddr,telNo,cphNo,localeTypeCd,tmznTypeCd",
        );
        assert.equal(lines[1], "user000000,Member 0,이0,Member 0,dept00,,,user000000@example.com,,KR+82 01012345678,,");
        assert.equal(lines[3], "user000002,,,,,,,,,,,");
        assert.equal(lines.length, 1 + 7 + 1);
    });

    it("--output table shows the people-first columns and a count", async () => {
        const result = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--output", "table", ...endpoint()]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /│ memberNo │ loginId +│ memberName +│ memberStatusCode │ masterMemberYn │ memberAlias │/);
        assert.match(result.stdout, /│ 5001535 +│ o\*\*\*m03@na\*\*\*rp\.com │ 멤버03 +│ JOIN +│ N +│ ops +│/);
        assert.match(result.stdout, /3 account\(s\) in organization group 320\n$/);
    });

    it("speaks Terraform's external protocol: a JSON object of strings in, one flat object of strings out", async () => {
        const query = JSON.stringify({
            company: COMPANY,
            filters: JSON.stringify([{ name: "deptExternalKey", values: ["dept00"] }]),
            page_size: "3",
            endpoint: ctx.emulator.url,
        });
        const result = await runCli(["mcc-users", "--terraform-external"], { stdin: query });
        assert.equal(result.code, 0, result.stderr);
        const out = JSON.parse(result.stdout) as Record<string, unknown>;
        assert.ok(Object.values(out).every((v) => typeof v === "string"));
        const expected = mccUsers(7).filter((u) => u.deptExternalKey === "dept00");
        assert.deepEqual(out, { company_id: COMPANY, count: String(expected.length), total: "7", users: JSON.stringify(expected) });

        const org = await runCli(["org-accounts", "--terraform-external"], {
            stdin: JSON.stringify({ group: "320", filter: "memberStatusCode=JOIN", endpoint: ctx.emulator.url }),
        });
        assert.equal((JSON.parse(org.stdout) as { count: string }).count, "2");
    });

    it("fields narrows what is returned (less personal data in Terraform state), and an unknown field is an error", async () => {
        const query = JSON.stringify({ company: COMPANY, fields: "externalKey,emailAddr", endpoint: ctx.emulator.url });
        const result = await runCli(["mcc-users", "--terraform-external"], { stdin: query });
        assert.equal(result.code, 0, result.stderr);
        const users = JSON.parse((JSON.parse(result.stdout) as { users: string }).users) as Record<string, unknown>[];
        assert.deepEqual(users[0], { externalKey: "user000000", emailAddr: "user000000@example.com" });
        assert.deepEqual(users[2], { externalKey: "user000002" });
        const flag = await runCli(["mcc-users", "--company", COMPANY, "--fields", "externalKey,i18nNames.ko_KR", "--output", "csv", ...endpoint()]);
        assert.equal(flag.stdout.split("\r\n")[0], "externalKey,i18nNames.ko_KR");
        const bad = await runCli(["mcc-users", "--company", COMPANY, "--fields", "email", ...endpoint()]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--fields: "email" is not a field of this list/);
    });

    it("Terraform protocol errors go to stderr with a non-zero exit", async () => {
        const notStrings = await runCli(["org-accounts", "--terraform-external"], { stdin: JSON.stringify({ group: 320 }) });
        assert.equal(notStrings.code, 2);
        assert.equal(notStrings.stdout, "");
        assert.match(notStrings.stderr, /the query must be a JSON object whose values are all strings/);
        const unknownKey = await runCli(["org-accounts", "--terraform-external"], { stdin: JSON.stringify({ group: "320", compnay: "x" }) });
        assert.match(unknownKey.stderr, /unknown query key\(s\) compnay; use group, filters, filter, fields, site, endpoint/);
    });

    it("Terraform mode: a bad filter or company id is told in the query's words (a key of a filter the package does not take, a field the list lacks), with nothing sent", async () => {
        const cases: [Record<string, string>, string][] = [
            [
                { filters: JSON.stringify([{ name: "memberName", values: ["a"], regx: "true" }]) },
                "query key filters: filters[0].regx is not a key of a filter; use name, values, regex",
            ],
            [{ filters: JSON.stringify([{ name: "nope", values: ["a"] }]) }, 'query key filters: filters[0].name "nope" is not a field of this list'],
            [{ filter: "nope=a" }, 'query key filter: name "nope" is not a field of this list'],
            [{ filter: "memberName=" }, 'query key filter "memberName=": a value is empty'],
            [{ filters: "not json" }, "query key filters must be a JSON-encoded list"],
        ];
        for (const [keys, message] of cases) {
            const result = await runCli(["org-accounts", "--terraform-external", ...endpoint()], {
                stdin: JSON.stringify({ group: String(ORG_GROUP), ...keys }),
            });
            assert.equal(result.code, 2, result.stderr);
            assert.ok(result.stderr.startsWith(`ncloud-members: --terraform-external: ${message}`), result.stderr);
        }
        const company = await runCli(["mcc-users", "--terraform-external", ...endpoint()], { stdin: JSON.stringify({ company: "bad/id" }) });
        assert.equal(company.code, 2, company.stderr);
        assert.match(company.stderr, /^ncloud-members: query key company must be 1 to 36 letters[^/]*\n$/);
        assert.equal(ctx.emulator.requests.length, 0);
    });

    it("--filter with a decomposed (NFD) Korean name matches the composed name, and prints it as the server sent it", async () => {
        const result = await runCli(["mcc-users", "--company", COMPANY, "--filter", `i18nNames.ko_KR=${"김1".normalize("NFD")}`, ...endpoint()]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(
            JSON.parse(result.stdout),
            mccUsers(7).filter((u) => u.externalKey === "user000001"),
        );
    });

    it('Terraform mode: a key sent as "" or null, or blank, is not given, so the command line\'s flag holds, and it is no error', async () => {
        const cwd = mkdtempSync(join(tmpdir(), "ncm-terraform-"));
        for (const value of ["", null, " ", "\t"]) {
            const query = JSON.stringify({ group: String(ORG_GROUP), endpoint: value, site: value, filters: value, fields: value, output_file: value });
            // Were the flag dropped, the request would go to this closed port on loopback, never to NCP's host.
            const env = { NCLOUD_ORGANIZATION_ENDPOINT: "http://127.0.0.1:1" };
            const result = await runCli(["org-accounts", "--terraform-external", ...endpoint()], { stdin: query, cwd, env });
            assert.equal(result.code, 0, result.stderr);
            assert.deepEqual(JSON.parse((JSON.parse(result.stdout) as { accounts: string }).accounts), organizationAccounts());
            assert.deepEqual(readdirSync(cwd), [], "no output file was written");
        }
        assert.equal(ctx.emulator.requests.length, 4, "each reached the emulator named by --endpoint");
    });

    it("Terraform mode: a query past 64 KiB is decoded whole, even with a Korean character across two reads of stdin", async () => {
        // The filter value 김1 with the first byte of 김 at byte 65,535: the last byte of the first 64 KiB read.
        const query = (pad: number) =>
            JSON.stringify({
                company: COMPANY,
                endpoint: ctx.emulator.url,
                filters: JSON.stringify([{ name: "i18nNames.ko_KR", values: ["x".repeat(pad), "김1"] }]),
            });
        const pad = 65_535 - Buffer.from(query(0)).indexOf(Buffer.from("김1"));
        assert.equal(Buffer.from(query(pad)).indexOf(Buffer.from("김")), 65_535);
        const result = await runCli(["mcc-users", "--terraform-external"], { stdin: query(pad) });
        assert.equal(result.code, 0, result.stderr);
        const users = JSON.parse((JSON.parse(result.stdout) as { users: string }).users) as { externalKey: string }[];
        assert.deepEqual(
            users.map((u) => u.externalKey),
            ["user000001"],
        );
    });

    const exits: [string, string[], number, RegExp][] = [
        [
            "an API error exits 1 with the NCP code and trace id on one line",
            ["org-accounts", "--group", "999"],
            1,
            /^ncloud-members: NCP API answered HTTP 404 \(NCP code 300: .*\[trace id [0-9a-f]+\]\n$/,
        ],
        [
            "a bad group exits 2",
            ["org-accounts", "--group", "abc"],
            2,
            /^ncloud-members: --group must be a whole number from 1 to 9007199254740991, got "abc"\n$/,
        ],
        [
            "a bad company id exits 2, in the words of the flag, without echoing it",
            ["mcc-users", "--company", "bad id!"],
            2,
            /^ncloud-members: --company must be 1 to 36 letters[^!]*\n$/,
        ],
        ["a bad filter exits 2", ["mcc-users", "--company", COMPANY, "--filter", "nope=1"], 2, /"nope" is not a field of this list/],
        ["an unknown option exits 2", ["org-accounts", "--group", "320", "--colour"], 2, /Unknown option '--colour' \(see --help\)/],
        ["a missing target exits 2", ["mcc-users"], 2, /--company is required/],
        ["an unknown output format exits 2", ["org-accounts", "--group", "320", "--output", "xml"], 2, /--output must be table, json or csv/],
        [
            "a negative group is judged as a value, not taken for a flag",
            ["org-accounts", "--group", "-5"],
            2,
            /^ncloud-members: --group must be a whole number from 1 to \d+, got "-5"\n$/,
        ],
        [
            "a number beyond 2^53 is refused, not rounded",
            ["org-accounts", "--group", "9007199254740993"],
            2,
            /^ncloud-members: --group must be a whole number from 1 to 9007199254740991, got "9007199254740993"\n$/,
        ],
        [
            "a single-value flag given twice is an error",
            ["org-accounts", "--group", "320", "--group", "321"],
            2,
            /^ncloud-members: --group is given more than once; give it once\n$/,
        ],
        [
            "an empty filter value is an error",
            ["mcc-users", "--company", COMPANY, "--filter", "name="],
            2,
            /^ncloud-members: --filter "name=": a value is empty/,
        ],
        [
            "a regex filter with a nested quantifier is refused",
            ["mcc-users", "--company", COMPANY, "--filter", "name~=(a+)+$"],
            2,
            /--filter: has a nested quantifier/,
        ],
        [
            "a bad --timeout is refused",
            ["org-accounts", "--group", "320", "--timeout", "soon"],
            2,
            /^ncloud-members: --timeout must be a duration such as 30 \(seconds\)/,
        ],
        [
            "a site without the API names the CLI's settings",
            ["org-accounts", "--group", "320", "--site", "gov", "--endpoint", ""],
            2,
            /--endpoint needs a value/,
        ],
    ];
    for (const [what, args, code, stderr] of exits) {
        it(what, async () => {
            const result = await runCli([...args, ...endpoint()]);
            assert.equal(result.code, code);
            assert.match(result.stderr, stderr);
            assert.equal(result.stdout, "");
        });
    }

    it("missing credentials exit 3, naming where they can come from, with nothing sent", async () => {
        const result = await runCli(["org-accounts", "--group", "320", ...endpoint()], { env: { NCLOUD_ACCESS_KEY: "", NCLOUD_SECRET_KEY: "" } });
        assert.equal(result.code, 3);
        assert.match(result.stderr, /^ncloud-members: no NCP access key and secret key were found\. .*NCLOUD_ACCESS_KEY.*~\/\.ncloud\/configure.*\n$/);
        assert.equal(result.stdout, "");
        assert.equal(ctx.emulator.requests.length, 0);
    });

    it("credentials the API refuses (HTTP 401) exit 3, and the secret is never printed", async () => {
        const wrong = `wrong-secret-${CANARY_SECRET}`;
        const result = await runCli(["mcc-users", "--company", COMPANY, "-o", "csv", ...endpoint()], { env: { NCLOUD_SECRET_KEY: wrong } });
        assert.equal(result.code, 3);
        assert.match(result.stderr, /^ncloud-members: NCP API answered HTTP 401 \(NCP code 200: Authentication Failed[^)]*\) to GET .*\n$/);
        assert.ok(!result.stderr.includes("secret-"), result.stderr);
        assert.equal(result.stdout, "");
    });

    it("-o is --output; a mistyped flag or command is answered with the one it most likely meant", async () => {
        const short = await runCli(["org-accounts", "--group", "320", "-o", "csv", ...endpoint()]);
        const long = await runCli(["org-accounts", "--group", "320", "--output", "csv", ...endpoint()]);
        assert.equal(short.code, 0, short.stderr);
        assert.equal(short.stdout, long.stdout);
        assert.match(short.stdout, /^memberNo,/);
        const twice = await runCli(["org-accounts", "--group", "320", "-o", "csv", "--output", "json", ...endpoint()]);
        assert.equal(twice.stderr, "ncloud-members: --output is given more than once; give it once\n");
        const typos: [string[], string][] = [
            [["org-accounts", "--group", "320", "--ouput", "csv"], "Unknown option '--ouput': did you mean --output? (see --help)"],
            [["org-accounts", "--group", "320", "--ouput=csv"], "Unknown option '--ouput': did you mean --output? (see --help)"],
            [["mcc-users", "--company", COMPANY, "--output-fle", "x.csv"], "Unknown option '--output-fle': did you mean --output-file? (see --help)"],
            [["mcc-users", "--compnay", COMPANY], "Unknown option '--compnay': did you mean --company? (see --help)"],
            [["mcc-users", "--company", COMPANY, "--pagesize", "5"], "Unknown option '--pagesize': did you mean --page-size? (see --help)"],
            [["mcc-user", "--company", COMPANY], 'unknown command "mcc-user": did you mean mcc-users? (see ncloud-members --help)'],
            [["--verison"], 'unknown option "--verison": did you mean --version? (see ncloud-members --help)'],
        ];
        for (const [args, line] of typos) {
            const result = await runCli([...args, ...endpoint()]);
            assert.equal(result.code, 2, args.join(" "));
            assert.equal(result.stderr, `ncloud-members: ${line}\n`);
            assert.equal(result.stdout, "");
        }
        const help = await runCli(["help", "emulatr"]);
        assert.equal(help.code, 2);
        assert.equal(help.stderr, 'ncloud-members: help: unknown command "emulatr": did you mean emulator?\n');
        assert.equal(ctx.emulator.requests.length, 2, "only the two listings reached the server");
    });

    it("--debug logs each request to stderr, never the secret", async () => {
        const result = await runCli(["org-accounts", "--group", "320", "--debug", ...endpoint()]);
        assert.equal(result.code, 0);
        assert.match(result.stderr, /^\[ncloud-members\] GET \/open-api\/v1\/account\/group\/320 -> 200, trace id [0-9a-f]+ \(attempt 1\/4\)\n$/);
        assert.ok(!result.stderr.includes(CANARY_SECRET));
    });

    it("an unavailable site's error names --endpoint and the environment, not call options or config keys", async () => {
        const result = await runCli(["org-accounts", "--group", "320", "--site", "gov"]);
        assert.equal(result.code, 2);
        assert.equal(
            result.stderr,
            "ncloud-members: --site: the gov site does not offer the Organization API (offered on: public); set --endpoint or NCLOUD_ORGANIZATION_ENDPOINT to use another endpoint\n",
        );
    });

    it("--timeout and --deadline bound a server that never answers", async () => {
        ctx.emulator.setFaults([{ api: "organization", kind: "stall", ms: 10_000, every: 1 }]);
        const started = Date.now();
        // Three attempts of 200 ms take 600 ms even with no backoff between them, so the 500 ms deadline always
        // comes first (with 1 s, four attempts and short random backoffs could all time out before it).
        const result = await runCli(["org-accounts", "--group", "320", "--timeout", "200ms", "--deadline", "500ms", ...endpoint()]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /^ncloud-members: GET \/open-api\/v1\/account\/group\/320 did not complete within the 500 ms deadline\n$/);
        assert.ok(Date.now() - started < 5_000);
    });

    it("CSV writes its header even when no row matches", async () => {
        const result = await runCli(["mcc-users", "--company", COMPANY, "--filter", "deptExternalKey=none", "--output", "csv", ...endpoint()]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(
            result.stdout,
            "externalKey,name,deptExternalKey,jobGradeExternalKey,jobPositionExternalKey,emailAddr,telNo,cphNo,localeTypeCd,tmznTypeCd\r\n".replace(
                "name,",
                "name,i18nNames.ko_KR,i18nNames.en_US,",
            ),
        );
    });

    it("a closed pipe ends the command quietly, exit 0 (… | head -2)", async () => {
        const big = mccUsers(5_000, "pipe");
        const emulator = await testEmulator({ data: testData({ mccCompanies: { [COMPANY]: big } }) });
        const child = spawnCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--output", "csv"]);
        const done = finished(child);
        let lines = 0;
        child.stdout!.on("data", (chunk: Buffer) => {
            lines += chunk.toString().split("\n").length - 1;
            // As head does: read two lines, then close the pipe.
            if (lines >= 2) child.stdout!.destroy();
        });
        const result = await done;
        assert.equal(result.code, 0);
        assert.equal(result.stderr, "");
    });

    it("on a terminal: a line on stderr says what it waits for, and the table fits the terminal's width", async () => {
        // A pseudo-terminal from util-linux's script(1), as a person's shell gives one.
        const emulator = await testEmulator({ faults: [{ api: "organization", kind: "stall", ms: 2_500 }] });
        const command = `stty cols 60; node ${join(__dirname, "..", "..", "dist", "cli", "main.js")} org-accounts --group 320 --endpoint ${emulator.url}`;
        const result = await finished(
            spawn("script", ["-qec", command, "/dev/null"], {
                env: { PATH: process.env.PATH, HOME: process.env.HOME, NCLOUD_ACCESS_KEY: ACCESS_KEY, NCLOUD_SECRET_KEY: CANARY_SECRET, TERM: "xterm" },
            }),
        );
        assert.equal(result.code, 0, result.stdout);
        assert.match(result.stdout, /waiting for the NCP API: [12] s/);
        const tableLines = result.stdout.split(/\r?\n/).filter((line) => line.startsWith("│") || line.startsWith("┌"));
        assert.ok(tableLines.length >= 4);
        for (const line of tableLines) assert.ok(line.length <= 60, `${line.length} columns: ${line}`);
        assert.match(result.stdout, /3 account\(s\) in organization group 320/);
    });

    it("version, --version and help COMMAND, exit 0", async () => {
        const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
        for (const args of [["version"], ["--version"], ["mcc-users", "--version"], ["emulator", "--version"]]) {
            const result = await runCli(args);
            assert.equal(result.code, 0);
            assert.equal(result.stdout, `${version}\n`);
        }
        for (const command of ["org-accounts", "mcc-users", "emulator"]) {
            const help = await runCli(["help", command]);
            assert.equal(help.code, 0);
            assert.match(help.stdout, new RegExp(`^Usage: ncloud-members ${command}`));
        }
        assert.equal((await runCli(["help", "nope"])).code, 2);
        const extra = await runCli(["version", "--json"]);
        assert.equal(extra.code, 2);
        assert.equal(extra.stderr, 'ncloud-members: version takes no arguments, got "--json"\n');
    });

    it("--help for each command, and the command list", async () => {
        for (const command of ["org-accounts", "mcc-users", "emulator"]) {
            const help = await runCli([command, "--help"]);
            assert.equal(help.code, 0);
            assert.match(help.stdout, new RegExp(`^Usage: ncloud-members ${command}`));
        }
        const list = await runCli(["--help"]);
        assert.match(list.stdout, /org-accounts .*\n.*mcc-users .*\n.*emulator /);
    });
});
