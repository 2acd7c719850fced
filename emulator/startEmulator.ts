import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_DATA_PATH, loadEmulatorData, type EmulatorData } from "./EmulatorData";
import type { Fault, FaultAction, FaultTarget } from "./Fault";

/** How to start the emulator. */
export interface EmulatorOptions {
    /** What it serves, read live (tests may change it between requests). @default the data set shipped with the package ({@link DEFAULT_DATA_PATH}) */
    readonly data?: EmulatorData;
    /** @default 0 (any free port) */
    readonly port?: number;
    /** Only loopback is allowed. @default "127.0.0.1" */
    readonly host?: string;
    /** The emulated gateway's clock, as an offset from this machine's, in milliseconds. @default the data's `clockOffsetMs`, else 0 */
    readonly clockOffsetMs?: number;
    /** Faults to inject; the first that matches a request decides. @default the data's `faults` */
    readonly faults?: readonly Fault[];
    /**
     * Every answer leaves this many milliseconds after its request arrived, as over a network with that latency.
     * The request is checked and answered from the data (and the faults) at once; only the answer waits, so the
     * emulator's own work does not add to the delay; a `stall` fault starts when the answer is due, and its answer
     * is worked out when the stall ends. A whole number from 0 to {@link MAX_LATENCY_MS}, else `startEmulator`
     * throws. @default 0
     */
    readonly latencyMs?: number;
}

/** One request the emulator received. */
export interface RecordedRequest {
    readonly method: string;
    /** Path and query as received. */
    readonly url: string;
    readonly api: FaultTarget;
    /** The status answered; 0 when the connection was closed without an answer. */
    readonly status: number;
}

/** A running emulator. */
export interface RunningEmulator {
    /** Base URL, e.g. `http://127.0.0.1:40123`; both APIs live under it. */
    readonly url: string;
    readonly port: number;
    /** Every request received, in order. */
    readonly requests: RecordedRequest[];
    /** Counters since the start (or the last `resetStats`): TCP connections accepted, most requests in flight at once. */
    readonly stats: { connections: number; maxInFlight: number };
    resetStats(): void;
    /** Replace the faults (counts start again). */
    setFaults(faults: readonly Fault[]): void;
    /** Move the emulated gateway's clock, as an offset from this machine's, in milliseconds. */
    setClockOffset(ms: number): void;
    close(): Promise<void>;
}

const WINDOW_MS = 5 * 60 * 1000;
/** The longest `latencyMs`, as the command's `--latency-ms` allows. */
export const MAX_LATENCY_MS = 60_000;
const ORG_PATH = /^\/open-api\/v1\/account\/group\/([^/]+)$/;
const MCC_PATH = /^\/ncloudmcc\/v1\/companies\/([^/]+)\/users$/;

type NcpError = { readonly status: number; readonly errorCode: string; readonly message: string };
const NCP_ERRORS = {
    badRequest: { status: 400, errorCode: "100", message: "Bad Request Exception" },
    authFailed: { status: 401, errorCode: "200", message: "Authentication Failed" },
    notFound: { status: 404, errorCode: "300", message: "Not Found Exception" },
    noCompany: { status: 404, errorCode: "180000", message: "Company does not exist" },
} as const;

/** Whether the emulator may listen on `host`: it serves fake keys and member data, never beyond this machine. */
export function isLoopbackHost(host: string): boolean {
    return /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/.test(host);
}

/**
 * Starts a local NCP API Gateway for the Organization and MCC APIs. It checks signature v2 and the
 * 5-minute timestamp window as the gateway does, answers NCP-shaped errors, and injects faults. With no
 * options it serves the bundled demo data (keys {@link DEMO_ACCESS_KEY} / {@link DEMO_SECRET_KEY}) on a free
 * loopback port.
 *
 * @example
 * const emulator = await startEmulator();
 * const group = await getOrganizationAccounts({ organizationGroupNo: 320 },
 *     { organizationEndpoint: emulator.url, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const host = options.host ?? "127.0.0.1";
    if (!isLoopbackHost(host)) throw new Error(`the emulator only listens on loopback, not ${host}`);
    const data = options.data ?? loadEmulatorData(DEFAULT_DATA_PATH);
    const requests: RecordedRequest[] = [];
    let faults = armed(options.faults ?? data.faults ?? []);
    let clockOffsetMs = options.clockOffsetMs ?? data.clockOffsetMs ?? 0;
    let joined = 0;
    const stats = { connections: 0, maxInFlight: 0 };
    let inFlight = 0;
    const latencyMs = options.latencyMs ?? 0;
    if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
        throw new Error(`latencyMs must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}, not ${String(latencyMs)}`);
    }

    const server = createServer((req, res) => {
        inFlight += 1;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        res.on("close", () => (inFlight -= 1));
        const due = performance.now() + latencyMs;
        const deliver = (answer: () => void, abandoned: () => void) => {
            const wait = due - performance.now();
            if (wait <= 0) return answer();
            let answered = false;
            const timer = setTimeout(() => {
                answered = true;
                answer();
            }, wait);
            res.on("close", () => {
                clearTimeout(timer);
                if (!answered) abandoned();
            });
        };
        handle(req, res, deliver);
    });
    server.on("connection", () => (stats.connections += 1));

    /** Works out the answer to a request now; `deliver` runs what the client sees (the answer, a reset) when it is due. */
    function handle(req: IncomingMessage, res: ServerResponse, deliverOr: (answer: () => void, abandoned: () => void) => void): void {
        const target = new URL(req.url ?? "/", "http://emulator");
        const api: FaultTarget = ORG_PATH.test(target.pathname) ? "organization" : MCC_PATH.test(target.pathname) ? "mcc" : "any";
        const record = (status: number) => requests.push({ method: req.method ?? "", url: req.url ?? "", api, status });
        // A request whose client leaves before its answer is due is recorded with status 0, as one left unanswered.
        const deliver = (answer: () => void) => deliverOr(answer, () => record(0));
        const send = (status: number, body: string, headers: Record<string, string> = {}) => {
            deliver(() => {
                record(status);
                res.writeHead(status, {
                    "content-type": "application/json;charset=UTF-8",
                    date: new Date(Date.now() + clockOffsetMs).toUTCString(),
                    "x-ncp-trace-id": randomBytes(13).toString("hex"),
                    ...headers,
                });
                res.end(body);
            });
        };
        const fail = (e: NcpError, details?: string, headers?: Record<string, string>) =>
            send(e.status, JSON.stringify({ error: { errorCode: e.errorCode, message: e.message, ...(details ? { details } : {}) } }), headers);

        const authProblem = checkSignature(req, data, clockOffsetMs);
        if (authProblem) return fail(NCP_ERRORS.authFailed, authProblem);
        if (req.method !== "GET" || api === "any") return fail(NCP_ERRORS.notFound);

        const fault = takeFault(faults, api);
        switch (fault?.kind) {
            case "status":
                return fail(
                    { status: fault.status, errorCode: fault.errorCode ?? String(fault.status), message: fault.message ?? "Injected fault" },
                    undefined,
                    fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter },
                );
            case "body":
                return send(200, fault.body, { "content-type": fault.contentType ?? "text/html" });
            case "raw":
                return deliver(() => {
                    record(fault.status);
                    res.writeHead(fault.status, { ...fault.headers });
                    res.end(fault.body);
                });
            case "reset":
                return deliver(() => {
                    record(0);
                    req.socket.destroy();
                });
            case "truncate":
                return deliver(() => truncated(res, record));
            case "flood":
                return deliver(() => flood(res, record, fault.bytes));
            case "stall":
                // The stall starts when the answer was due, and the answer is worked out when it ends.
                return deliver(() => {
                    const timer = setTimeout(() => serve(), fault.ms);
                    res.on("close", () => {
                        clearTimeout(timer);
                        if (!res.headersSent) record(0);
                    });
                });
            default:
                return serve(fault);
        }

        function serve(change?: FaultAction): void {
            if (api === "organization") {
                const groupNo = ORG_PATH.exec(target.pathname)![1];
                const accounts = /^\d+$/.test(groupNo) ? data.organizationGroups[String(Number(groupNo))] : undefined;
                if (!accounts) return fail(NCP_ERRORS.notFound, `organization group ${groupNo} not found`);
                return send(200, JSON.stringify(accounts));
            }
            let companyId: string;
            try {
                companyId = decodeURIComponent(MCC_PATH.exec(target.pathname)![1]);
            } catch {
                // A malformed escape (%E0%A4%A) is the client's mistake: answer it, and keep serving.
                return fail(NCP_ERRORS.badRequest, "the company id is not a valid percent-encoded path segment");
            }
            const users = data.mccCompanies[companyId];
            if (!users) return fail(NCP_ERRORS.noCompany);
            const limit = integerParam(target.searchParams.get("limit"), 10, 1);
            const offset = integerParam(target.searchParams.get("offset"), 0, 0);
            if (limit === undefined || offset === undefined) return fail(NCP_ERRORS.badRequest, "limit and offset must be integers");
            if (change?.kind === "grow") users.unshift({ externalKey: `joined-mid-listing-${++joined}`, name: "Newcomer" });
            const served = Math.min(limit, data.mccMaxLimit ?? 100);
            const from = change?.kind === "repeat-page" ? Math.max(0, offset - served) : offset;
            const page = change?.kind === "empty-page" ? [] : users.slice(from, from + served);
            const total = change?.kind === "total" ? change.total : users.length;
            const body = JSON.stringify({ page: { count: page.length, offset: from, limit: served, total }, users: page });
            send(200, change?.kind === "nest" && page.length > 0 ? withDeepField(body, change.depth) : body);
        }
    }
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
        stats,
        resetStats() {
            stats.connections = 0;
            stats.maxInFlight = 0;
        },
        setFaults(next) {
            faults = armed(next);
        },
        setClockOffset(ms) {
            clockOffsetMs = ms;
        },
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

/** Headers promising a whole body, half of it, then the connection closes. */
function truncated(res: ServerResponse, record: (status: number) => void): void {
    record(200);
    const body = Buffer.from(JSON.stringify({ page: { count: 0, offset: 0, limit: 100, total: 0 }, users: [], padding: "x".repeat(2000) }));
    res.writeHead(200, { "content-type": "application/json;charset=UTF-8", "content-length": String(body.length) });
    res.write(body.subarray(0, body.length / 2), () => res.socket?.destroy());
}

/** A 200 of `bytes` bytes of JSON-looking text, or an endless chunked one when `bytes` is not given. */
function flood(res: ServerResponse, record: (status: number) => void, bytes?: number): void {
    record(200);
    const chunk = Buffer.alloc(64 * 1024, "x");
    res.writeHead(200, { "content-type": "application/json;charset=UTF-8", ...(bytes === undefined ? {} : { "content-length": String(bytes) }) });
    let left = bytes ?? Infinity;
    const pump = (): void => {
        while (left > 0 && !res.destroyed) {
            const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
            left -= part.length;
            if (left === 0) return void res.end(part);
            if (!res.write(part)) return void res.once("drain", pump);
        }
    };
    pump();
}

/** The page's JSON with `"deep":[[[…]]]` nested `depth` levels added to its first user. */
function withDeepField(body: string, depth: number): string {
    const at = body.indexOf('"users":[{') + '"users":[{'.length;
    return `${body.slice(0, at)}"deep":${"[".repeat(depth)}${"]".repeat(depth)},${body.slice(at)}`;
}

/** Why the gateway would refuse the request's signature, or undefined when it is valid. */
function checkSignature(req: IncomingMessage, data: EmulatorData, clockOffsetMs: number): string | undefined {
    const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === "string" ? value : undefined;
    };
    const timestamp = header("x-ncp-apigw-timestamp");
    const accessKey = header("x-ncp-iam-access-key");
    const signature = header("x-ncp-apigw-signature-v2");
    if (!timestamp || !accessKey || !signature) return "missing authentication headers";
    if (!/^\d+$/.test(timestamp)) return "invalid timestamp";
    if (Math.abs(Date.now() + clockOffsetMs - Number(timestamp)) > WINDOW_MS) return "timestamp is outside the 5-minute window";
    const pair = data.credentials.find((c) => c.accessKey === accessKey);
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
        const { api: target = "any", skip = 0, every } = entry.fault;
        if (target !== "any" && target !== api) continue;
        entry.seen += 1;
        const n = entry.seen - skip;
        if (n < 1 || (every !== undefined && n % every !== 0)) continue;
        const hits = every === undefined ? n : n / every;
        if (hits <= (entry.fault.times ?? (every === undefined ? 1 : Infinity))) return entry.fault;
    }
    return undefined;
}
