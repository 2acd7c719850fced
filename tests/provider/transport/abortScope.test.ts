import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { abortScope, requestAbortScope } from "../../../provider/transport/abortScope";

describe("requestAbortScope (the signal each undici request is sent with)", () => {
    it("aborts with a parent's reason, and stops listening to the parent once disposed", () => {
        const parent = new AbortController();
        const scope = requestAbortScope([undefined, parent.signal], 60_000);
        let heard = 0;
        scope.signal.once("abort", () => heard++);
        parent.abort(new Error("caller left"));
        assert.equal(scope.signal.aborted, true);
        assert.equal((scope.signal.reason as Error).message, "caller left");
        assert.equal(scope.timedOut, false);
        assert.equal(heard, 1);
        scope.dispose();

        const other = new AbortController();
        const disposed = requestAbortScope([other.signal], 60_000);
        disposed.dispose();
        other.abort(new Error("too late"));
        assert.equal(disposed.signal.aborted, false);
    });

    it("starts aborted when a parent already is, and sets no timer", () => {
        const scope = requestAbortScope([AbortSignal.abort(new Error("already"))], 10);
        assert.equal(scope.signal.aborted, true);
        assert.equal((scope.signal.reason as Error).message, "already");
        scope.dispose();
    });

    it("times out with an AbortError, as abortScope's AbortSignal does, and says so", async () => {
        const scope = requestAbortScope([], 5);
        await once(scope.signal, "abort");
        assert.equal(scope.timedOut, true);
        assert.equal((scope.signal.reason as Error).name, "AbortError");
        const plain = abortScope([], 5);
        await once(plain.signal, "abort");
        assert.equal((plain.signal.reason as Error).name, (scope.signal.reason as Error).name);
        scope.dispose();
        plain.dispose();
    });

    describe("with undici", () => {
        let server: Server;
        let url: string;
        before(async () => {
            // Sends headers and the start of a body, then never ends it.
            server = createServer((_req, res) => {
                res.writeHead(200, { "content-type": "application/json" });
                res.write("[");
            });
            server.listen(0, "127.0.0.1");
            await once(server, "listening");
            url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        });
        after(async () => {
            server.closeAllConnections();
            server.close();
            await once(server, "close");
        });

        it("undici takes it as a request's signal: a parent's abort during the body ends the read with the parent's reason", async () => {
            const parent = new AbortController();
            const scope = requestAbortScope([parent.signal], 60_000);
            const response = await request(url, { signal: scope.signal });
            const reading = response.body.text();
            parent.abort(new Error("stop reading"));
            await assert.rejects(reading, /stop reading/);
            scope.dispose();
        });

        it("and its timer ends a body that stalls", async () => {
            const scope = requestAbortScope([], 50);
            const response = await request(url, { signal: scope.signal });
            await assert.rejects(response.body.text(), { name: "AbortError" });
            assert.equal(scope.timedOut, true);
            scope.dispose();
        });
    });
});
