// Self-reference by package name, so this resolves the same from the TypeScript sources and from dist/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("pulumi-ncloud-members/package.json") as { version: string };

/** This package's version, from its package.json. */
export const PACKAGE_VERSION = version;

export const USER_AGENT = `pulumi-ncloud-members/${version} node/${process.versions.node}`;
