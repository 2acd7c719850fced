import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { dynamic } from "@pulumi/pulumi";
import { settingsChain, type SourceLoader } from "../credentials/settingsChain";
import { InvalidArgumentError } from "../errors/InvalidArgumentError";
import { MCC_USERS_CHECKS, ORGANIZATION_ACCOUNTS_CHECKS, readMccUsers, readOrganizationAccounts, type ReadContext } from "../readMembers";
import { contentHash, sameContent } from "./contentHash";
import { withSecretInputs } from "./secretInputs";

// How the engine sends a value it does not know yet (during preview): @pulumi/pulumi's runtime/rpc unknownValue.
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;

/** What differs between the two resources: their inputs, how to read them, and the names of their outputs. */
interface MemberList {
    readonly type: string;
    /** Each input property and its check (throws InvalidArgumentError). */
    readonly checks: Readonly<Record<string, (fn: string, value: unknown) => unknown>>;
    readonly listProperty: string;
    readonly countProperty: string;
    read(inputs: Props, context: ReadContext): Promise<{ list: readonly object[]; extra: Props }>;
    /** A new resource's id: random, since ids are never secret in state and any input may be. */
    id(): string;
}

// The provider host calls `configure` with the program's config once per provider text, before any other call.
let configured: ((key: string) => string | undefined) | undefined;

/** Receives the stack's whole config (the `ncloud-members:` and `ncloud:` keys) in the provider process. */
export function configure(request: dynamic.ConfigureRequest): Promise<void> {
    const config = request.config;
    configured = (key) => config.get(key);
    return Promise.resolve();
}

/** Where a provider process finds its settings: the dynamic host's `configure` request, or the plugin's `Configure`. */
export type ProviderSources = () => readonly SourceLoader[];

// No per-resource credentials: they would have to travel in the resource's inputs, i.e. in state.
const dynamicSources: ProviderSources = () => settingsChain({ config: configured });

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

/** The check, diff, create, read, update and delete of one kind of resource, in the shape of a dynamic provider. */
export type MemberListProvider = Required<Omit<dynamic.ResourceProvider, "configure">>;

function makeProvider(kind: MemberList, sources: ProviderSources): MemberListProvider {
    const context = (type: string): ReadContext => ({
        functionName: type,
        sources: sources(),
        // Diff, read and update must each see the list as it is now.
        settings: { share: false },
    });
    const inputsOf = (props: Props): Props => {
        const inputs: Props = {};
        for (const key of Object.keys(kind.checks)) if (props[key] !== undefined) inputs[key] = props[key];
        return inputs;
    };
    const outputs = async (inputs: Props): Promise<Props> => {
        const { list, extra } = await kind.read(inputs, context(kind.type));
        return { ...inputs, [kind.listProperty]: list, [kind.countProperty]: list.length, ...extra, contentHash: contentHash(list, extra) };
    };
    return {
        // Input problems are failures for the engine to show, not exceptions; unknown values (preview) are not judged.
        check(_olds: Props, news: Props) {
            const inputs = inputsOf(news);
            const failures: dynamic.CheckFailure[] = [];
            for (const [property, check] of Object.entries(kind.checks)) {
                if (containsUnknown(inputs[property])) continue;
                try {
                    check(kind.type, inputs[property]);
                } catch (error) {
                    if (!(error instanceof InvalidArgumentError)) throw error;
                    failures.push({ property, reason: error.message });
                }
            }
            return Promise.resolve({ inputs, failures });
        },
        // A change when the inputs changed, or when the outputs read now (the list and every other output that can
        // change, such as MCC's total) no longer hash to what state holds, whatever order the server lists them in.
        async diff(_id: string, olds: Props, news: Props) {
            const inputs = inputsOf(news);
            if (containsUnknown(inputs) || !isDeepStrictEqual(inputsOf(olds), inputs)) return { changes: true };
            const { list, extra } = await kind.read(inputs, context(kind.type));
            return { changes: !sameContent(olds.contentHash, list, extra) };
        },
        async create(inputs: Props) {
            return { id: kind.id(), outs: await outputs(inputsOf(inputs)) };
        },
        async read(id: string, props: Props) {
            return { id, props: await outputs(inputsOf(props)) };
        },
        async update(_id: string, _olds: Props, news: Props) {
            return { outs: await outputs(inputsOf(news)) };
        },
        // Only the copy in state goes: nothing remote is touched.
        async delete() {},
    };
}

const ORGANIZATION_ACCOUNTS: MemberList = {
    type: "OrganizationAccounts",
    checks: ORGANIZATION_ACCOUNTS_CHECKS,
    listProperty: "accounts",
    countProperty: "accountCount",
    async read(inputs, ctx) {
        const listing = await readOrganizationAccounts(inputs as never, ctx);
        return { list: listing.accounts, extra: {} };
    },
    id: () => `organization-accounts-${randomUUID()}`,
};

const MCC_USERS: MemberList = {
    type: "MccUsers",
    checks: MCC_USERS_CHECKS,
    listProperty: "users",
    countProperty: "userCount",
    async read(inputs, ctx) {
        const listing = await readMccUsers(inputs as never, ctx);
        return { list: listing.users, extra: { total: listing.total } };
    },
    id: () => `mcc-users-${randomUUID()}`,
};

/** The providers of both resources, reading their settings from `sources`. */
export function memberListProviders(sources: ProviderSources): { readonly organizationAccounts: MemberListProvider; readonly mccUsers: MemberListProvider } {
    return { organizationAccounts: makeProvider(ORGANIZATION_ACCOUNTS, sources), mccUsers: makeProvider(MCC_USERS, sources) };
}

const dynamicProviders = memberListProviders(dynamicSources);

/** The provider of `OrganizationAccounts` resources in the dynamic provider host. */
export const organizationAccounts = withSecretInputs(dynamicProviders.organizationAccounts, Object.keys(ORGANIZATION_ACCOUNTS_CHECKS));

/** The provider of `MccUsers` resources in the dynamic provider host. */
export const mccUsers = withSecretInputs(dynamicProviders.mccUsers, Object.keys(MCC_USERS_CHECKS));
