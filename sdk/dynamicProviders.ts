import type * as pulumi from "@pulumi/pulumi";

type HostEntry = typeof import("../provider/dynamic");

/**
 * A provider as Pulumi serializes it into each resource's `__provider`: no client code and no captured
 * module, only a `require` of this package's stable `dynamic-provider` entry point by name, which the
 * provider host resolves where the program installed the package. So the text stays small, holds no
 * credentials (they are read in the provider process from config or the environment), and keeps working
 * after this package or its dependencies are upgraded (pulumi/pulumi issues 9085, 18976).
 */
function providerFor(kind: "organizationAccounts" | "mccUsers"): pulumi.dynamic.ResourceProvider {
    // Required by name inside the provider host, from the user's project: never bundled into the provider text.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const host = (): HostEntry => require("pulumi-ncloud-members/dynamic-provider") as HostEntry;
    return {
        configure: (request) => host().configure(request),
        check: (olds, news) => host()[kind].check(olds, news),
        diff: (id, olds, news) => host()[kind].diff(id, olds, news),
        create: (inputs) => host()[kind].create(inputs),
        read: (id, props) => host()[kind].read(id, props),
        update: (id, olds, news) => host()[kind].update(id, olds, news),
        delete: (id, props) => host()[kind].delete(id, props),
    };
}

// One instance per class: Pulumi caches a provider's serialization per instance.
export const organizationAccountsProvider = providerFor("organizationAccounts");
export const mccUsersProvider = providerFor("mccUsers");
