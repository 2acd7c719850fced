import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { getMccUsers, getOrganizationAccounts, MccUsers, OrganizationAccounts } from "../../sdk";
import { CANARY_SECRET, COMPANY, ORG_GROUP, testData, useEmulator } from "../helpers/emulator";
import { assertNoLeaks } from "../helpers/leakSweep";
import { startPlugin, struct } from "../helpers/pluginHost";
import { registrations, startProviderHost, type Registration } from "../helpers/providerHost";
import { recordingLogger } from "../helpers/recordingLogger";

type StackConfig = Record<string, string>;
type Props = Record<string, unknown>;

/** What one interface made of a stack config: the lists it read (their sizes), or its error; and the warnings it gave. */
interface Outcome {
    readonly read?: { accounts: number; users: number };
    readonly error?: string;
    readonly warnings: readonly string[];
}

// Two key pairs, each accepted by one emulator only: which emulator answers tells which pair was sent.
const OWN = { accessKey: "ak-ncloud-members", secretKey: CANARY_SECRET };
const SHARED = { accessKey: "ak-ncloud-shared", secretKey: `${CANARY_SECRET}-shared` };
const SECRET_CONFIG = ["ncloud-members:secretKey", "ncloud:secretKey"];
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const ORG_URN = "urn:pulumi:dev::ncm-test::pulumi-nodejs:dynamic/ncloud-members:OrganizationAccounts::admins";
const MCC_URN = "urn:pulumi:dev::ncm-test::pulumi-nodejs:dynamic/ncloud-members:MccUsers::staff";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/^\d+ [A-Z_]+: /, "");

describe("one stack config, three interfaces: ncloud-members:<key> first, then ncloud:<key>", function () {
    this.timeout(120_000);
    const own = useEmulator({ data: testData({ credentials: [OWN] }) });
    const shared = useEmulator({ data: testData({ credentials: [SHARED] }) });
    let org: Registration;
    let mcc: Registration;
    const shown: string[] = [];

    before(async () => {
        [org, mcc] = (await registrations(() => [
            new OrganizationAccounts("admins", { organizationGroupNo: ORG_GROUP }),
            new MccUsers("staff", { companyId: COMPANY, secretUsers: false }),
        ])) as [Registration, Registration];
    });
    after(() => assertNoLeaks("warnings, errors and process output", shown));
    afterEach(() => pulumi.runtime.setAllConfig({}));

    /** The library's functions in a program whose stack has `config`. */
    async function library(config: StackConfig): Promise<Outcome> {
        pulumi.runtime.setAllConfig(
            config,
            SECRET_CONFIG.filter((key) => key in config),
        );
        const logger = recordingLogger();
        try {
            const { accounts } = await getOrganizationAccounts({ organizationGroupNo: ORG_GROUP }, { share: false, logger });
            const { users } = await getMccUsers({ companyId: COMPANY }, { share: false, logger });
            return { read: { accounts: accounts.length, users: users.length }, warnings: logger.warnings };
        } catch (error) {
            return { error: message(error), warnings: logger.warnings };
        }
    }

    /** The reads' outcome in a provider process started for them, as the engine starts one per operation; then stops it. */
    async function inProcess(host: { output(): string; stop(): Promise<void> }, reads: () => Promise<Outcome["read"]>): Promise<Outcome> {
        try {
            const outcome = await reads().then(
                (read) => ({ read }),
                (error: unknown) => ({ error: message(error) }),
            );
            return { ...outcome, warnings: host.output().match(/warning: .*/g) ?? [] };
        } finally {
            shown.push(host.output());
            await host.stop();
        }
    }

    /** The dynamic resources, created in a provider host that was configured, as the engine does, with the whole stack config. */
    async function dynamic(config: StackConfig): Promise<Outcome> {
        const host = await startProviderHost();
        return inProcess(host, async () => {
            await host.configure(config);
            const accounts = (await host.create(ORG_URN, org.inputs)).properties.accounts as unknown[];
            const users = (await host.create(MCC_URN, mcc.inputs)).properties.users as unknown[];
            return { accounts: accounts.length, users: users.length };
        });
    }

    /**
     * The plugin's functions, after the Configure the engine sends it: the `ncloud-members:` keys only, as
     * `ncloud-members:config:<key>` variables and as args (secrets in Pulumi's envelope). The engine gives a provider
     * plugin its own namespace alone; only dynamic providers see the whole stack config (pulumi/pulumi#17229).
     */
    async function viaPlugin(config: StackConfig): Promise<Outcome> {
        const plugin = await startPlugin();
        const invoke = async (tok: string, args: Props) => {
            const request = new provider.InvokeRequest();
            request.setTok(tok);
            request.setArgs(struct(args));
            return (await plugin.call<provider.InvokeRequest, provider.InvokeResponse>("invoke", request)).getReturn()!.toJavaScript();
        };
        return inProcess(plugin, async () => {
            const request = new provider.ConfigureRequest();
            const args: Props = {};
            for (const [key, value] of Object.entries(config)) {
                const name = /^ncloud-members:(\w+)$/.exec(key)?.[1];
                if (name === undefined) continue;
                request.getVariablesMap().set(`ncloud-members:config:${name}`, value);
                args[name] = SECRET_CONFIG.includes(key) ? { ...SECRET, value } : value;
            }
            request.setArgs(struct(args));
            await plugin.call("configure", request);
            const { accounts } = await invoke("ncloud-members:index:getOrganizationAccounts", { organizationGroupNo: ORG_GROUP });
            const { users } = await invoke("ncloud-members:index:getMccUsers", { companyId: COMPANY });
            return { accounts: (accounts as unknown[]).length, users: (users as unknown[]).length };
        });
    }

    /** The outcome of each interface, in turn (they share the emulators' request logs). */
    async function everyInterface(config: StackConfig): Promise<{ library: Outcome; dynamic: Outcome; plugin: Outcome }> {
        const outcomes = { library: await library(config), dynamic: await dynamic(config), plugin: await viaPlugin(config) };
        shown.push(JSON.stringify(outcomes));
        return outcomes;
    }

    const endpoints = (url: string): StackConfig => ({ "ncloud-members:organizationEndpoint": url, "ncloud-members:mccEndpoint": url });
    const ownPair: StackConfig = { "ncloud-members:accessKey": OWN.accessKey, "ncloud-members:secretKey": OWN.secretKey };
    const sharedPair: StackConfig = { "ncloud:accessKey": SHARED.accessKey, "ncloud:secretKey": SHARED.secretKey };
    const bothRead = { read: { accounts: 3, users: 7 } };

    it("a stack set up for another language (ncloud-members:* only) reads the same in TypeScript: one key pair, one endpoint, in all three", async () => {
        const outcomes = await everyInterface({ ...ownPair, ...endpoints(own.emulator.url) });
        for (const [name, outcome] of Object.entries(outcomes)) assert.deepEqual(outcome, { ...bothRead, warnings: [] }, name);
        assert.equal(own.emulator.requests.length, 6, "two reads by each of the three, all at the server that accepts the ncloud-members: pair");
        assert.ok(own.emulator.requests.every((r) => r.status === 200));
    });

    it("both namespaces with different key pairs: ncloud-members:* is used by all three, with one warning that names keys, never values; ncloud:* alone is the fallback", async () => {
        const both = await everyInterface({ ...sharedPair, ...ownPair, ...endpoints(own.emulator.url) });
        const warning =
            "Pulumi config holds two different key pairs, ncloud-members:accessKey/secretKey and ncloud:accessKey/secretKey: member lists are read with the ncloud-members: pair; the ncloud: pair stays the ncloud provider's";
        assert.deepEqual(both.library, { ...bothRead, warnings: [warning] });
        assert.deepEqual(both.dynamic, { ...bothRead, warnings: [`warning: ${warning}`] });
        // The engine never gives the plugin the ncloud: pair, so it has nothing to warn about.
        assert.deepEqual(both.plugin, { ...bothRead, warnings: [] });
        assert.equal(own.emulator.requests.length, 6);
        assert.ok(own.emulator.requests.every((r) => r.status === 200));
        assert.equal(shared.emulator.requests.length, 0);

        const fallback = await everyInterface({ ...sharedPair, ...endpoints(shared.emulator.url) });
        assert.deepEqual(fallback.library, { ...bothRead, warnings: [] });
        assert.deepEqual(fallback.dynamic, { ...bothRead, warnings: [] });
        assert.match(
            fallback.plugin.error ?? "",
            /^no NCP access key and secret key were found\. .*\(1\) Pulumi config ncloud-members:accessKey and ncloud-members:secretKey/,
        );
        assert.equal(shared.emulator.requests.length, 4, "the library's and the dynamic resources' reads");
    });

    it("the site: ncloud-members:site over ncloud:site, in all three", async () => {
        const outcomes = await everyInterface({
            ...ownPair,
            "ncloud:site": "gov",
            "ncloud-members:site": "fin",
            "ncloud-members:mccEndpoint": own.emulator.url,
        });
        for (const [name, outcome] of Object.entries(outcomes)) {
            assert.match(outcome.error ?? "", /^ncloud-members:site: the fin site does not offer the Organization API \(offered on: public\)/, name);
        }
        const warning =
            'Pulumi config ncloud-members:site ("fin") and ncloud:site ("gov") differ: member lists are read with ncloud-members:site; ncloud:site stays the ncloud provider\'s';
        assert.deepEqual(outcomes.library.warnings, [warning]);
        assert.deepEqual(outcomes.dynamic.warnings, [`warning: ${warning}`]);
        assert.deepEqual(outcomes.plugin.warnings, []);
        assert.equal(own.emulator.requests.length, 0);
    });

    it("a key pair is taken from one namespace: ncloud-members:accessKey beside the ncloud: pair is half a pair, in all three, and nothing is sent", async () => {
        const outcomes = await everyInterface({ ...sharedPair, "ncloud-members:accessKey": OWN.accessKey, ...endpoints(own.emulator.url) });
        for (const [name, outcome] of Object.entries(outcomes)) {
            assert.match(outcome.error ?? "", /^ncloud-members:accessKey is set in Pulumi config, but its pair is missing there\./, name);
        }
        assert.equal(own.emulator.requests.length, 0);
        assert.equal(shared.emulator.requests.length, 0);
    });

    it("without keys, each interface's error names the config keys it reads, in its order, and nothing is sent", async () => {
        const outcomes = await everyInterface(endpoints(own.emulator.url));
        const keys =
            "Pulumi config ncloud-members:accessKey and ncloud-members:secretKey, or else ncloud:accessKey and ncloud:secretKey (pulumi config set --secret ncloud-members:secretKey ...)";
        // The library's call options come first; the dynamic resources take none.
        assert.ok(outcomes.library.error?.includes(`(2) ${keys}`), outcomes.library.error);
        assert.ok(outcomes.dynamic.error?.includes(`(1) ${keys}`), outcomes.dynamic.error);
        assert.ok(
            outcomes.plugin.error?.includes("(1) Pulumi config ncloud-members:accessKey and ncloud-members:secretKey (pulumi config set"),
            outcomes.plugin.error,
        );
        assert.ok(!outcomes.plugin.error?.includes("ncloud:accessKey"), "the plugin never sees ncloud:accessKey, so does not offer it");
        assert.equal(own.emulator.requests.length, 0);
    });
});
