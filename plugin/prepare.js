// Run by `npm install` in plugin/ (as `pulumi package add` does) and in policy/: both run the package one folder up,
// so install and build it there when that has not been done (a fresh clone). Quiet on stdout: npm shows it.
const { execFileSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (...args) => execFileSync(npm, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (!existsSync(join(root, "node_modules", "undici"))) run("ci", "--no-audit", "--no-fund");
if (!existsSync(join(root, "dist", "provider", "plugin", "main.js"))) run("run", "build");
