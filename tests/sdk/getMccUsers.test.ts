import assert from "node:assert/strict";
import type { Fault, RunningEmulator } from "../../emulator";
import { getMccUsers, IncompleteListingError, iterateMccUsers, NcloudApiError, type NcloudInvokeOptions } from "../../sdk";
import { COMPANY, mccUsers, testData, useEmulator } from "../helpers/emulator";

/** The `limit` and `offset` of each MCC request the emulator saw. */
function pages(emulator: RunningEmulator): string[] {
    return emulator.requests.filter((r) => r.api === "mcc").map((r) => new URL(r.url, "http://x").search);
}

describe("getMccUsers against the emulator", () => {
    const ctx = useEmulator();

    it("returns a small company whole, in the server's order, optional fields absent where absent", async () => {
        const result = await getMccUsers({ companyId: COMPANY }, ctx.opts);
        assert.deepEqual(result.users, mccUsers(7));
        assert.equal(result.total, 7);
        assert.equal(result.companyId, COMPANY);
        assert.equal(result.pageSize, 100);
        assert.equal("name" in result.users[2], false);
        assert.deepEqual(pages(ctx.emulator), ["?limit=100&offset=0"]);
    });

    it("an empty company is an empty list after one request", async () => {
        const result = await getMccUsers({ companyId: "00000000-0000-4000-8000-000000000000" }, ctx.opts);
        assert.deepEqual(result.users, []);
        assert.equal(result.total, 0);
        assert.equal(ctx.emulator.requests.length, 1);
    });

    it("an unknown company is NCP's 180000, with no retry", async () => {
        await assert.rejects(getMccUsers({ companyId: "11111111-2222-4333-8444-555555555555" }, ctx.opts), (e: unknown) => {
            assert.ok(e instanceof NcloudApiError);
            assert.equal(e.status, 404);
            assert.equal(e.errorCode, "180000");
            assert.equal(e.ncpMessage, "Company does not exist");
            assert.equal(e.path, "/ncloudmcc/v1/companies/1111…/users?limit=100&offset=0");
            return true;
        });
        assert.equal(ctx.emulator.requests.length, 1);
    });

    it("filters on nested fields (i18nNames.ko_KR) after the whole list is fetched", async () => {
        const result = await getMccUsers(
            {
                companyId: COMPANY,
                pageSize: 2,
                filters: [
                    { name: "i18nNames.ko_KR", values: ["^김"], regex: true },
                    { name: "deptExternalKey", values: ["dept01", "dept03"] },
                ],
            },
            { ...ctx.opts },
        );
        assert.deepEqual(
            result.users.map((u) => u.externalKey),
            ["user000001", "user000003"],
        );
        assert.equal(result.total, 7);
        // Pages after the first start one member early (the overlap that detects a shifted list): 1 + 5 pages of 2.
        assert.equal(pages(ctx.emulator).length, 6);
    });
});

describe("text the user gave, compared in one Unicode form", () => {
    const ctx = useEmulator();

    it("a decomposed (NFD) Korean filter value matches the composed (NFC) name the server holds, exact and regex; the result stays as sent", async () => {
        const nfd = "김1".normalize("NFD");
        assert.notEqual(nfd, "김1");
        for (const filter of [
            { name: "i18nNames.ko_KR", values: [nfd] },
            { name: "i18nNames.ko_KR", values: [`^${nfd}$`], regex: true },
        ]) {
            const result = await getMccUsers({ companyId: COMPANY, filters: [filter] }, ctx.opts);
            assert.deepEqual(
                result.users.map((u) => u.externalKey),
                ["user000001"],
            );
            assert.equal(result.users[0].i18nNames?.ko_KR, "김1");
        }
    });
});

describe("getMccUsers pagination", () => {
    const big = mccUsers(2_345);
    const exact = mccUsers(300, "exact");
    const twice = [...mccUsers(150), mccUsers(150)[120]];
    const data = testData({ mccCompanies: { big, exact, twice }, mccMaxLimit: 100 });
    const ctx = useEmulator({ data });
    let opts: NcloudInvokeOptions;
    beforeEach(() => (opts = ctx.opts));

    it("lists a large company whole when the server caps the page below pageSize", async () => {
        const result = await getMccUsers({ companyId: "big", pageSize: 1000 }, opts);
        assert.equal(result.users.length, 2_345);
        assert.deepEqual(result.users, big);
        const seen = pages(ctx.emulator);
        assert.equal(seen[0], "?limit=1000&offset=0", "the first page comes first: it tells the total and the server's page size");
        // Then pages of the size the server sent, each starting one member early: 1 + 23 pages of 99 new users.
        assert.deepEqual([...seen.slice(1)].sort(), Array.from({ length: 23 }, (_, i) => `?limit=100&offset=${(i + 1) * 99}`).sort(), "each page once");
    });

    it("stops at a total that is an exact multiple of the page size, without asking for an empty page", async () => {
        const result = await getMccUsers({ companyId: "exact", pageSize: 100 }, opts);
        assert.deepEqual(result.users, exact);
        assert.deepEqual(pages(ctx.emulator), ["?limit=100&offset=0", "?limit=100&offset=99", "?limit=100&offset=198", "?limit=100&offset=297"]);
    });

    it("a repeated externalKey is an IncompleteListingError, not a doubled list", async () => {
        await assert.rejects(getMccUsers({ companyId: "twice" }, opts), (e: unknown) => {
            assert.ok(e instanceof IncompleteListingError);
            assert.equal(e.code, "NCLOUD_INCOMPLETE_LISTING");
            assert.match(e.message, /externalKey "user000120" came twice/);
            assert.equal(e.total, 151);
            return true;
        });
    });

    // Each of these faults, once, is survived by starting the listing again; every time, it is an error.
    const integrityFaults: [string, Fault, RegExp][] = [
        ["an empty page before the total", { api: "mcc", kind: "empty-page", skip: 2 }, /the page at offset 198 has 0 users, not 100/],
        ["a repeated page (the server ignores offset)", { api: "mcc", kind: "repeat-page", skip: 1 }, /asked for offset 99, the server answered offset 0/],
        [
            "a page whose users already came, at the right offset",
            {
                api: "mcc",
                kind: "body",
                contentType: "application/json",
                skip: 1,
                body: JSON.stringify({ page: { count: 100, offset: 99, limit: 100, total: 300 }, users: [exact[99], exact[5], ...exact.slice(101, 199)] }),
            },
            /externalKey "exact000005" came twice/,
        ],
        [
            "a total that changes between pages",
            {
                api: "mcc",
                kind: "body",
                contentType: "application/json",
                skip: 1,
                body: JSON.stringify({ page: { count: 100, offset: 99, limit: 100, total: 301 }, users: exact.slice(99, 199) }),
            },
            /page.total changed from 300 to 301/,
        ],
    ];
    for (const concurrency of [1, 8]) {
        for (const [what, fault, problem] of integrityFaults) {
            it(`${what}, once, ${concurrency} page(s) at a time: the listing starts again and returns the whole list`, async () => {
                ctx.emulator.setFaults([fault]);
                const result = await getMccUsers({ companyId: "exact" }, { ...opts, concurrency });
                assert.deepEqual(result.users, exact);
                assert.equal(pages(ctx.emulator).filter((p) => p === "?limit=100&offset=0").length, 2, "the listing started once more");
            });
            it(`${what}, every time, ${concurrency} page(s) at a time: an IncompleteListingError after 3 listings, never a partial list`, async () => {
                ctx.emulator.setFaults([{ ...fault, every: 1 }]);
                await assert.rejects(getMccUsers({ companyId: "exact" }, { ...opts, concurrency }), (e: unknown) => {
                    assert.ok(e instanceof IncompleteListingError);
                    assert.match(e.message, /3 listings failed: /);
                    // Which page a fault lands on first depends on the order of concurrent requests.
                    if (concurrency === 1) assert.match(e.message, problem);
                    assert.match(e.message, /no partial list is returned/);
                    return true;
                });
            });
        }
    }

    // Limit/offset paging over a list that shifts: right after the first page is served, the member at index 5
    // leaves and a newcomer joins at the end, so the total stays 300 and every later page starts one member on.
    function shiftAfterFirstPage(): { before: typeof exact; after: typeof exact } {
        const before = exact;
        const after = [...exact.slice(0, 5), ...exact.slice(6), { externalKey: "newcomer" }];
        let served = 0;
        Object.defineProperty(data.mccCompanies, "shifting", {
            configurable: true,
            enumerable: true,
            get: () => (served++ === 0 ? before : after),
        });
        return { before, after };
    }

    for (const concurrency of [1, 8]) {
        it(`a list that shifts between pages (one leaves, one joins, same total), ${concurrency} page(s) at a time: the listing starts again and returns the list as it is now`, async () => {
            const { after } = shiftAfterFirstPage();
            const result = await getMccUsers({ companyId: "shifting" }, { ...opts, concurrency });
            assert.deepEqual(result.users, after);
            assert.equal(pages(ctx.emulator).filter((p) => p === "?limit=100&offset=0").length, 2, "the listing started once more");
        });
    }

    it("a change that stays inside a page already read (one leaves, one joins before its end): every member who stayed is listed once; those who came or went meanwhile show as that page saw them", async () => {
        // What limit/offset paging can promise, and docs/functions.md says: the overlap sees any change that moves
        // the members at a boundary between two pages read at different moments, and no other.
        const after = [...exact.slice(0, 5), ...exact.slice(6, 50), { externalKey: "joiner" }, ...exact.slice(50)];
        let served = 0;
        Object.defineProperty(data.mccCompanies, "shifting", { configurable: true, enumerable: true, get: () => (served++ === 0 ? exact : after) });
        const result = await getMccUsers({ companyId: "shifting" }, { ...opts, concurrency: 1 });
        assert.deepEqual(result.users, exact, "page 1 as it was read (the leaver there, the joiner not), then the pages after it");
        const stayed = after.filter((u) => u.externalKey !== "joiner").map((u) => u.externalKey);
        assert.deepEqual(
            result.users.map((u) => u.externalKey).filter((k) => stayed.includes(k)),
            stayed,
            "each member who stayed, once, in order",
        );
    });

    it("a list that shifts while a caller streams it with iterateMccUsers: an IncompleteListingError, not a shifted list", async () => {
        shiftAfterFirstPage();
        const received: string[] = [];
        await assert.rejects(
            (async () => {
                for await (const page of iterateMccUsers({ companyId: "shifting" }, { ...opts, concurrency: 1 }))
                    received.push(...page.users.map((u) => u.externalKey));
            })(),
            (e: unknown) => e instanceof IncompleteListingError && /the list shifted between pages/.test(e.message),
        );
        assert.deepEqual(
            received,
            exact.slice(0, 100).map((u) => u.externalKey),
            "only the first page, which was right when it came",
        );
    });

    it("a page.count that disagrees with its users is a ResponseValidationError", async () => {
        ctx.emulator.setFaults([
            {
                api: "mcc",
                kind: "body",
                contentType: "application/json",
                body: JSON.stringify({ page: { count: 2, offset: 0, limit: 100, total: 300 }, users: [{ externalKey: "a" }] }),
            },
        ]);
        await assert.rejects(getMccUsers({ companyId: "exact" }, opts), { name: "ResponseValidationError", code: "NCLOUD_RESPONSE_INVALID" });
    });

    it("a user without externalKey names users[i].externalKey", async () => {
        ctx.emulator.setFaults([
            {
                api: "mcc",
                kind: "body",
                contentType: "application/json",
                body: JSON.stringify({ page: { count: 2, offset: 0, limit: 100, total: 2 }, users: [{ externalKey: "a" }, { name: "x" }] }),
            },
        ]);
        await assert.rejects(getMccUsers({ companyId: "exact" }, opts), (e: unknown) => {
            assert.equal((e as { issues: { path: string }[] }).issues[0].path, "users[1].externalKey");
            return true;
        });
    });
});
