import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigurationError, getMccUsers, getOrganizationAccounts, MissingCredentialsError } from "../../sdk";
import { COMPANY, ORG_GROUP, testData, useEmulator } from "../helpers/emulator";

// Four emulators, each accepting one key pair only: which one answers tells which source the call used.
const SOURCES = ["options", "config", "env", "file"] as const;
type Source = (typeof SOURCES)[number];

describe("credentials and endpoints: first found wins", () => {
    const keyOf = (s: Source) => ({ accessKey: `ak-${s}`, secretKey: `sk-${s}` });
    const harnesses = Object.fromEntries(SOURCES.map((s) => [s, useEmulator({ data: testData({ credentials: [keyOf(s)] }) })])) as Record<
        Source,
        ReturnType<typeof useEmulator>
    >;
    const servers = new Proxy({} as Record<Source, ReturnType<typeof useEmulator>["emulator"]>, { get: (_, s) => harnesses[s as Source].emulator });
    const savedEnv = { ...process.env };

    afterEach(() => {
        for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
        Object.assign(process.env, savedEnv);
        pulumi.runtime.setAllConfig({});
        rmSync(join(process.env.HOME!, ".ncloud"), { recursive: true, force: true });
    });

    function provide(sources: readonly Source[]) {
        const endpoint = (s: Source) => servers[s].url;
        if (sources.includes("file")) {
            mkdirSync(join(process.env.HOME!, ".ncloud"), { recursive: true });
            writeFileSync(
                join(process.env.HOME!, ".ncloud", "configure"),
                `[DEFAULT]\nncloud_access_key_id = ${keyOf("file").accessKey}\nncloud_secret_access_key = ${keyOf("file").secretKey}\nncloud_api_url = https://ncloud.apigw.ntruss.com\n`,
            );
            process.env.NCLOUD_ORGANIZATION_ENDPOINT = endpoint("file");
        }
        if (sources.includes("env")) {
            process.env.NCLOUD_ACCESS_KEY = keyOf("env").accessKey;
            process.env.NCLOUD_SECRET_KEY = keyOf("env").secretKey;
            process.env.NCLOUD_ORGANIZATION_ENDPOINT = endpoint("env");
        }
        if (sources.includes("config")) {
            pulumi.runtime.setAllConfig(
                {
                    "ncloud:accessKey": keyOf("config").accessKey,
                    "ncloud:secretKey": keyOf("config").secretKey,
                    "ncloud-members:organizationEndpoint": endpoint("config"),
                },
                ["ncloud:secretKey"],
            );
        }
        return sources.includes("options") ? { ...keyOf("options"), organizationEndpoint: endpoint("options") } : undefined;
    }

    async function answeredBy(sources: readonly Source[]): Promise<Source> {
        for (const s of SOURCES) servers[s].requests.length = 0;
        const opts = provide(sources);
        const result = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...opts, share: false });
        assert.equal(result.accounts.length, 3);
        const hit = SOURCES.filter((s) => servers[s].requests.length > 0);
        assert.equal(hit.length, 1);
        return hit[0];
    }

    it("call options win over config, environment and file", async () => assert.equal(await answeredBy(["options", "config", "env", "file"]), "options"));
    it("Pulumi config wins over environment and file", async () => assert.equal(await answeredBy(["config", "env", "file"]), "config"));
    it("the environment wins over the file", async () => assert.equal(await answeredBy(["env", "file"]), "env"));
    it("~/.ncloud/configure is the last resort", async () => assert.equal(await answeredBy(["file"]), "file"));

    it("the endpoints' old config names (ncloud:organizationEndpoint) still work, with one deprecation warning", async () => {
        pulumi.runtime.setAllConfig({
            "ncloud:accessKey": keyOf("config").accessKey,
            "ncloud:secretKey": keyOf("config").secretKey,
            "ncloud:organizationEndpoint": servers.config.url,
        });
        const warnings: string[] = [];
        const logger = { debug: () => undefined, warn: (m: string) => warnings.push(m) };
        for (let i = 0; i < 2; i++) {
            const result = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { share: false, logger });
            assert.equal(result.accounts.length, 3);
        }
        assert.equal(servers.config.requests.length, 2);
        assert.deepEqual(warnings, [
            "Pulumi config ncloud:organizationEndpoint is deprecated: set ncloud-members:organizationEndpoint instead (a bridged ncloud provider rejects keys it does not know)",
        ]);
    });

    it("the Go SDK's NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY are read too", async () => {
        process.env.NCLOUD_ACCESS_KEY_ID = keyOf("env").accessKey;
        process.env.NCLOUD_SECRET_ACCESS_KEY = keyOf("env").secretKey;
        const result = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { organizationEndpoint: servers.env.url });
        assert.equal(result.accounts.length, 3);
    });

    it("an endpoint keeps its own base path; the API path is appended", async () => {
        servers.options.requests.length = 0;
        await assert.rejects(
            getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...keyOf("options"), organizationEndpoint: `${servers.options.url}/base/` }),
            { status: 404 },
        );
        assert.equal(servers.options.requests[0].url, `/base/open-api/v1/account/group/${ORG_GROUP}`);
    });

    it("an MCC endpoint from the environment is used for MCC only", async () => {
        process.env.NCLOUD_MCC_ENDPOINT = servers.env.url;
        const users = await getMccUsers({ companyId: COMPANY }, keyOf("env"));
        assert.equal(users.total, 7);
        await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...keyOf("env"), site: "gov" }), ConfigurationError);
    });

    describe("errors, before any request", () => {
        afterEach(() => {
            for (const s of SOURCES) assert.equal(servers[s].requests.length, 0, `a request reached ${s}`);
        });
        beforeEach(() => {
            for (const s of SOURCES) servers[s].requests.length = 0;
        });

        it("no credentials anywhere: the error names every place they can come from", async () => {
            await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { organizationEndpoint: servers.env.url }), (e: unknown) => {
                assert.ok(e instanceof MissingCredentialsError);
                assert.equal(e.code, "NCLOUD_MISSING_CREDENTIALS");
                for (const place of [
                    "options",
                    "ncloud:accessKey",
                    "ncloud:secretKey",
                    "NCLOUD_ACCESS_KEY",
                    "NCLOUD_SECRET_KEY",
                    "NCLOUD_ACCESS_KEY_ID",
                    "~/.ncloud/configure",
                ]) {
                    assert.ok(e.message.includes(place), `message lacks ${place}: ${e.message}`);
                }
                return true;
            });
        });

        it("a mistyped key in the package's config namespace is an error naming it, not dropped for the environment's endpoint", async () => {
            process.env.NCLOUD_ORGANIZATION_ENDPOINT = servers.env.url;
            pulumi.runtime.setAllConfig(
                {
                    "ncloud:accessKey": keyOf("config").accessKey,
                    "ncloud:secretKey": keyOf("config").secretKey,
                    "ncloud-members:organisationEndpoint": servers.config.url,
                },
                ["ncloud:secretKey"],
            );
            await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }), (e: unknown) => {
                assert.ok(e instanceof ConfigurationError, String(e));
                assert.equal(e.setting, "Pulumi config ncloud-members:organisationEndpoint");
                assert.match(e.message, /is not a setting of ncloud-members; use ncloud-members:accessKey, .*ncloud-members:organizationEndpoint/);
                return true;
            });
        });

        it("half a pair in one place is an error naming it, not a mix of two places", async () => {
            process.env.NCLOUD_SECRET_KEY = keyOf("env").secretKey;
            await assert.rejects(
                getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { accessKey: "ak-options" }),
                /options.accessKey is set in the call's options, but its pair is missing there/,
            );
        });

        it("an unknown site", async () => {
            process.env.NCLOUD_SITE = "moon";
            await assert.rejects(getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, keyOf("options")), (e: unknown) => {
                assert.ok(e instanceof ConfigurationError);
                assert.equal(e.setting, "NCLOUD_SITE");
                assert.match(e.message, /unknown NCP site "moon"; use one of public, gov, fin/);
                return true;
            });
        });

        it("a site that does not offer the API says so and how to override", async () => {
            await assert.rejects(
                getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { ...keyOf("options"), site: "fin" }),
                /the fin site does not offer the Organization API \(offered on: public\); set options.organizationEndpoint or ncloud-members:organizationEndpoint or NCLOUD_ORGANIZATION_ENDPOINT to use another endpoint/,
            );
            await assert.rejects(
                getMccUsers({ companyId: COMPANY }, { ...keyOf("options"), site: "gov" }),
                /the gov site does not offer the Media Connect Center API \(offered on: public, fin\)/,
            );
        });

        it("a malformed endpoint", async () => {
            await assert.rejects(
                getMccUsers({ companyId: COMPANY }, { ...keyOf("options"), mccEndpoint: "ftp://127.0.0.1" }),
                /options.mccEndpoint: endpoint must use http or https/,
            );
            await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...keyOf("options"), mccEndpoint: "127.0.0.1:8080/x y" }), /is not a URL/);
            await assert.rejects(getMccUsers({ companyId: COMPANY }, { ...keyOf("options"), mccEndpoint: "http://127.0.0.1/?a=1" }), /must not carry a query/);
        });
    });
});
