import { createHmac } from "node:crypto";

/** What NCP signature v2 signs. Everything the signer needs; it reads no clock and no environment. */
export interface SignatureV2Input {
    /** HTTP method, upper case as sent (`GET`). */
    readonly method: string;
    /**
     * The request target exactly as it goes on the wire after the host: the path, then `?query`
     * only when there is a query. Take it from one `URL` object (`url.pathname + url.search`) so
     * the signed and the sent forms cannot differ.
     */
    readonly pathAndQuery: string;
    /** Epoch milliseconds; sent as `x-ncp-apigw-timestamp` and signed as the same decimal string. */
    readonly timestamp: number;
    readonly accessKey: string;
    readonly secretKey: string;
}

/** The three headers NCP's API Gateway authenticates a request by. */
export interface SignatureV2Headers {
    readonly "x-ncp-apigw-timestamp": string;
    readonly "x-ncp-iam-access-key": string;
    readonly "x-ncp-apigw-signature-v2": string;
}

/**
 * The string NCP signs: `METHOD PATH_AND_QUERY\nTIMESTAMP\nACCESS_KEY`. The host is not part of it.
 *
 * @example
 * stringToSignV2({ method: "GET", pathAndQuery: "/a?b=1", timestamp: 1, accessKey: "AK" })
 * // "GET /a?b=1\n1\nAK"
 */
export function stringToSignV2(input: Omit<SignatureV2Input, "secretKey">): string {
    return `${input.method} ${input.pathAndQuery}\n${timestampText(input.timestamp)}\n${input.accessKey}`;
}

/**
 * Signs a request with NCP signature v2: base64(HMAC-SHA256(secretKey, stringToSign)).
 *
 * @example
 * const headers = signV2({ method: "GET", pathAndQuery: url.pathname + url.search,
 *                          timestamp: Date.now(), accessKey, secretKey });
 */
export function signV2(input: SignatureV2Input): SignatureV2Headers {
    if (!input.pathAndQuery.startsWith("/")) {
        throw new TypeError("pathAndQuery must start with '/' (the host is not signed)");
    }
    if (input.pathAndQuery.endsWith("?")) {
        // NCP's Java SDK adds "?" only when a query exists; a bare "?" would be signed but not sent by most clients.
        throw new TypeError("pathAndQuery must not end with a bare '?'");
    }
    const signature = createHmac("sha256", input.secretKey).update(stringToSignV2(input), "utf8").digest("base64");
    return {
        "x-ncp-apigw-timestamp": timestampText(input.timestamp),
        "x-ncp-iam-access-key": input.accessKey,
        "x-ncp-apigw-signature-v2": signature,
    };
}

function timestampText(timestamp: number): string {
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
        throw new TypeError("timestamp must be a non-negative integer of epoch milliseconds");
    }
    return String(timestamp);
}
