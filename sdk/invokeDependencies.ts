import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentError } from "../provider/errors/InvalidArgumentError";
import type { NcloudInvokeOutputOptions } from "./NcloudInvokeOptions";

/**
 * What an `...Output` form waits for before it reads, as Pulumi's own output invokes wait (`invokeAsync` with
 * `checkDependencies` in `@pulumi/pulumi` runtime/invoke.js): a component resource stands for its children,
 * transitively; a remote component, whose children live in another process, stands for itself and is waited for
 * by its urn, which comes once they are all done; every custom resource among them is waited for by its id. The
 * Output resolves once those are known, is unknown in a preview while one is unknown, and depends on the resources
 * named and those found, so a result that flows into a resource makes it depend on them. Its value means nothing.
 *
 * Pulumi's own `getAllTransitivelyReferencedResources` (runtime/dependsOn.js) is not in every `@pulumi/pulumi` of
 * our peer range (3.142 has only `gatherExplicitDependencies` there), and it is internal, so the walk is written
 * out here, reading the same internal fields Pulumi reads (`__childResources`, `__data`, `__remote`).
 */
export function invokeDependencies(functionName: string, dependsOn: NcloudInvokeOutputOptions["dependsOn"]): pulumi.Output<unknown> {
    if (dependsOn === undefined) return pulumi.output([]);
    // An unknown dependsOn (in a preview) leaves the read unknown: the resources it would name cannot be waited for.
    // A secret one does not make the result secret, as in Pulumi's invokes: it names resources, none of its values
    // is sent or returned.
    return pulumi.unsecret(
        pulumi.output(dependsOn).apply(async (resolved) => {
            const named = namedResources(functionName, resolved);
            const waited = await customAndRemoteResources(named);
            return pulumi.all([
                ...named.map((r) => r.urn),
                // DependencyResources are CustomResources without an id; Pulumi skips them, their urn is known.
                ...waited.map((r) => (pulumi.CustomResource.isInstance(r) && r.id !== undefined ? r.id : r.urn)),
            ]);
        }),
    );
}

/** Flattens nested arrays and skips `undefined` and `null`, as Pulumi's `gatherExplicitDependencies` does. */
function namedResources(functionName: string, value: unknown): pulumi.Resource[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.flatMap((v: unknown) => namedResources(functionName, v));
    if (!pulumi.Resource.isInstance(value)) {
        throw new InvalidArgumentError(functionName, "options.dependsOn", "must be a resource or an array of resources");
    }
    return [value];
}

/** Pulumi's internal fields of a resource that the walk reads. */
interface ResourceInternals {
    readonly __childResources?: Set<pulumi.Resource>;
    readonly __data?: Promise<unknown>;
    readonly __remote?: boolean;
}

/**
 * The custom and remote resources reachable from `resources` through the children of component resources, as
 * Pulumi walks them: a component is looked into once its construction is over (`__data`), when its children are
 * registered with it; the walk does not go into a custom resource's children. A remote component's children made in its own
 * process are not in `__childResources`, so it is kept as itself; only children this program gave it are found.
 */
async function customAndRemoteResources(resources: readonly pulumi.Resource[]): Promise<pulumi.Resource[]> {
    const reached = new Set<pulumi.Resource>();
    const visit = async (from: Iterable<pulumi.Resource> | undefined): Promise<void> => {
        const components: Promise<void>[] = [];
        for (const resource of from ?? []) {
            if (reached.has(resource)) continue;
            reached.add(resource);
            const internals = resource as unknown as ResourceInternals;
            if (pulumi.ComponentResource.isInstance(resource)) {
                components.push(Promise.resolve(internals.__data).then(() => visit(internals.__childResources)));
            }
        }
        await Promise.all(components);
    };
    await visit(resources);
    return [...reached].filter((r) => pulumi.CustomResource.isInstance(r) || (r as unknown as ResourceInternals).__remote === true);
}
