// The provider plugin, as @pulumi/pulumi's nodejs plugin runner loads it: serves the ResourceProvider service of
// the package one folder up (the same provider/ code as the library) and prints its port. It exports nothing: the
// runner would take an exported ComponentResource class for a component to serve.
require("../dist/provider/plugin/main.js")
    .servePlugin()
    .catch((error) => {
        process.stderr.write(`ncloud-members plugin: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
