import type * as grpcTypes from "@grpc/grpc-js";
import { settingsChain } from "../credentials/settingsChain";
import { configKey, CONNECTION_SETTINGS, unknownConfigKeyProblem } from "../credentials/settingsSources";
import { parseAllowHttp } from "../credentials/resolveConnection";
import { parseEndpoint, parseSite } from "../credentials/sites";
import { memberListProviders } from "../dynamic/memberListProvider";
import { ConfigurationError } from "../errors/ConfigurationError";
import { InvalidArgumentError } from "../errors/InvalidArgumentError";
import { stderrLogger, type Logger } from "../Logger";
import { MCC_USERS_CHECKS, ORGANIZATION_ACCOUNTS_CHECKS, readMccUsers, readOrganizationAccounts, type ReadContext } from "../readMembers";
import { checkKnownKeys, MCC_USERS_ARGUMENTS, ORGANIZATION_ACCOUNTS_ARGUMENTS } from "../arguments";
import { PACKAGE_VERSION } from "../version";
import { PACKAGE_NAME, pluginSchema, SECRET_CONNECTION_SETTINGS } from "./pluginSchema";
import { concealProps, isSecret as isConcealed, revealProps, secret, type Props } from "../propertyValues";
import { redact, redactError, secretTexts } from "../redactSecrets";
import { grpc, Struct } from "./pulumiRpc";
import type { CreateResult, InvokeResult, ReadResult, UpdateResult } from "./responseEncoding";

/* eslint-disable @typescript-eslint/no-require-imports -- the message classes of @pulumi/pulumi's generated code */
const proto = require("@pulumi/pulumi/proto/provider_pb") as Record<string, new () => Record<string, (...args: unknown[]) => unknown>> & {
    DiffResponse: new () => Record<string, (...args: unknown[]) => unknown>;
};
const pluginProto = require("@pulumi/pulumi/proto/plugin_pb") as { PluginInfo: new () => { setVersion(v: string): void } };
const emptyProto = require("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
/* eslint-enable @typescript-eslint/no-require-imports */
// What the engine itself may put among a provider's inputs, beside its config.
const ENGINE_PROVIDER_KEYS: readonly string[] = ["version", "pluginDownloadURL"];
const DIFF_CHANGES = (proto.DiffResponse as unknown as { DiffChanges: { DIFF_NONE: number; DIFF_SOME: number } }).DiffChanges;

type Request = { getUrn(): string; getId(): string } & Record<string, () => { toJavaScript(): Props } | undefined>;
type Call = { request: Request & Record<string, (...args: unknown[]) => unknown> };
type Callback = (error: grpcTypes.ServiceError | null, value?: unknown) => void;

/** Each resource's inputs, what it keeps secret by default, and the input that says otherwise. */
const RESOURCES: Record<
    string,
    { kind: "organizationAccounts" | "mccUsers"; inputs: readonly string[]; list: string; secretInput: string; secretByDefault: boolean }
> = {
    [`${PACKAGE_NAME}:index:OrganizationAccounts`]: {
        kind: "organizationAccounts",
        inputs: Object.keys(ORGANIZATION_ACCOUNTS_CHECKS),
        list: "accounts",
        secretInput: "secretAccounts",
        secretByDefault: false,
    },
    [`${PACKAGE_NAME}:index:MccUsers`]: {
        kind: "mccUsers",
        inputs: Object.keys(MCC_USERS_CHECKS),
        list: "users",
        secretInput: "secretUsers",
        secretByDefault: true,
    },
};

/**
 * The provider plugin's `ResourceProvider` service, on the same read path as the library and the dynamic
 * provider: the functions through `readMembers`, the resources through `memberListProviders`. Config comes from
 * `Configure` (as `variables` and as `args` with secrets in Pulumi's envelope), then the environment and
 * `~/.ncloud/configure`. Input problems are `CheckFailure`s; operational faults are gRPC errors whose message is
 * the library's one line, never a stack.
 */
export function resourceProviderService(logger: Logger = stderrLogger()): grpcTypes.UntypedServiceImplementation {
    let config: Record<string, string> = {};
    // The engine configures a plugin with its own namespace only: `ncloud:` keys never reach it.
    const sources = () => settingsChain({ config: (key) => config[key], configScope: "package", warn: (message) => logger.warn(message) });
    const providers = memberListProviders(sources);
    const context = (functionName: string): ReadContext => ({ functionName, sources: sources(), settings: { logger } });

    // `hidden` names the request's secret values, which an error must not show (a secret group number in a 404).
    const handle =
        (work: (request: Call["request"]) => unknown, hidden: (request: Call["request"]) => string[] = () => []) =>
        (call: Call, callback: Callback): void => {
            Promise.resolve()
                .then(() => work(call.request))
                .then(
                    (response) => callback(null, response),
                    (error: unknown) => callback(rpcError(redactError(error, hidden(call.request)))),
                );
        };
    /** The texts of the secret values in the request's properties, to keep out of messages. */
    const secretsIn =
        (...getters: string[]) =>
        (request: Call["request"]): string[] =>
            getters.flatMap((getter) => hiddenTexts(revealProps(request[getter]?.()?.toJavaScript() ?? {})));

    const resource = (urn: string) => {
        const type = urn.split("::")[2]?.split("$").at(-1) ?? "";
        const kind = RESOURCES[type];
        if (!kind) throw new InvalidArgumentError(PACKAGE_NAME, "type", `unknown resource type ${JSON.stringify(type)}`);
        return { ...kind, type: type.split(":").at(-1)!, provider: providers[kind.kind] };
    };
    // The secret flag is the plugin's, not the read's: taken out before, put back after.
    const split = (props: Props, secretInput: string) => {
        const { [secretInput]: flag, ...rest } = props;
        return { rest, flag: typeof flag === "boolean" ? flag : undefined };
    };
    // Every output is read with every input, so one secret input (a filter value, the company id) makes them all
    // secret; otherwise the list is secret as the resource's flag (or its default) says.
    const outputs = (kind: ReturnType<typeof resource>, outs: Props, inputSecrets: ReadonlySet<string>, flag: boolean | undefined) => {
        const secrets = new Set(inputSecrets.size > 0 ? Object.keys(outs) : []);
        if (flag ?? kind.secretByDefault) secrets.add(kind.list);
        return concealProps({ ...outs, ...(flag === undefined ? {} : { [kind.secretInput]: flag }) }, secrets);
    };

    return {
        getPluginInfo: handle(() => {
            const info = new pluginProto.PluginInfo();
            info.setVersion(PACKAGE_VERSION);
            return info;
        }),
        getSchema: handle(() => {
            const response = new proto.GetSchemaResponse();
            response.setSchema(JSON.stringify(pluginSchema()));
            return response;
        }),
        checkConfig: handle((request) => {
            const { props, secretKeys } = revealProps(request.getNews()?.toJavaScript() ?? {});
            // What the schema declares secret (secretKey) stays secret in the provider's state, as the engine keeps
            // what CheckConfig returns, even when it was set with `pulumi config set --plaintext`.
            for (const key of SECRET_CONNECTION_SETTINGS) if (props[key] !== undefined) secretKeys.add(key);
            const failures: { property: string; reason: string }[] = [];
            const setting = (key: string) => scalarText(props[key]);
            const check = (key: string, test: (value: string) => void) => {
                const value = setting(key);
                if (value === undefined) return;
                try {
                    test(value);
                } catch (error) {
                    if (!(error instanceof ConfigurationError)) throw error;
                    failures.push({ property: key, reason: error.message });
                }
            };
            check("site", (v) => parseSite(v, configKey("site")));
            for (const key of ["organizationEndpoint", "mccEndpoint"]) check(key, (v) => parseEndpoint(v, configKey(key as "mccEndpoint"), true));
            check("allowHttp", (v) => parseAllowHttp(v, configKey("allowHttp")));
            // A mistyped key (organisationEndpoint) would be dropped, and the endpoint taken from elsewhere. The engine's
            // own keys of a provider (version, pluginDownloadURL) are no settings of ours.
            for (const key of Object.keys(props)) {
                const problem = ENGINE_PROVIDER_KEYS.includes(key) ? undefined : unknownConfigKeyProblem(key);
                if (problem !== undefined) failures.push({ property: key, reason: `${configKey(key as "site")} ${problem}` });
            }
            return checkResponse(concealProps(props, secretKeys), failures);
        }),
        configure: handle((request) => {
            const next: Record<string, string> = {};
            const variables = request.getVariablesMap() as unknown as Map<string, string> & { forEach(f: (v: string, k: string) => void): void };
            variables.forEach((value, key) => {
                const name = /^ncloud-members:config:(\w+)$/.exec(key)?.[1];
                if (name) next[configKey(name as "site")] = value;
            });
            const args = request.getArgs()?.toJavaScript();
            if (args) {
                const { props } = revealProps(args);
                for (const key of CONNECTION_SETTINGS) {
                    const value = scalarText(props[key]);
                    if (value !== undefined) next[configKey(key)] = value;
                }
            }
            config = next;
            const response = new proto.ConfigureResponse();
            response.setAcceptsecrets(true);
            response.setAcceptresources(false);
            response.setAcceptoutputs(false);
            response.setSupportspreview(true);
            return response;
        }),
        invoke: handle(async (request) => {
            const token = request.getTok() as unknown as string;
            const { props: args, secretKeys } = revealProps(request.getArgs()?.toJavaScript() ?? {});
            let result: Props;
            try {
                result = await invokeFunction(token, args, context);
            } catch (error) {
                if (!(error instanceof InvalidArgumentError)) throw error;
                return {
                    failures: [{ property: error.argument, reason: redact(error.message, hiddenTexts({ props: args, secretKeys })) }],
                } satisfies InvokeResult;
            }
            // A secret argument (a company id) makes the whole result secret, as in the TypeScript SDK.
            return { return: secretKeys.size > 0 ? Object.fromEntries(Object.entries(result).map(([k, v]) => [k, secret(v)])) : result } satisfies InvokeResult;
        }, secretsIn("getArgs")),
        check: handle(async (request) => {
            const kind = resource(request.getUrn());
            const { props: news, secretKeys } = revealProps(request.getNews()?.toJavaScript() ?? {});
            const { rest, flag } = split(news, kind.secretInput);
            const failures = [];
            if (news[kind.secretInput] !== undefined && flag === undefined)
                failures.push({ property: kind.secretInput, reason: `${kind.secretInput} must be true or false` });
            // An input the resource does not take (filter for filters, in YAML say) would be dropped, and the list read without it.
            const known = [...kind.inputs, kind.secretInput];
            for (const key of Object.keys(given(rest))) {
                if (!known.includes(key)) failures.push({ property: key, reason: `${key} is not an input of ${kind.type}; use ${known.join(", ")}` });
            }
            const checked = await kind.provider.check({}, rest);
            // A reason may quote a value (a filter's field name): not one that was secret.
            const hidden = hiddenTexts({ props: news, secretKeys });
            failures.push(...(checked.failures ?? []).map((f) => ({ ...f, reason: redact(f.reason, hidden) })));
            const inputs = concealProps({ ...(checked.inputs as Props), ...(flag === undefined ? {} : { [kind.secretInput]: flag }) }, secretKeys);
            return checkResponse(inputs, failures);
        }, secretsIn("getNews")),
        diff: handle(async (request) => {
            const kind = resource(request.getUrn());
            const oldState = revealProps(request.getOlds()?.toJavaScript() ?? {});
            const newInputs = revealProps(request.getNews()?.toJavaScript() ?? {});
            const olds = split(oldState.props, kind.secretInput);
            const news = split(newInputs.props, kind.secretInput);
            const flagChanged = (olds.flag ?? kind.secretByDefault) !== (news.flag ?? kind.secretByDefault);
            // Secrets added to or taken from the inputs, with the same values, still change what state must conceal.
            const stored = outputs(kind, olds.rest, newInputs.secretKeys, olds.flag);
            const concealmentChanged = Object.keys(olds.rest).some((key) => isConcealed(stored[key]) !== oldState.secretKeys.has(key));
            const { changes } = flagChanged || concealmentChanged ? { changes: true } : await kind.provider.diff(request.getId(), olds.rest, news.rest);
            const response = new proto.DiffResponse();
            response.setChanges(changes ? DIFF_CHANGES.DIFF_SOME : DIFF_CHANGES.DIFF_NONE);
            return response;
        }, secretsIn("getNews")),
        create: handle(async (request) => {
            const kind = resource(request.getUrn());
            const { props, secretKeys } = revealProps(request.getProperties()?.toJavaScript() ?? {});
            const { rest, flag } = split(props, kind.secretInput);
            const { id, outs } = (await kind.provider.create(rest)) as { id: string; outs: Props };
            return { id, properties: outputs(kind, outs, secretKeys, flag) } satisfies CreateResult;
        }, secretsIn("getProperties")),
        read: handle(
            async (request) => {
                const kind = resource(request.getUrn());
                const { props, secretKeys } = revealProps(request.getProperties()?.toJavaScript() ?? {});
                const { rest, flag } = split(props, kind.secretInput);
                const result = await kind.provider.read(request.getId(), rest);
                // Which inputs were secret: from the inputs in state, and from the inputs echoed in the outputs (not from
                // the list, which may be secret by the flag alone).
                const echoed = [...secretKeys].filter((key) => kind.inputs.includes(key));
                const inputSecrets = new Set([...echoed, ...revealProps(request.getInputs()?.toJavaScript() ?? {}).secretKeys]);
                const properties = outputs(kind, result.props as Props, inputSecrets, flag);
                return { id: result.id ?? request.getId(), properties, inputs: request.getInputs()?.toJavaScript() } satisfies ReadResult;
            },
            secretsIn("getProperties", "getInputs"),
        ),
        update: handle(async (request) => {
            const kind = resource(request.getUrn());
            const olds = revealProps(request.getOlds()?.toJavaScript() ?? {});
            const news = revealProps(request.getNews()?.toJavaScript() ?? {});
            const { rest, flag } = split(news.props, kind.secretInput);
            const { outs } = (await kind.provider.update(request.getId(), split(olds.props, kind.secretInput).rest, rest)) as { outs: Props };
            return { properties: outputs(kind, outs, news.secretKeys, flag) } satisfies UpdateResult;
        }, secretsIn("getNews")),
        // Only the copy in state goes: nothing remote is touched.
        delete: handle((request) => {
            resource(request.getUrn());
            return new emptyProto.Empty();
        }),
        cancel: handle(() => new emptyProto.Empty()),
    };
}

async function invokeFunction(token: string, args: Props, context: (fn: string) => ReadContext): Promise<Props> {
    if (token === `${PACKAGE_NAME}:index:getOrganizationAccounts`) {
        checkKnownKeys("getOrganizationAccounts", given(args), ORGANIZATION_ACCOUNTS_ARGUMENTS, "", "an argument of getOrganizationAccounts");
        return { ...(await readOrganizationAccounts(args as never, context("getOrganizationAccounts"))) };
    }
    if (token === `${PACKAGE_NAME}:index:getMccUsers`) {
        checkKnownKeys("getMccUsers", given(args), MCC_USERS_ARGUMENTS, "", "an argument of getMccUsers");
        return { ...(await readMccUsers(args as never, context("getMccUsers"))) };
    }
    throw Object.assign(
        new Error(
            `unknown function ${JSON.stringify(token)}: this provider has ${PACKAGE_NAME}:index:getOrganizationAccounts and ${PACKAGE_NAME}:index:getMccUsers`,
        ),
        {
            code: grpc.status.NOT_FOUND,
        },
    );
}

/**
 * The properties a program gave a value: a key sent as null is no argument (Python and Go SDKs send an unset
 * optional so), and the read takes it as not given.
 */
function given(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null && value !== undefined));
}

/** The texts of the secret values among revealed properties, to keep out of messages. */
function hiddenTexts({ props, secretKeys }: { props: Props; secretKeys: ReadonlySet<string> }): string[] {
    return secretTexts([...secretKeys].map((key) => props[key]));
}

/** A config value as text: strings, numbers and booleans; anything else is not a setting. */
function scalarText(value: unknown): string | undefined {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

function checkFailure(property: string, reason: string): unknown {
    const failure = new proto.CheckFailure();
    failure.setProperty(property);
    failure.setReason(reason);
    return failure;
}

function checkResponse(inputs: Props, failures: readonly { property: string; reason: string }[]): unknown {
    const response = new proto.CheckResponse();
    response.setInputs(Struct.fromJavaScript(inputs));
    response.setFailuresList(failures.map((f) => checkFailure(f.property, f.reason)));
    return response;
}

/** A gRPC error carrying the error's one-line message only: no stack, no cause. */
function rpcError(error: unknown): grpcTypes.ServiceError {
    const message = error instanceof Error ? error.message : String(error);
    const code = typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : grpc.status.UNKNOWN;
    return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}
