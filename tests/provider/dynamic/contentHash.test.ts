import assert from "node:assert/strict";
import { contentHash, sameContent } from "../../../provider/dynamic/contentHash";

const LIST = [{ externalKey: "a", name: "A" }, { externalKey: "b" }];
// What version 0.1.0 stored for LIST with total 2 (its hash followed the server's order).
const STORED_BY_0_1_0 = "sha256:79dbccd41adce56c87e5c8ff8ffbbe75a023783a77ae0684b50109a6e9ebde28";

describe("contentHash", () => {
    it("is the same for the same members in any order and any key order, and differs when one leaves", () => {
        assert.equal(contentHash(LIST, { total: 2 }), contentHash([{ externalKey: "b" }, { name: "A", externalKey: "a" }], { total: 2 }));
        assert.notEqual(contentHash(LIST, { total: 2 }), contentHash(LIST.slice(1), { total: 2 }));
        assert.notEqual(contentHash(LIST, { total: 2 }), contentHash(LIST, { total: 3 }));
    });

    it("a hash stored by 0.1.0 still matches while the server's order holds, so upgrading shows no change", () => {
        assert.equal(sameContent(STORED_BY_0_1_0, LIST, { total: 2 }), true);
        assert.equal(sameContent(STORED_BY_0_1_0, LIST.slice(1), { total: 2 }), false);
        assert.equal(sameContent(contentHash(LIST, { total: 2 }), [...LIST].reverse(), { total: 2 }), true);
    });
});
