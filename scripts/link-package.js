// Links this repository into its own node_modules as "pulumi-ncloud-members", so that programs run from it
// (examples/, under the Pulumi CLI) resolve the package by name as a user's project does. The dynamic
// provider host needs this: it requires "pulumi-ncloud-members/dynamic-provider" from the project directory.
const { existsSync, symlinkSync } = require("node:fs");
const { join } = require("node:path");

const link = join(__dirname, "..", "node_modules", "pulumi-ncloud-members");
if (existsSync(join(__dirname, "..", "node_modules")) && !existsSync(link)) symlinkSync("..", link, "dir");
