import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { MCC_USER_FIELDS } from "../../../provider/apis/mccUsersPage";
import { ORGANIZATION_ACCOUNT_FIELDS } from "../../../provider/apis/organizationAccounts";
import { MCC_USERS_CHECKS, ORGANIZATION_ACCOUNTS_CHECKS } from "../../../provider/readMembers";
import { ACCESS_KEY, CANARY_SECRET, COMPANY, mccUsers, ORG_GROUP, organizationAccounts, testData, useEmulator } from "../../helpers/emulator";
import { assertNoLeaks } from "../../helpers/leakSweep";
import { startPlugin, struct, type PluginHost } from "../../helpers/pluginHost";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const secret = (value: unknown) => ({ ...SECRET, value });
type Props = Record<string, unknown>;
const MCC_URN = "urn:pulumi:dev::project::ncloud-members:index:MccUsers::staff";
const ORG_URN = "urn:pulumi:dev::project::ncloud-members:index:OrganizationAccounts::admins";

describe("the provider plugin, started as the nodejs language host starts it, over gRPC", function () {
    this.timeout(120_000);
    const big = mccUsers(2_600);
    const ctx = useEmulator({ data: testData({ mccCompanies: { [COMPANY]: big } }) });
    let plugin: PluginHost;
    const seen: string[] = [];
    let schema: Props;

    before(async () => {
        plugin = await startPlugin();
        const response = await plugin.call<provider.GetSchemaRequest, provider.GetSchemaResponse>("getSchema", new provider.GetSchemaRequest());
        schema = JSON.parse(response.getSchema()) as Props;
    });
    after(async () => {
        await plugin?.stop();
        assertNoLeaks("plugin output and responses", [plugin.output(), ...seen]);
    });

    const configure = async (variables: Record<string, string>, args: Props = {}) => {
        const request = new provider.ConfigureRequest();
        for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(`ncloud-members:config:${key}`, value);
        request.setArgs(struct(args));
        await plugin.call("configure", request);
    };
    const configureEmulator = () =>
        configure({ accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, organizationEndpoint: ctx.emulator.url, mccEndpoint: ctx.emulator.url });
    const invoke = async (tok: string, args: Props) => {
        const request = new provider.InvokeRequest();
        request.setTok(tok);
        request.setArgs(struct(args));
        const response = await plugin.call<provider.InvokeRequest, provider.InvokeResponse>("invoke", request);
        const result = {
            value: response.getReturn()?.toJavaScript() ?? {},
            failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
        seen.push(JSON.stringify(result));
        return result;
    };
    const failure = (call: Promise<unknown>) =>
        call.then(
            () => assert.fail("the call succeeded"),
            (e: Error) => {
                seen.push(e.message);
                return e;
            },
        );

    it("is the repository's one PulumiPlugin.yaml, runtime nodejs, its package main exporting no component", () => {
        const root = join(__dirname, "..", "..", "..");
        const manifests = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*PulumiPlugin.yaml"], { cwd: root, encoding: "utf8" })
            .trim()
            .split("\n");
        assert.deepEqual(manifests, ["plugin/PulumiPlugin.yaml"]);
        assert.match(readFileSync(join(root, "plugin", "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
        assert.equal((JSON.parse(readFileSync(join(root, "plugin", "package.json"), "utf8")) as { main: string }).main, "index.js");
    });

    it("prints its port, and nothing before it, on stdout", () => {
        assert.match(plugin.firstLine, /^\d+$/);
    });

    it("answers the calls it does not serve (Handshake, DiffConfig, GetMapping) UNIMPLEMENTED, the code the engine falls back on", async () => {
        // The engine (sdk/go/common/resource/plugin/provider_plugin.go) sends Handshake first and, on UNIMPLEMENTED,
        // goes on with Configure; it reads DiffConfig's UNIMPLEMENTED as "changes unknown, replace nothing", and
        // GetMapping's as "no mapping". Another error code would stop the engine.
        for (const [method, request] of [
            ["handshake", new provider.ProviderHandshakeRequest()],
            ["diffConfig", new provider.DiffRequest()],
            ["getMapping", new provider.GetMappingRequest()],
        ] as const) {
            const error = (await failure(plugin.call(method, request))) as Error & { code?: number };
            assert.equal(error.code, 12, `${method}: ${error.message}`); // grpc.status.UNIMPLEMENTED
        }
    });

    describe("GetSchema", () => {
        it("is valid against Pulumi's package metaschema, with the package's name and version", () => {
            const metaschema = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "pulumi.json"), "utf8")) as object;
            const validate = new Ajv2020({ strict: false, allErrors: true }).compile(metaschema);
            assert.ok(validate(schema), JSON.stringify(validate.errors, null, 1));
            const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
            assert.equal(schema.name, "ncloud-members");
            assert.equal(schema.version, version);
            assert.equal((schema.language as Props).python && ((schema.language as Props).python as Props).packageName, "pulumi_ncloud_members");
        });

        it("agrees with the code: the functions' inputs are the arguments checked, the objects' properties the fields validated", () => {
            const functions = schema.functions as Record<string, { inputs: { properties: Props } }>;
            assert.deepEqual(
                Object.keys(functions["ncloud-members:index:getOrganizationAccounts"].inputs.properties).sort(),
                Object.keys(ORGANIZATION_ACCOUNTS_CHECKS).sort(),
            );
            assert.deepEqual(Object.keys(functions["ncloud-members:index:getMccUsers"].inputs.properties).sort(), Object.keys(MCC_USERS_CHECKS).sort());
            const types = schema.types as Record<string, { properties: Props }>;
            assert.deepEqual(Object.keys(types["ncloud-members:index:OrganizationAccount"].properties), ORGANIZATION_ACCOUNT_FIELDS);
            assert.deepEqual(Object.keys(types["ncloud-members:index:MccUser"].properties), MCC_USER_FIELDS);
            const resources = schema.resources as Record<string, { inputProperties: Props }>;
            assert.deepEqual(
                Object.keys(resources["ncloud-members:index:MccUsers"].inputProperties).sort(),
                [...Object.keys(MCC_USERS_CHECKS), "secretUsers"].sort(),
            );
        });

        it("describes every property, and marks the secret key secret", () => {
            const undescribed: string[] = [];
            const walk = (value: unknown, path: string) => {
                if (typeof value !== "object" || value === null) return;
                const record = value as Props;
                for (const key of ["properties", "inputProperties", "variables"]) {
                    for (const [name, property] of Object.entries((record[key] as Props | undefined) ?? {})) {
                        if (typeof (property as Props).description !== "string") undescribed.push(`${path}.${name}`);
                    }
                }
                for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
            };
            walk(schema, "schema");
            assert.deepEqual(undescribed, []);
            assert.equal((((schema.config as Props).variables as Props).secretKey as Props).secret, true);
            // An explicit provider takes the same settings as arguments as the stack's config has.
            assert.deepEqual((schema.provider as Props).inputProperties, (schema.config as Props).variables);
        });
    });

    describe("CheckConfig and Configure", () => {
        /** CheckConfig of the default provider with `news` as its config. */
        const checkConfig = (news: Props) => {
            const request = new provider.CheckRequest();
            request.setUrn("urn:pulumi:dev::project::pulumi:providers:ncloud-members::default");
            request.setOlds(struct({}));
            request.setNews(struct(news));
            return plugin.call<provider.CheckRequest, provider.CheckResponse>("checkConfig", request);
        };

        it("CheckConfig returns a bad site or endpoint as failures naming the key", async () => {
            const response = await checkConfig({ site: "mars", mccEndpoint: "ftp://x" });
            const failures = response.getFailuresList().map((f) => f.getProperty());
            assert.deepEqual(failures, ["site", "mccEndpoint"]);
        });

        it("CheckConfig returns a mistyped key as a failure naming it (it would be dropped, and the endpoint taken from elsewhere); the engine's own keys pass", async () => {
            const response = await checkConfig({ organisationEndpoint: "http://127.0.0.1:1", version: "0.1.0" });
            const failures = response.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
            assert.deepEqual(
                failures.map(([property]) => property),
                ["organisationEndpoint"],
            );
            assert.match(failures[0][1], /^ncloud-members:organisationEndpoint is not a setting of ncloud-members; use ncloud-members:accessKey, /);
        });

        it("CheckConfig returns the secret key as a secret even when it was set in plain text; other keys as they came", async () => {
            const response = await checkConfig({ accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, site: "public" });
            assert.deepEqual(response.getInputs()!.toJavaScript(), { accessKey: ACCESS_KEY, secretKey: secret(CANARY_SECRET), site: "public" });
        });

        it("takes config as variables, and as args with the secret key in Pulumi's secret envelope", async () => {
            await configure({}, { accessKey: ACCESS_KEY, secretKey: secret(CANARY_SECRET), organizationEndpoint: ctx.emulator.url });
            const viaArgs = await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP });
            assert.deepEqual(viaArgs.value.accounts, organizationAccounts());
            await configureEmulator();
            const viaVariables = await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP });
            assert.deepEqual(viaVariables.value.accounts, organizationAccounts());
        });

        it("without credentials anywhere, an invoke fails naming the plugin's config keys, and sends nothing", async () => {
            await configure({ organizationEndpoint: ctx.emulator.url });
            const error = await failure(invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP }));
            assert.match(error.message, /no NCP access key and secret key were found.*Pulumi config ncloud-members:accessKey and ncloud-members:secretKey/);
            assert.doesNotMatch(error.message, /\n\s+at /, "no stack");
            assert.equal(ctx.emulator.requests.length, 0);
        });
    });

    describe("Invoke", () => {
        beforeEach(() => configureEmulator());

        it("getMccUsers: every page, in order, the server's total, filters applied", async () => {
            const all = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY });
            assert.deepEqual(all.value.users, big);
            assert.equal(all.value.total, 2_600);
            assert.equal(all.value.pageSize, 100);
            const dept = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY, filters: [{ name: "deptExternalKey", values: ["dept01"] }] });
            assert.deepEqual(
                dept.value.users,
                big.filter((u) => u.deptExternalKey === "dept01"),
            );
        });

        it("a secret argument makes the result secret", async () => {
            const result = await invoke("ncloud-members:index:getMccUsers", { companyId: secret(COMPANY), pageSize: 500 });
            for (const key of ["companyId", "users", "total", "pageSize"])
                assert.deepEqual((result.value[key] as Props)[Object.keys(SECRET)[0]], Object.values(SECRET)[0], key);
            assert.equal(((result.value.users as Props).value as unknown[]).length, 2_600);
        });

        it("a bad argument is a CheckFailure naming the property, and no request is sent", async () => {
            const result = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY, pageSize: 0 });
            assert.deepEqual(
                result.failures.map((f) => f.property),
                ["pageSize"],
            );
            const regex = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY, filters: [{ name: "name", values: ["(a+)+"], regex: true }] });
            assert.deepEqual(
                regex.failures.map((f) => f.property),
                ["filters[0].values[0]"],
            );
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("an argument the function does not take is a CheckFailure naming it, not dropped for an unfiltered list; one sent as null is no argument", async () => {
            const dept = [{ name: "deptExternalKey", values: ["dept01"] }];
            const result = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY, filter: dept });
            assert.deepEqual(
                result.failures.map((f) => [f.property, f.reason]),
                [["filter", 'getMccUsers: invalid argument "filter": is not an argument of getMccUsers; use companyId, filters, pageSize']],
            );
            const org = await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP, pageSize: 5 });
            assert.deepEqual(
                org.failures.map((f) => f.property),
                ["pageSize"],
            );
            assert.equal(ctx.emulator.requests.length, 0);
            const withNull = await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP, extra: null });
            assert.deepEqual(withNull.value.accounts, organizationAccounts());
        });

        it("an API error is a gRPC error whose message is the library's one line", async () => {
            const error = await failure(invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: 999 }));
            assert.match(error.message, /NCP API answered HTTP 404 \(NCP code 300: Not Found Exception.*\[trace id [0-9a-f]+\]$/);
        });

        it("an unknown token is an error naming it", async () => {
            const error = await failure(invoke("ncloud-members:index:getEveryone", {}));
            assert.match(error.message, /unknown function "ncloud-members:index:getEveryone"/);
        });
    });

    describe("the resources, through Check, Create, Diff, Read, Update, Delete", () => {
        beforeEach(() => configureEmulator());
        const rpc = async <Res>(method: string, build: (request: Record<string, (value: unknown) => void>) => void) => {
            const Request = {
                check: provider.CheckRequest,
                create: provider.CreateRequest,
                diff: provider.DiffRequest,
                read: provider.ReadRequest,
                update: provider.UpdateRequest,
                delete: provider.DeleteRequest,
            }[method]!;
            const request = new Request() as unknown as Record<string, (value: unknown) => void>;
            build(request);
            return plugin.call<unknown, Res>(method, request);
        };

        it("MccUsers with a secret company id: every output secret, total and hash kept, diff sees a change outside the filter, delete touches nothing", async () => {
            const inputs = { companyId: secret(COMPANY), filters: [{ name: "deptExternalKey", values: ["dept01"] }] };
            const checked = await rpc<provider.CheckResponse>("check", (r) => {
                r.setUrn(MCC_URN);
                r.setOlds(struct({}));
                r.setNews(struct(inputs));
            });
            assert.deepEqual(checked.getFailuresList(), []);
            const checkedInputs = checked.getInputs()!.toJavaScript();
            assert.deepEqual(checkedInputs.companyId, secret(COMPANY), "a secret input stays secret");
            const created = await rpc<provider.CreateResponse>("create", (r) => {
                r.setUrn(MCC_URN);
                r.setProperties(struct(checkedInputs));
            });
            const state = created.getProperties()!.toJavaScript();
            seen.push(JSON.stringify(state));
            assert.deepEqual(
                (state.users as Props).value,
                big.filter((u) => u.deptExternalKey === "dept01"),
            );
            assert.deepEqual(state.companyId, secret(COMPANY));
            assert.deepEqual(state.userCount, secret(big.filter((u) => u.deptExternalKey === "dept01").length), "read with a secret input: secret");
            assert.deepEqual(state.total, secret(2_600));
            assert.match((state.contentHash as Props).value as string, /^sha256:/);

            const diff = async (olds: Props) =>
                (
                    await rpc<provider.DiffResponse>("diff", (r) => {
                        r.setUrn(MCC_URN);
                        r.setId(created.getId());
                        r.setOlds(struct(olds));
                        r.setNews(struct(checkedInputs));
                    })
                ).getChanges();
            assert.equal(await diff(state), provider.DiffResponse.DiffChanges.DIFF_NONE);
            big.reverse();
            try {
                assert.equal(await diff(state), provider.DiffResponse.DiffChanges.DIFF_NONE, "the same members in another order are no change");
            } finally {
                big.reverse();
            }
            ctx.emulator.requests.length = 0;
            big.push({ externalKey: "joined-outside-the-filter", deptExternalKey: "dept03" });
            try {
                assert.equal(await diff(state), provider.DiffResponse.DiffChanges.DIFF_SOME);
                const read = await rpc<provider.ReadResponse>("read", (r) => {
                    r.setUrn(MCC_URN);
                    r.setId(created.getId());
                    r.setProperties(struct(state));
                });
                assert.deepEqual(read.getProperties()!.toJavaScript().total, secret(2_601));
                const updated = await rpc<provider.UpdateResponse>("update", (r) => {
                    r.setUrn(MCC_URN);
                    r.setId(created.getId());
                    r.setOlds(struct(state));
                    r.setNews(struct(checkedInputs));
                });
                assert.deepEqual(updated.getProperties()!.toJavaScript().total, secret(2_601));
            } finally {
                big.pop();
            }
            ctx.emulator.requests.length = 0;
            await rpc("delete", (r) => {
                r.setUrn(MCC_URN);
                r.setId(created.getId());
                r.setProperties(struct(state));
            });
            assert.equal(ctx.emulator.requests.length, 0);
        });

        it("a secret filter value (issue 18, case 6): every output secret through Create, Read and Update; making it secret is a change", async () => {
            const plain = { organizationGroupNo: ORG_GROUP, filters: [{ name: "memberName", values: ["MemberAccount02"] }] };
            const withSecret = { organizationGroupNo: ORG_GROUP, filters: [{ name: "memberName", values: [secret("MemberAccount02")] }] };
            const everyOutputSecret = (props: Props) => {
                for (const key of ["organizationGroupNo", "filters", "accounts", "accountCount", "contentHash"])
                    assert.deepEqual(props[key], secret((props[key] as Props | undefined)?.value), `${key} is not secret`);
            };
            const created = await rpc<provider.CreateResponse>("create", (r) => {
                r.setUrn(ORG_URN);
                r.setProperties(struct(withSecret));
            });
            const state = created.getProperties()!.toJavaScript();
            everyOutputSecret(state);
            // A random id, holding no input (a random UUID can hold the digits 320 by chance, so the shape is what is checked).
            assert.match(created.getId(), /^organization-accounts-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            const read = await rpc<provider.ReadResponse>("read", (r) => {
                r.setUrn(ORG_URN);
                r.setId(created.getId());
                r.setProperties(struct(state));
                r.setInputs(struct(withSecret));
            });
            everyOutputSecret(read.getProperties()!.toJavaScript());
            const updated = await rpc<provider.UpdateResponse>("update", (r) => {
                r.setUrn(ORG_URN);
                r.setId(created.getId());
                r.setOlds(struct(state));
                r.setNews(struct(withSecret));
            });
            everyOutputSecret(updated.getProperties()!.toJavaScript());

            const plainState = (
                await rpc<provider.CreateResponse>("create", (r) => {
                    r.setUrn(ORG_URN);
                    r.setProperties(struct(plain));
                })
            )
                .getProperties()!
                .toJavaScript();
            assert.equal(plainState.accountCount, 1);
            const diff = async (olds: Props, news: Props) =>
                (
                    await rpc<provider.DiffResponse>("diff", (r) => {
                        r.setUrn(ORG_URN);
                        r.setId(created.getId());
                        r.setOlds(struct(olds));
                        r.setNews(struct(news));
                    })
                ).getChanges();
            assert.equal(await diff(plainState, withSecret), provider.DiffResponse.DiffChanges.DIFF_SOME, "the same value made secret");
            assert.equal(await diff(state, plain), provider.DiffResponse.DiffChanges.DIFF_SOME, "the same value made plain");
            assert.equal(await diff(state, withSecret), provider.DiffResponse.DiffChanges.DIFF_NONE);
            assert.equal(await diff(plainState, plain), provider.DiffResponse.DiffChanges.DIFF_NONE);
        });

        it("a secret input's value shows in no check failure and no error (a secret filter field name, a secret group number)", async () => {
            const checked = await rpc<provider.CheckResponse>("check", (r) => {
                r.setUrn(ORG_URN);
                r.setOlds(struct({}));
                r.setNews(struct({ organizationGroupNo: ORG_GROUP, filters: [{ name: secret("SECRETFIELDNAME"), values: ["x"] }] }));
            });
            const reasons = checked.getFailuresList().map((f) => f.getReason());
            assert.equal(reasons.length, 1);
            assert.match(reasons[0], /"\[secret\]" is not a field of this list/);
            const error = await rpc("create", (r) => {
                r.setUrn(ORG_URN);
                r.setProperties(struct({ organizationGroupNo: secret(999) }));
            }).then(
                () => assert.fail("created"),
                (e: Error) => e,
            );
            assert.match(error.message, /HTTP 404/);
            assert.ok(!error.message.includes("999"), error.message);
        });

        it("OrganizationAccounts: accounts in the clear unless secretAccounts; bad inputs are Check failures", async () => {
            const created = await rpc<provider.CreateResponse>("create", (r) => {
                r.setUrn(ORG_URN);
                r.setProperties(struct({ organizationGroupNo: ORG_GROUP }));
            });
            const state = created.getProperties()!.toJavaScript();
            assert.deepEqual(state.accounts, organizationAccounts());
            assert.equal(state.accountCount, 3, "no secret input: nothing secret");
            assert.match(created.getId(), /^organization-accounts-[0-9a-f-]{36}$/, "a random id, holding no input");
            const secretOnes = await rpc<provider.CreateResponse>("create", (r) => {
                r.setUrn(ORG_URN);
                r.setProperties(struct({ organizationGroupNo: ORG_GROUP, secretAccounts: true }));
            });
            assert.deepEqual((secretOnes.getProperties()!.toJavaScript().accounts as Props).value, organizationAccounts());
            const bad = await rpc<provider.CheckResponse>("check", (r) => {
                r.setUrn(ORG_URN);
                r.setOlds(struct({}));
                r.setNews(struct({ organizationGroupNo: -1 }));
            });
            assert.deepEqual(
                bad.getFailuresList().map((f) => f.getProperty()),
                ["organizationGroupNo"],
            );
            const unknown = await rpc<provider.CheckResponse>("check", (r) => {
                r.setUrn(ORG_URN);
                r.setOlds(struct({}));
                r.setNews(struct({ organizationGroupNo: ORG_GROUP, filter: [{ name: "memberName", values: ["x"] }] }));
            });
            assert.deepEqual(
                unknown.getFailuresList().map((f) => [f.getProperty(), f.getReason()]),
                [["filter", "filter is not an input of OrganizationAccounts; use organizationGroupNo, filters, secretAccounts"]],
            );
        });
    });
});
