import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData, startEmulator } from "../../emulator";
import { signV2 } from "../../provider/signing/signatureV2";
import { getMccUsers, getOrganizationAccounts } from "../../sdk";
import { finished, runCli, spawnCli } from "../helpers/cli";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, mccUsers, testData, testEmulator, useEmulator } from "../helpers/emulator";

async function signedGet(base: string, pathAndQuery: string, method = "GET") {
    const headers = signV2({ method, pathAndQuery, timestamp: Date.now(), accessKey: ACCESS_KEY, secretKey: CANARY_SECRET });
    const response = await request(`${base}${pathAndQuery}`, { method: method as "GET", headers: { ...headers } });
    return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as Record<string, unknown> };
}

describe("the NCP API emulator", () => {
    const ctx = useEmulator();

    it("refuses an unsigned request as the gateway does: 401, NCP code 200, trace id", async () => {
        const response = await request(`${ctx.emulator.url}/open-api/v1/account/group/320`);
        assert.equal(response.statusCode, 401);
        assert.match(String(response.headers["content-type"]), /^application\/json/);
        assert.match(String(response.headers["x-ncp-trace-id"]), /^[0-9a-f]{26}$/);
        assert.deepEqual(await response.body.json(), {
            error: { errorCode: "200", message: "Authentication Failed", details: "missing authentication headers" },
        });
    });

    it("refuses a signature made over a different query than the one sent", async () => {
        const headers = signV2({
            method: "GET",
            pathAndQuery: `/ncloudmcc/v1/companies/${COMPANY}/users?limit=2&offset=0`,
            timestamp: Date.now(),
            accessKey: ACCESS_KEY,
            secretKey: CANARY_SECRET,
        });
        const response = await request(`${ctx.emulator.url}/ncloudmcc/v1/companies/${COMPANY}/users?offset=0&limit=2`, { headers: { ...headers } });
        assert.equal(response.statusCode, 401);
        await response.body.dump();
    });

    it("MCC paging: limit defaults to 10, is capped at the maximum, and a bad limit is a 400", async () => {
        const path = `/ncloudmcc/v1/companies/${COMPANY}/users`;
        const big = await testEmulator({
            data: testData({ mccCompanies: { [COMPANY]: Array.from({ length: 250 }, (_, i) => ({ externalKey: `k${i}` })) }, mccMaxLimit: 100 }),
        });
        const byDefault = await signedGet(big.url, path);
        assert.deepEqual(byDefault.body.page, { count: 10, offset: 0, limit: 10, total: 250 });
        const capped = await signedGet(big.url, `${path}?limit=500&offset=200`);
        assert.deepEqual(capped.body.page, { count: 50, offset: 200, limit: 100, total: 250 });
        const bad = await signedGet(big.url, `${path}?limit=-1`);
        assert.equal(bad.status, 400);
        assert.deepEqual((bad.body.error as Record<string, unknown>).errorCode, "100");
    });

    it("latencyMs: the answer leaves that long after the request arrived, worked out from the data as it was on arrival", async () => {
        const data = testData({ mccCompanies: { [COMPANY]: mccUsers(3) } });
        const slow = await testEmulator({ data, latencyMs: 300 });
        const sent = performance.now();
        const answer = signedGet(slow.url, `/ncloudmcc/v1/companies/${COMPANY}/users?limit=10&offset=0`);
        while (slow.stats.maxInFlight === 0) await new Promise((resolve) => setImmediate(resolve));
        data.mccCompanies[COMPANY] = mccUsers(1);
        const { body } = await answer;
        assert.ok(performance.now() - sent >= 299, `answered after ${Math.round(performance.now() - sent)} ms`);
        assert.equal((body.users as unknown[]).length, 3);
        const next = await signedGet(slow.url, `/ncloudmcc/v1/companies/${COMPANY}/users?limit=10&offset=0`);
        assert.equal((next.body.users as unknown[]).length, 1);
    });

    it("latencyMs: a request whose client leaves before its answer is due is recorded with status 0", async () => {
        const slow = await testEmulator({ latencyMs: 5_000 });
        const controller = new AbortController();
        const path = "/open-api/v1/account/group/320";
        const headers = signV2({ method: "GET", pathAndQuery: path, timestamp: Date.now(), accessKey: ACCESS_KEY, secretKey: CANARY_SECRET });
        const sent = request(`${slow.url}${path}`, { headers: { ...headers }, signal: controller.signal });
        while (slow.stats.maxInFlight === 0) await new Promise((resolve) => setImmediate(resolve));
        controller.abort();
        await assert.rejects(sent);
        while (slow.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(
            slow.requests.map((r) => [r.url, r.status]),
            [[path, 0]],
        );
    });

    it("latencyMs that is not a whole number from 0 to 60000 is refused when the emulator starts", async () => {
        for (const latencyMs of [-1, 1.5, Number.NaN, 60_001, "300" as unknown as number]) {
            await assert.rejects(startEmulator({ latencyMs }), /latencyMs must be a whole number of milliseconds from 0 to 60000/, String(latencyMs));
        }
    });

    it("answers 404 (NCP code 300) to other methods and paths", async () => {
        assert.equal((await signedGet(ctx.emulator.url, "/open-api/v1/account/group/320", "POST")).status, 404);
        assert.equal((await signedGet(ctx.emulator.url, "/open-api/v1/unknown")).status, 404);
    });

    it("refuses to listen anywhere but loopback", async () => {
        await assert.rejects(startEmulator({ data: testData(), host: "0.0.0.0" }), /only listens on loopback/);
    });
});

describe("the shipped default data set", () => {
    it("has a few organization groups and a company of a few hundred users, Korean names included, all valid for the client", async () => {
        const data = loadEmulatorData(DEFAULT_DATA_PATH);
        const emulator = await testEmulator({ data });
        const opts = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, organizationEndpoint: emulator.url, mccEndpoint: emulator.url };
        for (const group of Object.keys(data.organizationGroups)) {
            const result = await getOrganizationAccounts({ organizationGroupNo: Number(group) }, opts);
            assert.equal(result.accounts.length, data.organizationGroups[group].length);
        }
        const users = await getMccUsers({ companyId: COMPANY }, opts);
        assert.ok(users.total >= 200 && users.total <= 999, `total ${users.total}`);
        assert.equal(users.users.length, users.total);
        assert.ok(users.users.filter((u) => /[가-힣]/.test(u.i18nNames?.ko_KR ?? "")).length > 100);
    });

    it("a malformed percent-escape in the path is answered 400, and the emulator keeps serving", async () => {
        const emulator = await testEmulator();
        const bad = await signedGet(emulator.url, "/ncloudmcc/v1/companies/%E0%A4%A/users");
        assert.equal(bad.status, 400);
        assert.deepEqual((bad.body.error as { errorCode: string }).errorCode, "100");
        assert.equal((await signedGet(emulator.url, "/open-api/v1/account/group/320")).status, 200);
    });

    it("a data file that is not emulator data is refused with the field at fault", () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-data-"));
        writeFileSync(join(dir, "bad.json"), JSON.stringify({ credentials: [], organizationGroups: {}, mccCompanies: {} }));
        assert.throws(() => loadEmulatorData(join(dir, "bad.json")), /bad.json: not emulator data: credentials:/);
    });
});

describe("ncloud-members emulator (the command)", () => {
    it("serves a data file on the port it prints, and stops cleanly on SIGTERM", async () => {
        const dir = mkdtempSync(join(tmpdir(), "ncm-data-"));
        const file = join(dir, "data.json");
        writeFileSync(file, JSON.stringify(testData()));
        const child = spawnCli(["emulator", "--port", "0", "--data", file, "--max-limit", "3"]);
        const done = finished(child);
        const url = await new Promise<string>((resolve, reject) => {
            let seen = "";
            child.stdout!.on("data", (d: Buffer) => {
                seen += d.toString();
                const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
                if (match) resolve(match[1]);
            });
            child.on("close", () => reject(new Error(`exited early: ${seen}`)));
        });
        const users = await getMccUsers({ companyId: COMPANY }, { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, mccEndpoint: url });
        assert.equal(users.users.length, 7);
        child.kill("SIGTERM");
        const result = await done;
        assert.equal(result.code, 0);
        assert.match(result.stdout, new RegExp(`export NCLOUD_MCC_ENDPOINT=${url}`));
    });

    it("a bad option exits 2 with one line on stderr", async () => {
        const result = await runCli(["emulator", "--port", "http"]);
        assert.equal(result.code, 2);
        assert.equal(result.stderr, 'ncloud-members: --port must be a whole number from 0 to 65535, got "http"\n');
    });
});
