import { grpc, ResourceProviderService } from "./pulumiRpc";
import { encodedServiceDefinition } from "./responseEncoding";
import { resourceProviderService } from "./ResourceProviderService";

// Started by @pulumi/pulumi's nodejs plugin runner (`run-plugin <folder> <engine address>`, see plugin/): it
// serves the ResourceProvider service on a loopback port and prints that port as the first line of stdout, which
// is how the engine finds it. Nothing else may be printed before it.

/** Serves the plugin until the engine ends the process; resolves with the port once it listens. */
export function servePlugin(): Promise<number> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024, "grpc.max_send_message_length": 400 * 1024 * 1024 });
    server.addService(encodedServiceDefinition(ResourceProviderService), resourceProviderService());
    return new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
            if (error) return reject(error);
            process.stdout.write(`${port}\n`);
            resolve(port);
        });
    });
}
