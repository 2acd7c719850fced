import type * as grpcTypes from "@grpc/grpc-js";
import { dirname } from "node:path";

// The gRPC runtime and protobuf modules @pulumi/pulumi's own generated code uses, resolved from its folder, so that
// messages, service definitions and server all match.
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
/* eslint-disable @typescript-eslint/no-require-imports -- resolved from @pulumi/pulumi's folder at run time */
export const grpc = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] })) as typeof grpcTypes;
export const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as {
    Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};
export const { ResourceProviderService } = require("@pulumi/pulumi/proto/provider_grpc_pb") as { ResourceProviderService: grpcTypes.ServiceDefinition };
/* eslint-enable @typescript-eslint/no-require-imports */
