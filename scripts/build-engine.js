// Builds the real Pulumi engine the engine suite runs (`npm run engine:build`, and `npm run test:engine` first):
// the CLI at the version pinned in engine/go.mod, the language hosts, and the shims the CLI's distribution ships,
// all into .engine/ (git-ignored), with Go's own module and build caches. What each piece is and why is in
// engine/README.md. A second run with nothing changed only compares a stamp; a `pulumi` on PATH at the pinned
// version or newer is used instead, and nothing is built.
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

const ROOT = join(__dirname, "..");
const ENGINE = join(ROOT, "engine");
const OUT = join(ROOT, ".engine");
// Built here, and moved to .engine/ only when every step succeeded: a failed build leaves the last good one.
const NEXT = join(ROOT, ".engine.next");
const BIN = join(NEXT, "bin");
const LIBEXEC = join(NEXT, "libexec");

/** The CLI's version: the pkg/v3 module engine/go.mod requires. */
const PINNED = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)/.exec(readFileSync(join(ENGINE, "go.mod"), "utf8"))[1];

/** The real hosts, each built from its own go.mod in engine/upstream, into libexec under the release's name. */
const UPSTREAM = [
    { dir: "language-nodejs", pkg: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs", out: join(LIBEXEC, "pulumi-language-nodejs-v3.68.0") },
    { dir: "language-python", pkg: "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python", out: join(LIBEXEC, "pulumi-language-python-v3.79.0") },
    { dir: "language-go", pkg: "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go", out: join(LIBEXEC, "pulumi-language-go-v3.66.0") },
    { dir: "language-yaml", pkg: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml", out: join(LIBEXEC, "pulumi-language-yaml-v1.25.0") },
];

/** Files of the CLI's distribution that are scripts, not Go programs: taken from the pinned sdk/v3 module. */
const SHIMS = [
    { from: "nodejs/dist/pulumi-resource-pulumi-nodejs", to: BIN },
    { from: "python/dist/pulumi-resource-pulumi-python", to: BIN },
    // The python host looks for it beside itself.
    { from: "python/cmd/pulumi-language-python-exec", to: LIBEXEC },
];

const parse = (v) => v.replace(/^v/, "").split(/[.+-]/).slice(0, 3).map(Number);
const atLeast = (v, min) => {
    const [a, b] = [parse(v), parse(min)];
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return true;
};

function pulumiOnPath() {
    try {
        return execFileSync("pulumi", ["version"], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
            env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
        }).trim();
    } catch {
        return undefined;
    }
}

/** A hash of everything that decides what is built: the go.mod and go.sum files, our Go sources, this script. */
function stamp() {
    const hash = createHash("sha256").update(readFileSync(__filename));
    const walk = (dir) => {
        for (const name of readdirSync(dir).sort()) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (/^go\.(mod|sum)$|\.go$/.test(name)) hash.update(relative(ENGINE, path)).update(readFileSync(path));
        }
    };
    walk(ENGINE);
    return hash.digest("hex");
}

function go(args, cwd) {
    execFileSync("go", args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOFLAGS: "-mod=readonly -buildvcs=false" } });
}

function main() {
    const onPath = process.env.NCM_ENGINE_BUILD === "always" ? undefined : pulumiOnPath();
    if (onPath && !existsSync(join(OUT, "bin", "pulumi")) && atLeast(onPath, PINNED)) {
        console.log(`engine: using the pulumi on PATH (${onPath}, pinned ${PINNED}); nothing built`);
        return;
    }
    const want = stamp();
    const stampFile = join(OUT, "stamp");
    if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === want) {
        console.log(`engine: .engine/ is up to date (pulumi ${PINNED})`);
        return;
    }
    const started = Date.now();
    rmSync(NEXT, { recursive: true, force: true });
    mkdirSync(BIN, { recursive: true });
    mkdirSync(LIBEXEC, { recursive: true });

    const step = (label, run) => {
        const t = Date.now();
        try {
            run();
        } catch (error) {
            // The go command has printed why; say which step, and keep what was built before.
            console.error(
                `engine: building ${label} failed (${error.status === undefined ? error.message : `exit ${error.status}`}); .engine/ is left as it was`,
            );
            rmSync(NEXT, { recursive: true, force: true });
            process.exit(1);
        }
        console.log(`engine: ${label} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    };
    // Stamped as Pulumi's own Makefile does, so `pulumi version` tells the truth.
    const ldflags = `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PINNED}`;
    step(`pulumi ${PINNED}`, () => go(["build", "-ldflags", ldflags, "-o", join(BIN, "pulumi"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], ENGINE));
    step("language-host adapters", () => go(["build", "-o", BIN + "/", "./cmd/..."], ENGINE));
    for (const host of UPSTREAM) step(relative(NEXT, host.out), () => go(["build", "-o", host.out, host.pkg], join(ENGINE, "upstream", host.dir)));

    step("the CLI's scripts", () => {
        const sdkDir = execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], { cwd: ENGINE, encoding: "utf8" }).trim();
        for (const shim of SHIMS) {
            const to = join(shim.to, shim.from.split("/").pop());
            copyFileSync(join(sdkDir, shim.from), to);
            chmodSync(to, 0o755);
        }
    });

    writeFileSync(join(NEXT, "stamp"), want);
    rmSync(OUT, { recursive: true, force: true });
    renameSync(NEXT, OUT);
    const size = ["bin", "libexec"]
        .flatMap((dir) => readdirSync(join(OUT, dir)).map((name) => join(OUT, dir, name)))
        .reduce((sum, path) => sum + statSync(path).size, 0);
    console.log(`engine: built in ${((Date.now() - started) / 1000).toFixed(0)} s, ${(size / 2 ** 20).toFixed(0)} MiB in .engine/`);
}

main();
