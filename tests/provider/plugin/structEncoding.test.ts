import assert from "node:assert/strict";
import { dirname } from "node:path";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { encodeCreateResponse, encodeInvokeResponse, encodeReadResponse, encodeUpdateResponse } from "../../../provider/plugin/responseEncoding";
import { encodeStruct } from "../../../provider/plugin/structEncoding";

const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the protobuf runtime @pulumi/pulumi's messages use
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as {
    Struct: { deserializeBinary(bytes: Uint8Array): { toJavaScript(): Record<string, unknown> } };
};

describe("the plugin's Struct encoding, read back by google-protobuf", () => {
    const value = {
        text: "홍길동 \u001b and \u{1f600}",
        empty: "",
        integer: 5001533,
        negative: -1.5,
        large: 2 ** 52,
        yes: true,
        no: false,
        nothing: null,
        list: [1, "two", [3], { four: 4 }, null, []],
        nested: { deeper: { deepest: "x".repeat(300) }, emptyObject: {} },
        users: Array.from({ length: 500 }, (_, i) => ({ externalKey: `k${i}`, i18nNames: { ko_KR: `김${i}` } })),
    };

    it("encodes every kind of JSON value as google.protobuf.Struct", () => {
        assert.deepEqual(Struct.deserializeBinary(encodeStruct(value)).toJavaScript(), value);
    });

    it("keeps every length right when the value outgrows the writer's first buffer (64 KiB) mid-message", () => {
        // Lengths written after a move to a larger buffer once came out wrong: the 1,000-user listing was 48 bytes long.
        const large = {
            users: Array.from({ length: 3_000 }, (_, i) => ({ externalKey: `user${i}`, i18nNames: { ko_KR: `김민${i}` }, tags: [i, "x".repeat(i % 200)] })),
        };
        assert.deepEqual(Struct.deserializeBinary(encodeStruct(large)).toJavaScript(), large);
        assert.ok(encodeStruct(large).length > 4 * 64 * 1024);
    });

    it("writes UTF-8 as Node's encoder does: 2-, 3- and 4-byte characters, lone surrogates as U+FFFD, short and long", () => {
        const texts = ["é", "ß and ü", "김민", "\u{1f600}", "\ud800", "a\udc00b", "x\ud83d", "\ud83d\ud83d\ude00", "é".repeat(100), "\ud800".repeat(70)];
        for (const text of texts) {
            const decoded = Struct.deserializeBinary(encodeStruct({ text, [text]: 1 })).toJavaScript();
            const expected = Buffer.from(text, "utf8").toString("utf8");
            assert.deepEqual(decoded, { text: expected, [expected]: 1 }, JSON.stringify(text));
        }
    });

    it("leaves out undefined properties, as JSON does", () => {
        assert.deepEqual(Struct.deserializeBinary(encodeStruct({ a: 1, b: undefined })).toJavaScript(), { a: 1 });
    });

    it("encodes an InvokeResponse: the return value, or the failures", () => {
        const ok = provider.InvokeResponse.deserializeBinary(encodeInvokeResponse({ return: value }));
        assert.deepEqual(ok.getReturn()!.toJavaScript(), value);
        const failed = provider.InvokeResponse.deserializeBinary(encodeInvokeResponse({ failures: [{ property: "pageSize", reason: "must be… 0" }] }));
        assert.deepEqual(
            failed.getFailuresList().map((f) => [f.getProperty(), f.getReason()]),
            [["pageSize", "must be… 0"]],
        );
        assert.equal(failed.getReturn(), undefined);
    });

    it("encodes a CreateResponse, a ReadResponse (inputs or none) and an UpdateResponse", () => {
        const created = provider.CreateResponse.deserializeBinary(encodeCreateResponse({ id: "mcc-users-1", properties: value }));
        assert.equal(created.getId(), "mcc-users-1");
        assert.deepEqual(created.getProperties()!.toJavaScript(), value);
        const read = provider.ReadResponse.deserializeBinary(encodeReadResponse({ id: "mcc-users-1", properties: value, inputs: { companyId: "c" } }));
        assert.equal(read.getId(), "mcc-users-1");
        assert.deepEqual(read.getProperties()!.toJavaScript(), value);
        assert.deepEqual(read.getInputs()!.toJavaScript(), { companyId: "c" });
        assert.equal(provider.ReadResponse.deserializeBinary(encodeReadResponse({ id: "x", properties: {} })).getInputs(), undefined);
        const updated = provider.UpdateResponse.deserializeBinary(encodeUpdateResponse({ properties: value }));
        assert.deepEqual(updated.getProperties()!.toJavaScript(), value);
    });
});
