import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ListingStore } from "../../provider/sharedListing";
import { getMccUsers, getOrganizationAccounts, NcloudApiError, NcloudTimeoutError } from "../../sdk";
import { COMPANY, emulatorOptions, mccUsers, ORG_GROUP, testData, testEmulator } from "../helpers/emulator";

describe("one listing per question", () => {
    const company = (count: number) => testData({ mccCompanies: { [COMPANY]: mccUsers(count) } });

    it("the same group asked in three places, at once and later: one request", async () => {
        const emulator = await testEmulator({ latencyMs: 10 });
        const opts = emulatorOptions(emulator);
        const three = await Promise.all([1, 2, 3].map(() => getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts)));
        assert.deepEqual(three[0].accounts, three[2].accounts);
        await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts);
        assert.equal(emulator.requests.length, 1);
    });

    it("different filters on the same company share one listing; each gets its own filtered list", async () => {
        const emulator = await testEmulator({ data: company(250), latencyMs: 10 });
        const opts = emulatorOptions(emulator);
        const [dept0, dept1, all] = await Promise.all([
            getMccUsers({ companyId: COMPANY, filters: [{ name: "deptExternalKey", values: ["dept00"] }] }, opts),
            getMccUsers({ companyId: COMPANY, filters: [{ name: "deptExternalKey", values: ["dept01"] }] }, opts),
            getMccUsers({ companyId: COMPANY }, opts),
        ]);
        assert.equal(all.users.length, 250);
        assert.ok(dept0.users.every((u) => u.deptExternalKey === "dept00") && dept0.users.length > 0);
        assert.ok(dept1.users.every((u) => u.deptExternalKey === "dept01") && dept1.users.length > 0);
        assert.equal(emulator.requests.length, 3, "one listing of three pages");
    });

    it("a different page size, endpoint, key or request setting is another question; share: false always fetches", async () => {
        const emulator = await testEmulator({ data: company(250) });
        const opts = emulatorOptions(emulator);
        await getMccUsers({ companyId: COMPANY }, opts);
        await getMccUsers({ companyId: COMPANY, pageSize: 50 }, opts);
        await getMccUsers({ companyId: COMPANY }, { ...opts, timeoutMs: 5_000 });
        await getMccUsers({ companyId: COMPANY }, { ...opts, share: false });
        // Pages after the first overlap the one before by one member: 250 users are 3 pages of 100, or 6 of 50.
        assert.equal(emulator.requests.length, 3 + 6 + 3 + 3);
    });

    it("a failed listing is not kept: the next call tries again", async () => {
        const emulator = await testEmulator({ faults: [{ api: "organization", kind: "status", status: 404, errorCode: "300" }] });
        const opts = emulatorOptions(emulator);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts), { status: 404 });
        assert.equal((await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts)).accounts.length, 3);
        assert.equal(emulator.requests.length, 2);
    });

    it("a wrong secret key is never answered from memory: the request goes to the server, which refuses it", async () => {
        const emulator = await testEmulator();
        const opts = emulatorOptions(emulator);
        await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts);
        const error = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...opts, secretKey: "not-the-secret" }).then(
            () => assert.fail("a wrong secret key got the list"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof NcloudApiError && error.status === 401);
        assert.deepEqual(
            emulator.requests.map((r) => r.status),
            [200, 401],
        );
    });

    it("a caller that gives up (its signal) leaves; another caller of the same listing still gets the whole list", async () => {
        const emulator = await testEmulator({ data: company(250), latencyMs: 30 });
        const quitter = new AbortController();
        const reason = new Error("the first caller gave up");
        const opts = emulatorOptions(emulator, { concurrency: 1 });
        const first = getMccUsers({ companyId: COMPANY }, { ...opts, signal: quitter.signal, onProgress: () => quitter.abort(reason) });
        const second = getMccUsers({ companyId: COMPANY }, opts);
        await assert.rejects(first, (e) => e === reason);
        assert.equal((await second).users.length, 250);
        assert.equal(emulator.requests.length, 3, "the listing went on once, for the caller still waiting");
    });

    it("a caller whose signal is already aborted is refused with its reason and sends nothing, shared or not", async () => {
        const emulator = await testEmulator();
        const opts = emulatorOptions(emulator);
        const signal = AbortSignal.abort(new Error("gave up before asking"));
        for (const share of [undefined, false]) {
            await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...opts, share, signal }), /gave up before asking/);
            await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...opts, share, signal }), /gave up before asking/);
        }
        assert.equal(emulator.requests.length, 0);
        // Nor does it spoil the listing for a caller who asks next.
        assert.equal((await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts)).accounts.length, 3);
    });

    it("a caller whose signal is already aborted, joining a listing under way, is refused with its reason; the listing goes on", async () => {
        const emulator = await testEmulator({ latencyMs: 50 });
        const opts = emulatorOptions(emulator);
        const first = getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, opts);
        const store = new ListingStore();
        const started = store.list("q", { deadline: { at: Date.now() + 10_000, ms: 10_000 }, deadlineError: () => new Error("late") }, () => first);
        const late = store.list(
            "q",
            { signal: AbortSignal.abort("no"), deadline: { at: Date.now() + 10_000, ms: 10_000 }, deadlineError: () => new Error("late") },
            () => assert.fail("a second listing was started"),
        );
        await assert.rejects(late, (reason) => reason === "no");
        assert.equal((await started).accounts.length, 3);
    });

    it("a caller whose deadline passes leaves with its own timeout; the other caller gets the whole list", async () => {
        const emulator = await testEmulator({ data: company(250), latencyMs: 100 });
        const opts = emulatorOptions(emulator, { concurrency: 1 });
        const hasty = getMccUsers({ companyId: COMPANY }, { ...opts, deadlineMs: 150 });
        const patient = getMccUsers({ companyId: COMPANY }, opts);
        await assert.rejects(hasty, (e) => e instanceof NcloudTimeoutError && e.scope === "deadline" && e.timeoutMs === 150);
        assert.equal((await patient).users.length, 250);
    });

    it("when every caller has given up, the listing is cancelled and forgotten: the next call starts afresh", async () => {
        const emulator = await testEmulator({ data: company(250), latencyMs: 30 });
        const opts = emulatorOptions(emulator, { concurrency: 1 });
        const quit = new AbortController();
        await assert.rejects(
            getMccUsers({ companyId: COMPANY }, { ...opts, signal: quit.signal, onProgress: () => quit.abort(new Error("enough")) }),
            /enough/,
        );
        const again = await getMccUsers({ companyId: COMPANY }, opts);
        assert.equal(again.users.length, 250);
        const offsets = emulator.requests.map((r) => new URL(r.url, "http://x").searchParams.get("offset"));
        assert.deepEqual(offsets.slice(-3), ["0", "99", "198"], "a whole new listing from the first page");
        assert.ok(!offsets.slice(0, -3).includes("198"), "the cancelled listing did not go on to its last page");
    });
});

describe("the store of shared listings", () => {
    const caller = { deadline: { at: Date.now() + 60_000, ms: 60_000 }, deadlineError: () => new Error("late") };

    it("keeps at most maxEntries listings, dropping the oldest", async () => {
        const store = new ListingStore({ maxEntries: 2 });
        let runs = 0;
        const start = () => Promise.resolve(++runs);
        for (const key of ["a", "b", "c"]) await store.list(key, caller, start);
        assert.equal(store.size, 2);
        assert.equal(await store.list("c", caller, start), 3, "the newest is kept");
        assert.equal(await store.list("a", caller, start), 4, "the oldest was dropped and is listed again");
    });

    it("keeps at most maxMembers members in all, dropping the oldest; a listing larger than the budget is answered but not kept", async () => {
        const store = new ListingStore({ maxMembers: 10 });
        let runs = 0;
        const listOf = (members: number) => () => Promise.resolve({ run: ++runs, users: Array.from({ length: members }, (_, i) => i) });
        const count = (r: { users: number[] }) => r.users.length;
        await store.list("a", caller, listOf(4), count);
        await store.list("b", caller, listOf(4), count);
        assert.equal(store.members, 8);
        await store.list("c", caller, listOf(4), count);
        assert.deepEqual([store.size, store.members], [2, 8], "a went first");
        assert.equal((await store.list("c", caller, listOf(4), count)).run, 3, "the newest is kept");
        assert.equal((await store.list("a", caller, listOf(4), count)).run, 4, "the oldest was dropped and is listed again");

        const huge = await store.list("huge", caller, listOf(11), count);
        assert.equal(huge.users.length, 11, "its caller gets the whole list");
        assert.deepEqual([store.size, store.members], [2, 8], "the others are still kept");
        assert.equal((await store.list("huge", caller, listOf(11), count)).run, 6, "not kept: listed again");
    });

    it("a listing that leaves the store (budget, maxEntries, clear) is freed at once, not when its 5 minutes are up", async () => {
        setFlagsFromString("--expose-gc");
        const gc = runInNewContext("gc") as () => void;
        const store = new ListingStore({ maxMembers: 10, maxEntries: 3 });
        const lists = new Map<string, WeakRef<object>>();
        const listOf = (key: string, members: number) => () => {
            const list = { users: Array.from({ length: members }, (_, i) => i) };
            lists.set(key, new WeakRef(list));
            return Promise.resolve(list);
        };
        const count = (r: { users: number[] }) => r.users.length;
        for (const key of ["a", "b", "c"]) await store.list(key, caller, listOf(key, 4), count); // a: over the budget
        for (const key of ["d", "e"]) await store.list(key, caller, listOf(key, 1), count); // b: over maxEntries
        const freed = async () => {
            await new Promise((resolve) => setImmediate(resolve));
            gc();
            return [...lists].filter(([, ref]) => ref.deref() === undefined).map(([key]) => key);
        };
        assert.deepEqual([store.size, store.members], [3, 6]);
        assert.deepEqual(await freed(), ["a", "b"]);
        await store.list("huge", caller, listOf("huge", 11), count); // c goes for room (maxEntries); huge is never kept
        assert.deepEqual([store.size, store.members], [2, 2]);
        assert.deepEqual(await freed(), ["a", "b", "c", "huge"]);
        store.clear();
        assert.deepEqual(await freed(), ["a", "b", "c", "d", "e", "huge"]);
    });

    it("forgets a listing keepMs after it started", async () => {
        let now = 1_000;
        const store = new ListingStore({ keepMs: 100, now: () => now });
        let runs = 0;
        const start = () => Promise.resolve(++runs);
        await store.list("a", caller, start);
        now += 99;
        assert.equal(await store.list("a", caller, start), 1);
        now += 1;
        assert.equal(store.size, 0);
        assert.equal(await store.list("a", caller, start), 2);
    });

    it("clear() forgets everything and cancels what runs", async () => {
        const store = new ListingStore();
        let signal: AbortSignal | undefined;
        const running = store.list("a", caller, (run) => {
            signal = run.signal;
            return new Promise<number>((_, reject) => run.signal!.addEventListener("abort", () => reject(run.signal!.reason as Error)));
        });
        store.clear();
        await assert.rejects(running, /reset/);
        assert.equal(signal!.aborted, true);
        assert.equal(store.size, 0);
    });
});
