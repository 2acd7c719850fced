import assert from "node:assert/strict";
import { signV2, stringToSignV2 } from "../../provider/signing/signatureV2";

// Expected signatures were computed with OpenSSL, not with this package:
//   v() { printf '%s %s\n%s\n%s' "$1" "$2" "$3" "$4" | openssl dgst -sha256 -hmac "$5" -binary | base64; }
//   v GET "/open-api/v1/account/group/320" 1700470912198 HrR0s91elfiXEeTSZcwj secretKeyExample
// (one line of the table each; the arguments are method, path and query, timestamp, access key, secret key).
const vectors = [
    {
        name: "Organization: path only, no query",
        method: "GET",
        pathAndQuery: "/open-api/v1/account/group/320",
        timestamp: 1700470912198,
        accessKey: "HrR0s91elfiXEeTSZcwj",
        secretKey: "secretKeyExample",
        signature: "ljLXEU/5YOAQAFAcSuq50WYO3Za6FaZLtN9Gx3UZ2KI=",
    },
    {
        name: "MCC: path and query as on the wire",
        method: "GET",
        pathAndQuery: "/ncloudmcc/v1/companies/48128f23-e29b-496e-aa04-1f741fed86bc/users?limit=2&offset=3",
        timestamp: 1700470912198,
        accessKey: "HrR0s91elfiXEeTSZcwj",
        secretKey: "secretKeyExample",
        signature: "zuv4iIKXyXaPq1Kr9cOYa73LheWvR9FtMORPGdxXEPU=",
    },
    {
        name: "a non-ASCII secret key is used as UTF-8",
        method: "GET",
        pathAndQuery: "/ncloudmcc/v1/companies/48128f23-e29b-496e-aa04-1f741fed86bc/users?limit=100&offset=0",
        timestamp: 1763900000000,
        accessKey: "ncp_iam_BPAMKR000",
        secretKey: "비밀키-ünïcode",
        signature: "6MVd+Pk1OqOZpHKqaHtBmuRBk0LZYAoFTB0RTfLcfQM=",
    },
    {
        name: "percent-encoded query is signed as sent, timestamp 0",
        method: "POST",
        pathAndQuery: "/a/b?x=%20y",
        timestamp: 0,
        accessKey: "AK",
        secretKey: "SK",
        signature: "n5jFU1xbTO7x1jMH/qjNImzPd6HTfPJhSjarQdfOK0M=",
    },
] as const;

describe("signature v2", () => {
    for (const v of vectors) {
        it(`matches the OpenSSL vector: ${v.name}`, () => {
            const headers = signV2(v);
            assert.deepEqual(headers, {
                "x-ncp-apigw-timestamp": String(v.timestamp),
                "x-ncp-iam-access-key": v.accessKey,
                "x-ncp-apigw-signature-v2": v.signature,
            });
        });
    }

    it("signs method, path with query, timestamp and access key, and not the host", () => {
        assert.equal(stringToSignV2({ method: "GET", pathAndQuery: "/x?limit=1", timestamp: 5, accessKey: "AK" }), "GET /x?limit=1\n5\nAK");
    });

    it("refuses a target that is not a path, a bare '?', or a bad timestamp", () => {
        const base = { method: "GET", pathAndQuery: "/x", timestamp: 1, accessKey: "AK", secretKey: "SK" };
        assert.throws(() => signV2({ ...base, pathAndQuery: "https://host/x" }), /must start with '\/'/);
        assert.throws(() => signV2({ ...base, pathAndQuery: "/x?" }), /bare '\?'/);
        assert.throws(() => signV2({ ...base, timestamp: 1.5 }), /timestamp/);
        assert.throws(() => signV2({ ...base, timestamp: -1 }), /timestamp/);
    });
});
