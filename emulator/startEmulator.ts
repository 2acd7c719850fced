import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorData } from "./EmulatorData";
import type { Fault, FaultAction, FaultTarget } from "./Fault";

/** How to start the emulator. */
export interface EmulatorOptions {
    /** What it serves. Read live: tests may change it between requests. */
    readonly data: EmulatorData;
    /** @default 0 (any free port) */
    readonly port?: number;
    /** Only loopback is allowed. @default "127.0.0.1" */
    readonly host?: string;
    /** The emulated gateway's clock, as an offset from this machine's, in milliseconds. @default 0 */
    readonly clockOffsetMs?: number;
    /** Faults to inject, in order; the first that matches a request decides. */
    readonly faults?: readonly Fault[];
}

/** One request the emulator received. */
export interface RecordedRequest {
    readonly method: string;
    /** Path and query as received. */
    readonly url: string;
    readonly api: FaultTarget;
    readonly status: number;
}

/** A running emulator. */
export interface RunningEmulator {
    /** Base URL, e.g. `http://127.0.0.1:40123`; both APIs live under it. */
    readonly url: string;
    readonly port: number;
    /** Every request received, in order. */
    readonly requests: RecordedRequest[];
    /** Replace the faults (counts start again). */
    setFaults(faults: readonly Fault[]): void;
    close(): Promise<void>;
}

const WINDOW_MS = 5 * 60 * 1000;
const ORG_PATH = /^\/open-api\/v1\/account\/group\/([^/]+)$/;
const MCC_PATH = /^\/ncloudmcc\/v1\/companies\/([^/]+)\/users$/;

const NCP_ERRORS = {
    badRequest: { status: 400, errorCode: "100", message: "Bad Request Exception" },
    authFailed: { status: 401, errorCode: "200", message: "Authentication Failed" },
    notFound: { status: 404, errorCode: "300", message: "Not Found Exception" },
    noCompany: { status: 404, errorCode: "180000", message: "Company does not exist" },
} as const;

/**
 * Starts a local NCP API Gateway for the Organization and MCC APIs. It checks signature v2 and the
 * 5-minute timestamp window as the gateway does, and answers NCP-shaped errors.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
    const host = options.host ?? "127.0.0.1";
    if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host)) throw new Error(`the emulator only listens on loopback, not ${host}`);
    const requests: RecordedRequest[] = [];
    let faults = armed(options.faults ?? []);

    const server = createServer((req, res) => {
        const target = new URL(req.url ?? "/", "http://emulator");
        const api: FaultTarget = ORG_PATH.test(target.pathname) ? "organization" : MCC_PATH.test(target.pathname) ? "mcc" : "any";
        const send = (status: number, body: string, contentType = "application/json;charset=UTF-8") => {
            requests.push({ method: req.method ?? "", url: req.url ?? "", api, status });
            res.writeHead(status, {
                "content-type": contentType,
                date: new Date(Date.now() + (options.clockOffsetMs ?? 0)).toUTCString(),
                "x-ncp-trace-id": randomBytes(13).toString("hex"),
            });
            res.end(body);
        };
        const fail = (e: { status: number; errorCode: string; message: string }, details?: string) =>
            send(e.status, JSON.stringify({ error: { errorCode: e.errorCode, message: e.message, ...(details ? { details } : {}) } }));

        const authProblem = checkSignature(req, options);
        if (authProblem) return fail(NCP_ERRORS.authFailed, authProblem);
        if (req.method !== "GET" || api === "any") return fail(NCP_ERRORS.notFound);

        const fault = takeFault(faults, api);
        if (fault?.kind === "status") {
            return fail({ status: fault.status, errorCode: fault.errorCode ?? String(fault.status), message: fault.message ?? "Injected fault" });
        }
        if (fault?.kind === "body") return send(200, fault.body, fault.contentType ?? "text/html");

        if (api === "organization") {
            const groupNo = ORG_PATH.exec(target.pathname)![1]!;
            const accounts = /^\d+$/.test(groupNo) ? options.data.organizationGroups[String(Number(groupNo))] : undefined;
            if (!accounts) return fail(NCP_ERRORS.notFound, `organization group ${groupNo} not found`);
            return send(200, JSON.stringify(accounts));
        }
        const companyId = decodeURIComponent(MCC_PATH.exec(target.pathname)![1]!);
        const users = options.data.mccCompanies[companyId];
        if (!users) return fail(NCP_ERRORS.noCompany);
        const limit = integerParam(target.searchParams.get("limit"), 10, 1);
        const offset = integerParam(target.searchParams.get("offset"), 0, 0);
        if (limit === undefined || offset === undefined) return fail(NCP_ERRORS.badRequest, "limit and offset must be integers");
        const served = Math.min(limit, options.data.mccMaxLimit ?? 100);
        const from = fault?.kind === "repeat-page" ? Math.max(0, offset - served) : offset;
        const page = fault?.kind === "empty-page" ? [] : users.slice(from, from + served);
        send(200, JSON.stringify({ page: { count: page.length, offset: from, limit: served, total: users.length }, users: page }));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, host, resolve);
    });
    const port = (server.address() as AddressInfo).port;
    return {
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        port,
        requests,
        setFaults(next) {
            faults = armed(next);
        },
        close: () => new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}

/** Why the gateway would refuse the request's signature, or undefined when it is valid. */
function checkSignature(req: IncomingMessage, options: EmulatorOptions): string | undefined {
    const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === "string" ? value : undefined;
    };
    const timestamp = header("x-ncp-apigw-timestamp");
    const accessKey = header("x-ncp-iam-access-key");
    const signature = header("x-ncp-apigw-signature-v2");
    if (!timestamp || !accessKey || !signature) return "missing authentication headers";
    if (!/^\d+$/.test(timestamp)) return "invalid timestamp";
    if (Math.abs(Date.now() + (options.clockOffsetMs ?? 0) - Number(timestamp)) > WINDOW_MS) return "timestamp is outside the 5-minute window";
    const pair = options.data.credentials.find((c) => c.accessKey === accessKey);
    if (!pair) return "unknown access key";
    // Signed: method, the request target exactly as received (path and query), timestamp, access key.
    const expected = createHmac("sha256", pair.secretKey).update(`${req.method} ${req.url}\n${timestamp}\n${accessKey}`, "utf8").digest();
    const given = Buffer.from(signature, "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature mismatch";
    return undefined;
}

function integerParam(text: string | null, fallback: number, min: number): number | undefined {
    if (text === null) return fallback;
    return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : undefined;
}

type ArmedFault = { fault: Fault; seen: number };

function armed(faults: readonly Fault[]): ArmedFault[] {
    return faults.map((fault) => ({ fault, seen: 0 }));
}

function takeFault(faults: ArmedFault[], api: FaultTarget): FaultAction | undefined {
    for (const entry of faults) {
        const { api: target = "any", skip = 0, times = 1 } = entry.fault;
        if (target !== "any" && target !== api) continue;
        entry.seen += 1;
        if (entry.seen > skip && entry.seen <= skip + times) return entry.fault;
    }
    return undefined;
}

