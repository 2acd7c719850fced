import assert from "node:assert/strict";
import { acquireSlot, CONNECTIONS_PER_ORIGIN, resetConnectionSlots } from "../../../provider/transport/connectionSlots";

describe("connection slots", () => {
    const origin = "http://slots.test";
    const never = Date.now() + 60_000;
    afterEach(() => resetConnectionSlots());

    it("a wait for a slot whose signal is already aborted ends at once with the signal's reason, and leaves the queue", async () => {
        const held = await Promise.all(Array.from({ length: CONNECTIONS_PER_ORIGIN }, () => acquireSlot(origin, [], never, () => "late")));
        await assert.rejects(
            acquireSlot(origin, [AbortSignal.abort("gave up")], never, () => "late"),
            (reason) => reason === "gave up",
        );
        // The aborted wait is not in the queue: the slot freed next goes to the caller who still waits.
        const next = acquireSlot(origin, [], never, () => "late");
        held[0]();
        const release = await next;
        release();
        for (const r of held.slice(1)) r();
    });
});
