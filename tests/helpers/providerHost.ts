import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as grpcTypes from "@grpc/grpc-js";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { settle } from "./outputs";

const ROOT = resolve(__dirname, "..", "..");
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
// The gRPC and protobuf runtimes @pulumi/pulumi itself uses, so messages and client match the host's; resolved from
// @pulumi/pulumi's own folder at run time, hence require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] })) as typeof grpcTypes;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as {
    Struct: { fromJavaScript(value: Record<string, unknown>): { toJavaScript(): Record<string, unknown> } };
};

type Props = Record<string, unknown>;

/** What the engine sends for a value it does not know yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The dynamic-provider host of @pulumi/pulumi, started as the engine starts it, and a gRPC client to it. */
export interface ProviderHost {
    configure(config: Props): Promise<void>;
    check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
    create(urn: string, properties: Props): Promise<{ id: string; properties: Props }>;
    diff(urn: string, id: string, olds: Props, news: Props): Promise<"none" | "some" | "unknown">;
    read(urn: string, id: string, properties: Props): Promise<{ id: string; properties: Props }>;
    update(urn: string, id: string, olds: Props, news: Props): Promise<Props>;
    delete(urn: string, id: string, properties: Props): Promise<void>;
    /** Everything the host printed on stdout and stderr. */
    output(): string;
    stop(): Promise<void>;
}

const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

// The host's Configure answers acceptSecrets: false, so the engine sends secret values to it as plain values.
function withoutSecretMarkers(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutSecretMarkers);
    if (typeof value !== "object" || value === null) return value;
    const record = value as Props;
    if (record[SECRET_SIG.key] === SECRET_SIG.value) return withoutSecretMarkers(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withoutSecretMarkers(v)]));
}

const struct = (value: Props) => Struct.fromJavaScript(JSON.parse(JSON.stringify(withoutSecretMarkers(value))) as Props);

/**
 * Starts the host in a directory laid out like a user's project (the package under node_modules), since the
 * host resolves the provider text's `require("pulumi-ncloud-members/dynamic-provider")` from its working directory.
 */
export async function startProviderHost(): Promise<ProviderHost> {
    const project = mkdtempSync(join(tmpdir(), "ncm-project-"));
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules", "pulumi-ncloud-members"), "dir");
    const host = await startProviderProcess([join(PULUMI_DIR, "cmd", "dynamic-provider", "index.js"), "127.0.0.1:1"], project);
    const { client } = host;
    const call = <Req, Res>(method: (req: Req, cb: (e: grpcTypes.ServiceError | null, r: Res) => void) => unknown, req: Req) =>
        new Promise<Res>((ok, fail) => method.call(client, req, (e, r) => (e ? fail(e) : ok(r))));

    return {
        async configure(config) {
            const req = new provider.ConfigureRequest();
            req.setArgs(struct(config) as never);
            await call(client.configure.bind(client), req);
        },
        async check(urn, olds, news) {
            const req = new provider.CheckRequest();
            req.setUrn(urn);
            req.setOlds(struct(olds) as never);
            req.setNews(struct(news) as never);
            const res = await call<provider.CheckRequest, provider.CheckResponse>(client.check.bind(client), req);
            return {
                inputs: res.getInputs()!.toJavaScript(),
                failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async create(urn, properties) {
            const req = new provider.CreateRequest();
            req.setUrn(urn);
            req.setProperties(struct(properties) as never);
            const res = await call<provider.CreateRequest, provider.CreateResponse>(client.create.bind(client), req);
            return { id: res.getId(), properties: res.getProperties()!.toJavaScript() };
        },
        async diff(urn, id, olds, news) {
            const req = new provider.DiffRequest();
            req.setUrn(urn);
            req.setId(id);
            req.setOlds(struct(olds) as never);
            req.setNews(struct(news) as never);
            const res = await call<provider.DiffRequest, provider.DiffResponse>(client.diff.bind(client), req);
            const changes = res.getChanges();
            return changes === provider.DiffResponse.DiffChanges.DIFF_NONE
                ? "none"
                : changes === provider.DiffResponse.DiffChanges.DIFF_SOME
                  ? "some"
                  : "unknown";
        },
        async read(urn, id, properties) {
            const req = new provider.ReadRequest();
            req.setUrn(urn);
            req.setId(id);
            req.setProperties(struct(properties) as never);
            const res = await call<provider.ReadRequest, provider.ReadResponse>(client.read.bind(client), req);
            return { id: res.getId(), properties: res.getProperties()!.toJavaScript() };
        },
        async update(urn, id, olds, news) {
            const req = new provider.UpdateRequest();
            req.setUrn(urn);
            req.setId(id);
            req.setOlds(struct(olds) as never);
            req.setNews(struct(news) as never);
            const res = await call<provider.UpdateRequest, provider.UpdateResponse>(client.update.bind(client), req);
            return res.getProperties()!.toJavaScript();
        },
        async delete(urn, id, properties) {
            const req = new provider.DeleteRequest();
            req.setUrn(urn);
            req.setId(id);
            req.setProperties(struct(properties) as never);
            await call(client.delete.bind(client), req);
        },
        output: () => host.output(),
        stop: () => host.stop(),
    };
}

/** A provider process as the engine starts one, and a gRPC client to its ResourceProvider service. */
export interface ProviderProcess {
    readonly child: ChildProcess;
    readonly client: InstanceType<typeof providerRpc.ResourceProviderClient>;
    /** The port line it printed first on stdout. */
    readonly firstLine: string;
    /** Everything it printed on stdout and stderr. */
    output(): string;
    stop(): Promise<void>;
}

/**
 * Starts `node <args>` in `cwd` as the engine starts a provider, waits for the port it prints as the first line of
 * stdout, and connects to it.
 */
export async function startProviderProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ProviderProcess> {
    const child: ChildProcess = spawn(process.execPath, args, {
        cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    let stdout = "";
    child.stderr!.on("data", (d: Buffer) => (printed += d.toString()));
    const firstLine = await new Promise<string>((resolvePort, reject) => {
        child.stdout!.on("data", (d: Buffer) => {
            printed += d.toString();
            stdout += d.toString();
            const match = /^(\d+)\n/.exec(stdout);
            if (match) resolvePort(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`provider exited with ${code}: ${printed}`)));
    });
    // The engine's client options: Pulumi's rpcutil.GrpcChannelOptions raises the message limit to 400 MiB and sets
    // no flow-control window, so grpc-go sizes the window by its BDP estimator, up to 16 MiB. grpc-js has no
    // estimator (its window stays at 64 KiB unless set), so its ceiling is set here.
    const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${firstLine}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc-node.flow_control_window": 16 * 1024 * 1024,
    });
    return {
        child,
        client,
        firstLine,
        output: () => printed,
        async stop() {
            client.close();
            const exited = new Promise((done) => child.once("exit", done));
            child.kill("SIGTERM");
            await exited;
        },
    };
}

/** What a resource registration sent to the engine: its type, inputs (with `__provider`) and secret outputs. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Props;
    readonly additionalSecretOutputs: string[];
}

/**
 * Runs `program` under Pulumi's mocks and returns the registration of each resource it returns, in its order,
 * as the engine would receive it.
 * The mock monitor does not apply additionalSecretOutputs (the engine does), so those are read off the request.
 */
export async function registrations(program: () => pulumi.Resource[]): Promise<Registration[]> {
    const seen: Registration[] = [];
    const secretOutputs = new Map<string, string[]>();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                seen.push({ type: args.type, name: args.name, inputs: args.inputs as Props, additionalSecretOutputs: secretOutputs.get(args.name) ?? [] });
                return { id: `${args.name}-id`, state: args.inputs as Props };
            },
            call: (args) => args.inputs as Props,
        },
        "ncm-test",
        "dev",
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): void };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
        register(req, cb);
    };
    // A resource's URN resolves once its registration (inputs, provider text among them) reached the monitor.
    const urns = await Promise.all(program().map((resource) => settle(resource.urn)));
    return urns.map((urn) => seen.find((r) => urn.endsWith(`::${r.name}`))!);
}

interface RegisterRequest {
    getName(): string;
    getAdditionalsecretoutputsList(): string[];
}
