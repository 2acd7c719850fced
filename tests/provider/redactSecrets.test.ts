import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { redact, redactError, secretTexts } from "../../provider/redactSecrets";
import { getOrganizationAccountsOutput, InvalidArgumentError, NcloudApiError } from "../../sdk";
import { ORG_GROUP, useEmulator } from "../helpers/emulator";
import { settle, usePulumiMocks } from "../helpers/outputs";

const HANGUL_NFD = "[홍길동SECRET".normalize("NFD");
const HANGUL_NFC = "[홍길동SECRET".normalize("NFC");

describe("redactSecrets", () => {
    describe("secretTexts", () => {
        it("a bigint and a boolean are text too", () => assert.deepEqual(secretTexts([42n, true]), ["42", "true"]));

        it("every string and number inside a value, short ones too; nothing for an empty string", () => {
            assert.deepEqual(secretTexts({ organizationGroupNo: 42, filters: [{ name: "memberName", values: ["dba-lead", "7", ""] }] }), [
                "42",
                "memberName",
                "dba-lead",
                "7",
            ]);
        });
    });

    describe("redact", () => {
        it("a secret shorter than 3 characters is redacted where it stands as a whole token", () => {
            assert.equal(
                redact("organization group 42 not found: GET /group/42 (HTTP 404)", ["42"]),
                "organization group [secret] not found: GET /group/[secret] (HTTP 404)",
            );
            assert.equal(redact("42", ["42"]), "[secret]");
            assert.equal(redact("(42)", ["42"]), "([secret])");
        });

        it("a short secret inside a longer number or word is left alone", () => {
            for (const text of ["member 1425", "attempt 4/4", "x42", "42a", "v4.2", "트42"]) assert.equal(redact(text, ["42"]), text);
            assert.equal(redact("organization group 7 not found after attempt 4/4", ["4"]), "organization group 7 not found after attempt [secret]/[secret]");
        });

        it("a short secret is not a token before a combining mark (an accent of a decomposed letter)", () => {
            const decomposed = "caf\u0065\u0301 e";
            assert.equal(redact(decomposed, ["e"]), "caf\u0065\u0301 [secret]");
        });

        it("a short secret's own non-word edge needs no boundary: -1 is found after a letter", () => {
            assert.equal(redact("group-1 and group-12", ["-1"]), "group[secret] and group-12");
        });

        it("a secret of 3 characters or more is redacted anywhere, as before", () => {
            assert.equal(redact("member 1425, id a142b", ["142"]), "member [secret]5, id a[secret]b");
        });

        it("each secret is redacted in the form given and in its NFC and NFD forms", () => {
            assert.notEqual(HANGUL_NFD, HANGUL_NFC);
            const message = `Invalid regular expression: /${HANGUL_NFC}/: Unterminated character class`;
            assert.equal(redact(message, [HANGUL_NFD]), "Invalid regular expression: /[secret]/: Unterminated character class");
            assert.equal(redact(`given ${HANGUL_NFD}`, [HANGUL_NFC]), "given [secret]");
            assert.equal(redact(`short 홍 and 홍길동`.normalize("NFD"), ["홍"]), `short [secret] and 홍길동`.normalize("NFD"));
        });

        it("a marker already put in is not searched again, and overlapping secrets leave nothing between them", () => {
            assert.equal(redact("ecr", ["ecr", "ret"]), "[secret]");
            assert.equal(redact("a xabcd b", ["abcd", "xab"]), "a [secret] b");
        });

        it("redactError takes secrets out of the error's own text fields and its cause's, not out of code or name", () => {
            const cause = Object.assign(new Error("socket to /group/42 closed"), { code: "E42" });
            const error = Object.assign(new Error("group 42 not found", { cause }), { code: "42", path: "/group/42", status: 42 });
            assert.equal(redactError(error, ["42"]), error);
            assert.deepEqual(
                { message: error.message, path: error.path, code: error.code, status: error.status, cause: cause.message },
                { message: "group [secret] not found", path: "/group/[secret]", code: "42", status: 42, cause: "socket to /group/[secret] closed" },
            );
            assert.doesNotMatch(error.stack ?? "", /group 42/);
        });

        it("no secrets, no change", () => {
            assert.equal(redact("group 42", []), "group 42");
            const error = new Error("group 42");
            assert.equal(redactError(error, []).message, "group 42");
        });
    });

    describe("as a Pulumi program sees it (setMocks)", () => {
        const ctx = useEmulator();
        usePulumiMocks(false);

        it("a short secret group number is in no part of the error that fails the Output", async () => {
            const result = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.secret(42) }, ctx.opts);
            await assert.rejects(settle(result), (e: Error) => {
                assert.ok(e instanceof NcloudApiError, String(e));
                assert.match(e.message, /\/group\/\[secret\]/);
                // Pulumi prints an uncaught error with util.inspect: its fields (path, NCP's details) show too.
                for (const shown of [e.message, e.stack ?? "", inspect(e), JSON.stringify(e)]) {
                    assert.doesNotMatch(shown, /(?<![\p{L}\p{N}])42(?![\p{L}\p{N}])/u);
                }
                return true;
            });
            await assert.rejects(settle(getOrganizationAccountsOutput({ organizationGroupNo: 42 }, ctx.opts)), /\/group\/42\b/, "a plain one is named");
        });

        it("a secret boolean given where a number goes is not shown as got true", async () => {
            const result = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.secret(true) as never }, ctx.opts);
            await assert.rejects(settle(result), (e: Error) => {
                assert.ok(e instanceof InvalidArgumentError, String(e));
                assert.match(e.message, /must be a positive integer, got \[secret\]$/);
                return true;
            });
        });

        it("a secret that JSON.stringify escapes (a newline, a quote, a backslash) is not shown in its quoted form", async () => {
            for (const value of ["321\n", 'dba"lead', "a\\b\tc"]) {
                const result = getOrganizationAccountsOutput({ organizationGroupNo: pulumi.secret(value) as never }, ctx.opts);
                await assert.rejects(settle(result), (e: Error) => {
                    assert.ok(e instanceof InvalidArgumentError, String(e));
                    assert.match(e.message, /got "\[secret\]"/);
                    const shown = [e.message, e.stack ?? "", inspect(e), JSON.stringify(e)].join("\n");
                    for (const form of [value, JSON.stringify(value).slice(1, -1)]) assert.ok(!shown.includes(form), shown);
                    return true;
                });
            }
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("a secret regex filter given in NFD is not shown in the NFC form the error quotes", async () => {
            const filters = [{ name: "memberName", values: [pulumi.secret(HANGUL_NFD)], regex: true }];
            const result = getOrganizationAccountsOutput({ organizationGroupNo: ORG_GROUP, filters }, ctx.opts);
            await assert.rejects(settle(result), (e: Error) => {
                assert.ok(e instanceof InvalidArgumentError, String(e));
                assert.match(e.message, /is not a valid regular expression/);
                const shown = [e.message, e.stack ?? "", inspect(e), JSON.stringify(e)].join("\n");
                for (const form of [HANGUL_NFC, HANGUL_NFD, "홍길동", "SECRET"]) assert.ok(!shown.includes(form), shown);
                return true;
            });
            assert.equal(ctx.emulator.requests.length, 0);
        });
    });
});
