import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { startProviderProcess, type ProviderProcess } from "./providerHost";

const ROOT = resolve(__dirname, "..", "..");
export const PLUGIN_DIR = join(ROOT, "plugin");
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the protobuf runtime @pulumi/pulumi's messages use
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as {
    Struct: { fromJavaScript(value: Record<string, unknown>): { toJavaScript(): Record<string, unknown> } };
};

type Props = Record<string, unknown>;
export const struct = (value: Props) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Props) as never;

/** The plugin started as the nodejs language host starts it, and typed calls to its ResourceProvider service. */
export interface PluginHost extends ProviderProcess {
    call<Req, Res>(method: string, request: Req): Promise<Res>;
}

/**
 * `npm install` in plugin/ (what `pulumi package add` does; its prepare step finds the package built by npm test),
 * then `node node_modules/@pulumi/pulumi/cmd/run-plugin <plugin folder> <engine>` in that folder.
 */
export async function startPlugin(env: NodeJS.ProcessEnv = {}): Promise<PluginHost> {
    await promisify(execFile)("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: PLUGIN_DIR });
    const runner = join(PLUGIN_DIR, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin");
    const host = await startProviderProcess([runner, PLUGIN_DIR, "127.0.0.1:1"], PLUGIN_DIR, env);
    const client = host.client as unknown as Record<string, (req: unknown, cb: (e: grpcTypes.ServiceError | null, r: unknown) => void) => void>;
    return {
        ...host,
        call: <Req, Res>(method: string, request: Req) =>
            new Promise<Res>((ok, fail) => client[method].call(host.client, request, (e, r) => (e ? fail(e) : ok(r as Res)))),
    };
}

export { provider };
