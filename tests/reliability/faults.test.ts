import assert from "node:assert/strict";
import type { EmulatorData, Fault } from "../../emulator";
import {
    getMccUsers,
    getOrganizationAccounts,
    IncompleteListingError,
    NcloudApiError,
    NcloudError,
    NcloudNetworkError,
    NcloudTimeoutError,
    ResponseValidationError,
    type NcloudInvokeOptions,
} from "../../sdk";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, mccUsers, ORG_GROUP, organizationAccounts, testData, testEmulator, useEmulator } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";
import { ALL_LOG_LINES, recordingLogger, type RecordingLogger } from "../helpers/recordingLogger";

const MINUTE = 60_000;
const ERRORS_SEEN: unknown[] = [];

/** One API, as the suite drives it: the call, the list it must return, and which requests are its own. */
interface Api {
    readonly name: "organization" | "mcc";
    call(opts: NcloudInvokeOptions): Promise<readonly unknown[]>;
    readonly expected: readonly unknown[];
}

const APIS: readonly Api[] = [
    {
        name: "organization",
        call: async (o) => (await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, o)).accounts,
        expected: organizationAccounts(),
    },
    { name: "mcc", call: async (o) => (await getMccUsers({ companyId: COMPANY }, o)).users, expected: mccUsers(7) },
];

describe("fault injection: the client against a bad day at the gateway", function () {
    this.timeout(30_000);
    const data: EmulatorData = testData();
    const ctx = useEmulator({ data });
    let logger: RecordingLogger;
    beforeEach(() => {
        ctx.emulator.setClockOffset(0);
        logger = recordingLogger();
    });

    const opts = (extra: NcloudInvokeOptions = {}): NcloudInvokeOptions => ({
        accessKey: ACCESS_KEY,
        secretKey: CANARY_SECRET,
        organizationEndpoint: ctx.emulator.url,
        mccEndpoint: ctx.emulator.url,
        logger,
        retry: { baseDelayMs: 10, maxDelayMs: 40 },
        share: false,
        ...extra,
    });
    const failure = async (call: Promise<unknown>) => {
        const error = await call.then(
            () => assert.fail("the call succeeded"),
            (e: unknown) => e,
        );
        ERRORS_SEEN.push(error);
        return error;
    };

    for (const api of APIS) {
        describe(`${api.name} API`, () => {
            const recovered: [string, Fault, number][] = [
                ["503 Endpoint Error, twice", { kind: "status", status: 503, errorCode: "500", message: "Endpoint Error", times: 2 }, 3],
                ["500 Unexpected Error", { kind: "status", status: 500, errorCode: "900", message: "Unexpected Error" }, 2],
                ["502 and 504", { kind: "status", status: 502, times: 1 }, 2],
                ["429 Throttle Limited", { kind: "status", status: 429, errorCode: "410", message: "Throttle Limited" }, 2],
                ["a connection reset before the headers", { kind: "reset" }, 2],
                ["stalled headers past the attempt's timeout", { kind: "stall", ms: 1_000 }, 2],
                ["a body shorter than its Content-Length", { kind: "truncate" }, 2],
            ];
            for (const [what, fault, requests] of recovered) {
                it(`recovers from ${what}: the whole list, ${requests} requests, waits within the backoff`, async () => {
                    ctx.emulator.setFaults([{ api: api.name, ...fault }]);
                    const list = await api.call(opts({ timeoutMs: 300 }));
                    assert.deepEqual(list, api.expected);
                    assert.equal(ctx.emulator.requests.length, requests);
                    const waits = logger.waits();
                    assert.equal(waits.length, requests - 1);
                    waits.forEach((w, i) => assert.ok(w >= 0 && w <= Math.min(40, 10 * 2 ** i), `wait ${w} ms after attempt ${i + 1}`));
                });
            }

            const final: [string, Fault, (e: unknown) => void][] = [
                ["400 Bad Request", { kind: "status", status: 400, errorCode: "100" }, (e) => assert.ok(e instanceof NcloudApiError && e.status === 400)],
                [
                    "401 Permission Denied (clock right)",
                    { kind: "status", status: 401, errorCode: "210" },
                    (e) => assert.ok(e instanceof NcloudApiError && e.errorCode === "210"),
                ],
                ["403 Forbidden", { kind: "status", status: 403, errorCode: "230" }, (e) => assert.ok(e instanceof NcloudApiError && e.status === 403)],
                ["404 Not Found", { kind: "status", status: 404, errorCode: "300" }, (e) => assert.ok(e instanceof NcloudApiError && e.status === 404)],
                [
                    "an HTML page with status 200",
                    { kind: "body", body: "<html><body>maintenance</body></html>" },
                    (e) => assert.ok(e instanceof ResponseValidationError),
                ],
                [
                    "malformed JSON with status 200",
                    { kind: "body", contentType: "application/json", body: '{"page": {"count": 1,' },
                    (e) => assert.ok(e instanceof ResponseValidationError),
                ],
            ];
            for (const [what, fault, check] of final) {
                it(`does not retry ${what}: one request, the right error`, async () => {
                    ctx.emulator.setFaults([{ api: api.name, ...fault, times: 5 }]);
                    const error = await failure(api.call(opts()));
                    check(error);
                    assert.equal((error as { retryable?: boolean }).retryable ?? false, false);
                    assert.equal(ctx.emulator.requests.length, 1);
                    assert.deepEqual(logger.waits(), []);
                });
            }

            it("gives up after 4 attempts in all on a gateway that keeps failing, with the last error and its facts", async () => {
                ctx.emulator.setFaults([{ api: api.name, kind: "status", status: 503, errorCode: "500", message: "Endpoint Error", every: 1 }]);
                const error = await failure(api.call(opts()));
                assert.ok(error instanceof NcloudApiError);
                assert.equal(error.status, 503);
                assert.equal(error.attempts, 4);
                assert.equal(error.retryable, true);
                assert.equal(ctx.emulator.requests.length, 4);
                assert.match(logger.lines.at(-1)!, /\(attempt 4\/4\); giving up: every attempt failed$/);
            });

            it("honours Retry-After in seconds", async () => {
                ctx.emulator.setFaults([{ api: api.name, kind: "status", status: 429, errorCode: "400", message: "Quota Exceeded", retryAfter: "1" }]);
                const started = Date.now();
                assert.deepEqual(await api.call(opts()), api.expected);
                assert.deepEqual(logger.waits(), [1000]);
                assert.ok(Date.now() - started >= 990);
            });

            it("honours Retry-After as an HTTP date, against the gateway's own clock", async () => {
                // The gateway's clock is 3 minutes ahead: a date 2 s after its "now" still means a 2 s wait.
                ctx.emulator.setClockOffset(3 * MINUTE);
                const at = new Date(Date.now() + 3 * MINUTE + 2_000).toUTCString();
                ctx.emulator.setFaults([{ api: api.name, kind: "status", status: 503, retryAfter: at }]);
                assert.deepEqual(await api.call(opts()), api.expected);
                const [wait] = logger.waits();
                assert.ok(wait >= 1_000 && wait <= 2_000, `waited ${wait} ms`);
            });

            it("a garbage Retry-After falls back to the backoff", async () => {
                ctx.emulator.setFaults([{ api: api.name, kind: "status", status: 503, retryAfter: "soon-ish" }]);
                assert.deepEqual(await api.call(opts()), api.expected);
                assert.ok(logger.waits()[0] <= 10);
            });

            it("a Retry-After beyond maxRetryAfterMs ends the call at once", async () => {
                ctx.emulator.setFaults([{ api: api.name, kind: "status", status: 429, retryAfter: "120" }]);
                const error = await failure(api.call(opts({ retry: { maxRetryAfterMs: 10_000 } })));
                assert.ok(error instanceof NcloudApiError && error.status === 429 && error.retryAfter === "120");
                assert.equal(error.retryAfterMs, 120_000);
                assert.equal(error.retryable, true);
                assert.equal(error.attempts, 1);
                assert.equal(ctx.emulator.requests.length, 1);
                assert.match(logger.lines.at(-1)!, /Retry-After asks for 120000 ms, more than maxRetryAfterMs 10000/);
            });

            for (const offset of [6 * MINUTE, -7 * MINUTE]) {
                it(`a gateway clock ${offset / MINUTE} minutes off: one 401, re-signed with its time, then no more 401s and one warning`, async () => {
                    const skewed = await testEmulator({ data, clockOffsetMs: offset });
                    const o = opts({ organizationEndpoint: skewed.url, mccEndpoint: skewed.url });
                    assert.deepEqual(await api.call(o), api.expected);
                    assert.deepEqual(
                        skewed.requests.map((r) => r.status),
                        [401, 200],
                    );
                    assert.deepEqual(await api.call(o), api.expected);
                    assert.deepEqual(
                        skewed.requests.map((r) => r.status),
                        [401, 200, 200],
                    );
                    assert.equal(logger.warnings.length, 1);
                    assert.match(
                        logger.warnings[0],
                        new RegExp(
                            `clock is (${Math.abs(offset) / 1000 - 1}|${Math.abs(offset) / 1000}|${Math.abs(offset) / 1000 + 1}) s ${offset > 0 ? "behind" : "ahead of"} the NCP gateway's`,
                        ),
                    );
                });
            }

            it("a refused connection is retried, then an NcloudNetworkError", async () => {
                const dead = await testEmulator({ data });
                const url = dead.url;
                await dead.close();
                const error = await failure(api.call(opts({ organizationEndpoint: url, mccEndpoint: url })));
                assert.ok(error instanceof NcloudNetworkError);
                assert.equal(error.causeCode, "ECONNREFUSED");
                assert.equal(logger.waits().length, 3);
            });

            it("the deadline bounds the whole call, retries and waits included", async () => {
                ctx.emulator.setFaults([{ api: api.name, kind: "stall", ms: 5_000, every: 1 }]);
                const started = Date.now();
                const error = await failure(api.call(opts({ timeoutMs: 200, deadlineMs: 500 })));
                assert.ok(error instanceof NcloudTimeoutError);
                assert.equal(error.scope, "deadline");
                assert.match(error.message, /did not complete within the 500 ms deadline/);
                assert.ok(Date.now() - started < 1_500);
            });
        });
    }

    it("Organization's 403 COMMON_104 (a rate limit) is retried; other 403s are not", async () => {
        ctx.emulator.setFaults([
            { api: "organization", kind: "status", status: 403, errorCode: "COMMON_104", message: "limited for a while due to frequent requests" },
        ]);
        assert.deepEqual(await APIS[0].call(opts()), organizationAccounts());
        assert.deepEqual(
            ctx.emulator.requests.map((r) => r.status),
            [403, 200],
        );
        ctx.emulator.requests.length = 0;
        ctx.emulator.setFaults([{ api: "organization", kind: "status", status: 403, errorCode: "COMMON_101" }]);
        await failure(APIS[0].call(opts()));
        assert.equal(ctx.emulator.requests.length, 1);
    });

    it("NCLOUD_TIMEOUT_MS and NCLOUD_DEADLINE_MS set the defaults; a bad value is a ConfigurationError", async () => {
        ctx.emulator.setFaults([{ api: "organization", kind: "stall", ms: 5_000, every: 1 }]);
        process.env.NCLOUD_TIMEOUT_MS = "100";
        process.env.NCLOUD_DEADLINE_MS = "250";
        try {
            const error = await failure(APIS[0].call(opts()));
            assert.ok(error instanceof NcloudTimeoutError && error.scope === "deadline" && error.timeoutMs === 250);
            process.env.NCLOUD_TIMEOUT_MS = "soon";
            await assert.rejects(APIS[0].call(opts()), { code: "NCLOUD_CONFIGURATION", setting: "NCLOUD_TIMEOUT_MS" });
        } finally {
            delete process.env.NCLOUD_TIMEOUT_MS;
            delete process.env.NCLOUD_DEADLINE_MS;
        }
    });

    it("a dead gateway drains the endpoint's retry budget: later calls fail fast instead of waiting through retries", async () => {
        const dead = await testEmulator({ data, faults: [{ kind: "status", status: 503, every: 1 }] });
        const o = opts({ organizationEndpoint: dead.url, retry: { baseDelayMs: 0 } });
        const perCall: number[] = [];
        for (let i = 0; i < 40; i++) {
            const before = dead.requests.length;
            await failure(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, o));
            perCall.push(dead.requests.length - before);
        }
        assert.equal(perCall[0], 4);
        assert.deepEqual(perCall.slice(-5), [1, 1, 1, 1, 1]);
        assert.match(logger.lines.at(-1)!, /not retried: the retry budget for http:\/\/127\.0\.0\.1:\d+ is spent/);
    });

    describe("a list that changes during the listing", () => {
        it("one change: the listing starts again and returns the list as it now is", async () => {
            const users = mccUsers(250, "c");
            const emulatorData = testData({ mccCompanies: { [COMPANY]: users } });
            const changing = await testEmulator({ data: emulatorData, faults: [{ api: "mcc", kind: "grow", skip: 1 }] });
            const result = await getMccUsers({ companyId: COMPANY }, opts({ mccEndpoint: changing.url }));
            assert.equal(result.total, 251);
            assert.deepEqual(result.users, emulatorData.mccCompanies[COMPANY]);
            assert.equal(result.users[0].externalKey, "joined-mid-listing-1");
            // Someone joined at the front: the next page no longer starts with the member the first page ended with.
            assert.match(
                logger.lines.join("\n"),
                /started again \(1\/2\): the list shifted between pages: the page at offset 99 starts with "c000098", not "c000099"/,
            );
        });

        it("changing all the time: an IncompleteListingError saying so, never a partial list", async () => {
            const changing = await testEmulator({
                data: testData({ mccCompanies: { [COMPANY]: mccUsers(250, "c") } }),
                faults: [{ api: "mcc", kind: "grow", skip: 1, every: 1 }],
            });
            const error = await failure(getMccUsers({ companyId: COMPANY }, opts({ mccEndpoint: changing.url })));
            assert.ok(error instanceof IncompleteListingError);
            assert.match(error.message, /3 listings failed: the list shifted between pages/);
        });
    });

    it("a gateway that fails one call in three still gives complete, correct lists", async () => {
        const big = mccUsers(2_345);
        const flaky = await testEmulator({
            data: testData({ mccCompanies: { [COMPANY]: big } }),
            faults: [{ kind: "status", status: 503, errorCode: "500", message: "Endpoint Error", every: 3 }],
        });
        // Each request is tried at most retry.attempts times (README): with 4, a page of a concurrent listing can meet
        // four failures in a row here. A program facing such a gateway raises the attempts, as this one does.
        const o = opts({ organizationEndpoint: flaky.url, mccEndpoint: flaky.url, retry: { attempts: 8, baseDelayMs: 1, maxDelayMs: 5 } });
        for (let i = 0; i < 3; i++) {
            assert.deepEqual((await getMccUsers({ companyId: COMPANY }, o)).users, big);
            assert.deepEqual((await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, o)).accounts, organizationAccounts());
        }
        assert.ok(flaky.requests.filter((r) => r.status === 503).length >= 20);
    });

    after("the canary secret key and signatures appear in no log line and no error", () => {
        assert.ok(ALL_LOG_LINES.length > 50, "debug logging was on");
        assert.ok(ERRORS_SEEN.length > 20);
        for (const error of ERRORS_SEEN) assert.ok(error instanceof NcloudError, String(error));
        assertNoLeaks("fault suite", ALL_LOG_LINES, ERRORS_SEEN);
    });
});

describe("NCLOUD_DEBUG=1", () => {
    it("writes one line per request attempt to stderr: method, path, status, attempt, wait, trace id; no secret", async () => {
        const emulator = await testEmulator({ data: testData(), faults: [{ kind: "status", status: 503, errorCode: "500" }] });
        const written: string[] = [];
        const write = process.stderr.write.bind(process.stderr);
        process.env.NCLOUD_DEBUG = "1";
        process.stderr.write = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
        try {
            await getOrganizationAccounts(
                { organizationGroupNo: ORG_GROUP },
                { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, organizationEndpoint: emulator.url, retry: { baseDelayMs: 1 }, share: false },
            );
        } finally {
            process.stderr.write = write;
            delete process.env.NCLOUD_DEBUG;
        }
        const lines = written.join("");
        assert.match(
            lines,
            /\[ncloud-members\] GET \/open-api\/v1\/account\/group\/320 -> 503 code 500, trace id [0-9a-f]+ \(attempt 1\/4\); retrying in \d+ ms\n/,
        );
        assert.match(lines, /\[ncloud-members\] GET \/open-api\/v1\/account\/group\/320 -> 200, trace id [0-9a-f]+ \(attempt 2\/4\)\n/);
        assertNoLeaks("NCLOUD_DEBUG lines", [lines]);
    });
});
