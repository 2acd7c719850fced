import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, loadEmulatorData } from "../../emulator";
import { pluginSchema } from "../../provider/plugin/pluginSchema";
import { useEmulator } from "../helpers/emulator";
import { startPlugin, struct, provider, type PluginHost } from "../helpers/pluginHost";

type Props = Record<string, unknown>;
const EXAMPLES = join(__dirname, "..", "..", "examples");
const SCHEMA = pluginSchema() as {
    functions: Record<string, { inputs: { properties: Props }; outputs: { properties: Props } }>;
    resources: Record<string, { inputProperties: Props; properties: Props }>;
    types: Record<string, { properties: Props }>;
};
const DATA = loadEmulatorData(DEFAULT_DATA_PATH);
const COMPANY_ID = "48128f23-e29b-496e-aa04-1f741fed86bc";
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface Invoke {
    readonly function: string;
    readonly arguments: Props;
    readonly return?: string;
}
const YAML = parse(readFileSync(join(EXAMPLES, "yaml-members", "Pulumi.yaml"), "utf8")) as {
    packages: Record<string, string>;
    config: Record<string, { default?: unknown }>;
    variables: Record<string, { "fn::invoke": Invoke }>;
    resources: Record<string, { type: string; properties: Props }>;
    outputs: Record<string, string>;
};
const PYTHON = readFileSync(join(EXAMPLES, "python-members", "__main__.py"), "utf8");

/** The YAML program's values with its config filled in, as the engine would send them. */
function substitute(value: unknown): unknown {
    if (value === "${adminGroupNo}") return YAML.config.adminGroupNo.default;
    if (value === "${companyId}") return COMPANY_ID;
    if (Array.isArray(value)) return value.map(substitute);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
    return value;
}

describe("the other-language examples", function () {
    this.timeout(120_000);

    describe("examples/yaml-members (Pulumi YAML)", () => {
        it("parses, and its package entry names the plugin folder", () => {
            const folder = resolve(EXAMPLES, "yaml-members", YAML.packages["ncloud-members"]);
            assert.ok(existsSync(join(folder, "PulumiPlugin.yaml")), folder);
        });

        it("uses only tokens and properties the schema has", () => {
            for (const [name, { "fn::invoke": call }] of Object.entries(YAML.variables)) {
                const fn = SCHEMA.functions[call.function];
                assert.ok(fn, `${name}: ${call.function}`);
                for (const argument of Object.keys(call.arguments)) assert.ok(argument in fn.inputs.properties, `${name}.${argument}`);
                if (call.return) assert.ok(call.return in fn.outputs.properties, `${name} returns ${call.return}`);
            }
            for (const [name, res] of Object.entries(YAML.resources)) {
                const schema = SCHEMA.resources[res.type];
                assert.ok(schema, `${name}: ${res.type}`);
                for (const property of Object.keys(res.properties)) assert.ok(property in schema.inputProperties, `${name}.${property}`);
            }
            for (const [name, expression] of Object.entries(YAML.outputs)) {
                const [, subject, field] = /^\$\{(\w+)(?:\.(\w+))?\}$/.exec(expression)!;
                if (field === undefined) continue;
                const properties = YAML.resources[subject]
                    ? SCHEMA.resources[YAML.resources[subject].type].properties
                    : SCHEMA.functions[YAML.variables[subject]["fn::invoke"].function].outputs.properties;
                assert.ok(field in properties, `${name}: ${expression}`);
            }
        });
    });

    describe("examples/python-members (Python)", () => {
        it("compiles (python3 py_compile)", () => {
            const cfile = join(mkdtempSync(join(tmpdir(), "ncm-py-")), "main.pyc");
            execFileSync("python3", [
                "-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                join(EXAMPLES, "python-members", "__main__.py"),
                cfile,
            ]);
        });

        it("calls only functions, resources, arguments and fields the schema has (snake_case of its names)", () => {
            const calls = [...PYTHON.matchAll(/ncm\.(\w+)\(([^)]*(?:\([^)]*\)[^)]*)*)\)/g)];
            assert.ok(calls.length >= 3);
            for (const [, name, args] of calls) {
                const kwargs = [...args.matchAll(/(\w+)=/g)].map((m) => camel(m[1]));
                const fnToken = `ncloud-members:index:${camel(name.replace(/_output$/, ""))}`;
                const inputs = SCHEMA.functions[fnToken]?.inputs.properties ?? SCHEMA.resources[`ncloud-members:index:${name}`]?.inputProperties;
                assert.ok(inputs, `ncm.${name}`);
                for (const kwarg of kwargs) assert.ok(kwarg in inputs, `ncm.${name}(${kwarg})`);
            }
            const fields = new Set([
                ...Object.values(SCHEMA.functions).flatMap((f) => Object.keys(f.outputs.properties)),
                ...Object.values(SCHEMA.types).flatMap((t) => Object.keys(t.properties)),
                ...Object.values(SCHEMA.resources).flatMap((r) => Object.keys(r.properties)),
            ]);
            for (const field of ["accounts", "member_name", "member_status_code", "total", "user_count"]) {
                assert.ok(PYTHON.includes(`.${field}`), field);
                assert.ok(fields.has(camel(field)), field);
            }
        });
    });

    describe("their exact calls, walked through the plugin against the emulator's default data", () => {
        const ctx = useEmulator({ data: DATA });
        let plugin: PluginHost;
        before(async () => {
            plugin = await startPlugin();
        });
        after(() => plugin?.stop());
        beforeEach(async () => {
            const request = new provider.ConfigureRequest();
            const variables = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, organizationEndpoint: ctx.emulator.url, mccEndpoint: ctx.emulator.url };
            for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(`ncloud-members:config:${key}`, value);
            await plugin.call("configure", request);
        });
        const invoke = async (tok: string, args: Props) => {
            const request = new provider.InvokeRequest();
            request.setTok(tok);
            request.setArgs(struct(args));
            const response = await plugin.call<provider.InvokeRequest, provider.InvokeResponse>("invoke", request);
            assert.deepEqual(response.getFailuresList(), []);
            return response.getReturn()!.toJavaScript();
        };

        it("yaml-members: both invokes and the resource's Check and Create", async () => {
            const admins = await invoke(
                YAML.variables.joinedAdmins["fn::invoke"].function,
                substitute(YAML.variables.joinedAdmins["fn::invoke"].arguments) as Props,
            );
            assert.deepEqual(
                admins.accounts,
                DATA.organizationGroups["321"].filter((a) => a.memberStatusCode === "JOIN"),
            );
            const dept01 = await invoke(YAML.variables.dept01["fn::invoke"].function, substitute(YAML.variables.dept01["fn::invoke"].arguments) as Props);
            assert.equal(dept01.total, DATA.mccCompanies[COMPANY_ID].length);
            const urn = `urn:pulumi:dev::yaml-members::${YAML.resources.staff.type}::staff`;
            const check = new provider.CheckRequest();
            check.setUrn(urn);
            check.setOlds(struct({}));
            check.setNews(struct(substitute(YAML.resources.staff.properties) as Props));
            const checked = await plugin.call<provider.CheckRequest, provider.CheckResponse>("check", check);
            assert.deepEqual(checked.getFailuresList(), []);
            const create = new provider.CreateRequest();
            create.setUrn(urn);
            create.setProperties(checked.getInputs());
            const created = await plugin.call<provider.CreateRequest, provider.CreateResponse>("create", create);
            assert.equal(
                created.getProperties()!.toJavaScript().userCount,
                DATA.mccCompanies[COMPANY_ID].filter((u) => ["dept01", "dept02"].includes(u.deptExternalKey as string)).length,
            );
        });

        it("python-members: its gate passes on the default data, and would stop on dba-lead, who is only invited", async () => {
            const admins = (await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: 321 })).accounts as Props[];
            const status = new Map(admins.map((a) => [a.memberName, a.memberStatusCode]));
            for (const name of ["platform-admin", "security-admin", "finops"]) assert.equal(status.get(name), "JOIN", name);
            assert.equal(status.get("dba-lead"), "INVT");
            const dept01 = await invoke("ncloud-members:index:getMccUsers", {
                companyId: COMPANY_ID,
                filters: [{ name: "deptExternalKey", values: ["dept01"] }],
            });
            assert.equal(dept01.total, DATA.mccCompanies[COMPANY_ID].length);
        });
    });
});
