import assert from "node:assert/strict";
import { KeyFingerprints } from "../../provider/apis/KeyFingerprints";

describe("KeyFingerprints (the duplicate check of a listing)", () => {
    it("says a key came twice, and only then, across 200,000 keys and growth", () => {
        const seen = new KeyFingerprints();
        for (let i = 0; i < 200_000; i++) assert.equal(seen.add(`user${i}`), true, `user${i} is new`);
        for (const i of [0, 1, 99_999, 199_999]) assert.equal(seen.add(`user${i}`), false, `user${i} came twice`);
        assert.equal(seen.add(""), true);
        assert.equal(seen.add("김민준"), true);
        assert.equal(seen.add("김민준"), false);
    });
});
