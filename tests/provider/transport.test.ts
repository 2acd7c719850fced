import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { request } from "undici";
import { signV2 } from "../../provider/signing/signatureV2";
import { Credentials } from "../../provider/credentials/Credentials";
import { getMccUsers, getOrganizationAccounts, NcloudApiError, NcloudError, NcloudNetworkError, NcloudTimeoutError } from "../../sdk";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, ORG_GROUP, testData, testEmulator, useEmulator } from "../helpers/emulator";

const MINUTE = 60_000;
const BASE64_SIGNATURE = /[A-Za-z0-9+/]{43}=/;

/** Everything of an error a user or a log could see. */
function everythingShown(error: unknown): string {
    const e = error as Error;
    return [e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String(e)].join("\n");
}

function assertNoSecret(error: unknown): void {
    assert.ok(error instanceof NcloudError, `not an NcloudError: ${String(error)}`);
    const shown = everythingShown(error);
    assert.ok(!shown.includes(CANARY_SECRET), "the secret key shows in the error");
    assert.doesNotMatch(shown, BASE64_SIGNATURE, "a signature shows in the error");
}

describe("authentication against the emulated gateway", () => {
    const ctx = useEmulator();

    it("a wrong secret key is 401 with NCP code 200, and the key shows nowhere in the error", async () => {
        const error = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...ctx.opts, secretKey: `${CANARY_SECRET}x` }).catch(
            (e: unknown) => e,
        );
        assert.ok(error instanceof NcloudApiError);
        assert.equal(error.status, 401);
        assert.equal(error.errorCode, "200");
        assert.equal(error.ncpMessage, "Authentication Failed");
        assert.ok(!everythingShown(error).includes(`${CANARY_SECRET}x`));
        assertNoSecret(error);
    });

    it("an access key the gateway does not know is 401", async () => {
        await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...ctx.opts, accessKey: "someone-else" }), { status: 401, errorCode: "200" });
    });

    it("errors and credentials print without the secret", () => {
        const credentials = new Credentials(ACCESS_KEY, CANARY_SECRET, "test");
        // String() is one of the ways a user may print it.
        // eslint-disable-next-line @typescript-eslint/no-base-to-string
        for (const shown of [inspect(credentials), JSON.stringify(credentials), String(credentials), inspect({ credentials }, { depth: 5 })]) {
            assert.ok(!shown.includes(CANARY_SECRET), shown);
        }
        assert.equal(credentials.reveal(), CANARY_SECRET);
    });
});

describe("the 5-minute clock window, at the emulated gateway", () => {
    for (const [offset, accepted] of [
        [4.5 * MINUTE, true],
        [-4.5 * MINUTE, true],
        [5.5 * MINUTE, false],
        [-5.5 * MINUTE, false],
    ] as const) {
        it(`a request signed ${offset / MINUTE} minutes from the gateway's clock is ${accepted ? "accepted" : "refused with 401"}`, async () => {
            const emulator = await testEmulator({ data: testData(), clockOffsetMs: offset });
            const path = `/open-api/v1/account/group/${ORG_GROUP}`;
            const headers = signV2({ method: "GET", pathAndQuery: path, timestamp: Date.now(), accessKey: ACCESS_KEY, secretKey: CANARY_SECRET });
            const response = await request(`${emulator.url}${path}`, { headers: { ...headers } });
            await response.body.dump();
            assert.equal(response.statusCode, accepted ? 200 : 401);
        });
    }
});

describe("transport failures over real sockets", () => {
    let server: Server;
    let port: number;
    const sockets = new Set<Socket>();
    before(async () => {
        // Accepts connections and never answers.
        server = createServer((socket) => {
            sockets.add(socket);
            socket.on("close", () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as AddressInfo).port;
    });
    after(async () => {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => server.close(resolve));
    });

    it("a server that never answers is an NcloudTimeoutError after the per-attempt timeout", async () => {
        const started = Date.now();
        const error = await getMccUsers(
            { companyId: COMPANY },
            { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, mccEndpoint: `http://127.0.0.1:${port}`, timeoutMs: 300, retry: { attempts: 1 } },
        ).catch((e: unknown) => e);
        assert.ok(error instanceof NcloudTimeoutError, String(error));
        assert.equal(error.code, "NCLOUD_TIMEOUT");
        assert.equal(error.timeoutMs, 300);
        assert.match(error.message, /^GET \/ncloudmcc\/v1\/companies\/4812…\/users\?limit=100&offset=0 timed out after 300 ms$/);
        assert.ok(Date.now() - started >= 290);
        assertNoSecret(error);
    });

    it("a refused connection is an NcloudNetworkError that keeps its cause", async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const closedPort = (closed.address() as AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        const error = await getOrganizationAccounts(
            { organizationGroupNo: ORG_GROUP },
            { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, organizationEndpoint: `http://127.0.0.1:${closedPort}`, retry: { baseDelayMs: 1 } },
        ).catch((e: unknown) => e);
        assert.ok(error instanceof NcloudNetworkError, String(error));
        assert.equal(error.code, "NCLOUD_NETWORK_ERROR");
        assert.match(error.message, /ECONNREFUSED/);
        assert.ok(error.cause instanceof Error);
        assertNoSecret(error);
    });

    it("a caller's AbortSignal cancels the call with the caller's reason", async () => {
        const controller = new AbortController();
        const call = getMccUsers(
            { companyId: COMPANY },
            { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, mccEndpoint: `http://127.0.0.1:${port}`, signal: controller.signal },
        );
        setTimeout(() => controller.abort(new Error("user gave up")), 50);
        await assert.rejects(call, /user gave up/);
    });
});
