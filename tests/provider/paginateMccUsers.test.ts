import assert from "node:assert/strict";
import { paginateMccUsers, type PageFetcher } from "../../provider/apis/paginateMccUsers";
import { AdaptiveLimit } from "../../provider/transport/AdaptiveLimit";
import { getMccUsers, type NcloudInvokeOptions } from "../../sdk";
import { COMPANY, mccUsers, testData, useEmulator } from "../helpers/emulator";
import { recordingLogger } from "../helpers/recordingLogger";

describe("concurrent pagination", () => {
    const big = mccUsers(2_345);
    const ctx = useEmulator({ data: testData({ mccCompanies: { [COMPANY]: big } }), latencyMs: 15 });
    let opts: NcloudInvokeOptions;
    beforeEach(() => {
        opts = ctx.opts;
        ctx.emulator.resetStats();
    });

    it("keeps at most `concurrency` pages in flight (8 by default), and returns them in the server's order", async () => {
        const result = await getMccUsers({ companyId: COMPANY }, opts);
        assert.deepEqual(result.users, big);
        assert.equal(ctx.emulator.stats.maxInFlight, 8);
        ctx.emulator.resetStats();
        assert.deepEqual((await getMccUsers({ companyId: COMPANY }, { ...opts, concurrency: 3 })).users, big);
        assert.equal(ctx.emulator.stats.maxInFlight, 3);
        ctx.emulator.resetStats();
        assert.deepEqual((await getMccUsers({ companyId: COMPANY }, { ...opts, concurrency: 1 })).users, big);
        assert.equal(ctx.emulator.stats.maxInFlight, 1);
    });

    it("at concurrency 32, shared or not, prints no listener-leak warning (32 pages in flight listen to one signal)", async () => {
        const warnings: Error[] = [];
        const onWarning = (warning: Error) => warnings.push(warning);
        process.on("warning", onWarning);
        try {
            for (const share of [false, true]) {
                const { users } = await getMccUsers({ companyId: COMPANY }, { ...opts, concurrency: 32, share });
                assert.equal(users.length, big.length);
            }
            assert.ok(ctx.emulator.stats.maxInFlight > 10, "more pages in flight than Node's default listener limit");
            // Warnings are emitted on the next tick.
            await new Promise((resolve) => setImmediate(resolve));
        } finally {
            process.off("warning", onWarning);
        }
        assert.deepEqual(
            warnings.map((w) => w.name),
            [],
        );
    });

    it("reuses keep-alive connections: no new connection per page, none for the next call", async () => {
        await getMccUsers({ companyId: COMPANY }, opts);
        assert.equal(ctx.emulator.requests.length, 24);
        assert.ok(ctx.emulator.stats.connections <= 8, `${ctx.emulator.stats.connections} connections for 24 pages`);
        ctx.emulator.resetStats();
        await getMccUsers({ companyId: COMPANY }, opts);
        assert.equal(ctx.emulator.stats.connections, 0);
    });

    it("a throttled listing backs off and still completes", async () => {
        ctx.emulator.setFaults([
            { api: "mcc", kind: "status", status: 429, errorCode: "410", message: "Throttle Limited", retryAfter: "0", skip: 1, times: 6 },
        ]);
        const result = await getMccUsers({ companyId: COMPANY }, opts);
        assert.deepEqual(result.users, big);
        assert.equal(ctx.emulator.requests.filter((r) => r.status === 429).length, 6);
    });

    it("a page shorter than the first, mid-listing, makes the listing start again page by page, and complete", async () => {
        const logger = recordingLogger();
        const short = { page: { count: 1, offset: 200, limit: 100, total: 2_345 }, users: [big[200]] };
        ctx.emulator.setFaults([{ api: "mcc", kind: "body", contentType: "application/json", skip: 1, body: JSON.stringify(short) }]);
        const result = await getMccUsers({ companyId: COMPANY }, { ...opts, logger });
        assert.deepEqual(result.users, big);
        assert.match(
            logger.lines.join("\n"),
            /started again \(1\/2\): (the page at offset \d+ has 1 users, not 100|asked for offset \d+, the server answered offset 200)/,
        );
        assert.equal(ctx.emulator.stats.maxInFlight, 8, "the first listing was concurrent");
    });
});

describe("a listing of very many small pages", () => {
    // 150,000 real requests would take most of a minute; the point here is the listing's own handling of that
    // many pages, so the pages come from memory.
    it("150,000 pages of one user each come back whole, in order", async () => {
        const total = 150_000;
        const fetchPage: PageFetcher = (offset, limit) =>
            Promise.resolve({ offset, total, users: Array.from({ length: Math.min(limit, total - offset) }, (_, i) => ({ externalKey: `k${offset + i}` })) });
        const plan = { listing: "/test", pageSize: 1, concurrency: 32, maxUsers: total, maxPages: total, logger: { debug() {}, warn() {} } };
        const keys: string[] = [];
        for await (const page of paginateMccUsers(plan, fetchPage)) for (const user of page.users) keys.push(user.externalKey);
        assert.equal(keys.length, total);
        assert.equal(keys[0], "k0");
        assert.equal(keys[total - 1], `k${total - 1}`);
    });
});

describe("AdaptiveLimit", () => {
    it("halves on each throttle down to 1, and grows back by one after as many successes as the limit", () => {
        const limit = new AdaptiveLimit(8);
        limit.throttled();
        assert.equal(limit.current, 4);
        limit.throttled();
        limit.throttled();
        limit.throttled();
        assert.equal(limit.current, 1);
        limit.succeeded();
        assert.equal(limit.current, 2);
        limit.succeeded();
        assert.equal(limit.current, 2);
        limit.succeeded();
        assert.equal(limit.current, 3);
        for (let i = 0; i < 100; i++) limit.succeeded();
        assert.equal(limit.current, 8);
    });
});
