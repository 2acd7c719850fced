import type * as pulumi from "@pulumi/pulumi";
import type { RequestSettings } from "../provider/RequestSettings";
import type { ConnectionOptions } from "../provider/credentials/settingsSources";

/**
 * Options of `getOrganizationAccounts` / `getMccUsers` and their `...Output` forms. These functions run in
 * the program's own process (no provider plugin), so Pulumi's `provider`, `parent` and `version` options
 * have no meaning here; what they take instead is how to reach NCP.
 *
 * Every connection setting falls back, in order, to Pulumi config (`ncloud-members:accessKey`,
 * `ncloud-members:secretKey`, `ncloud-members:site`, `ncloud-members:organizationEndpoint`,
 * `ncloud-members:mccEndpoint`, `ncloud-members:allowHttp`; then `ncloud:accessKey`, `ncloud:secretKey` and
 * `ncloud:site`, shared with the ncloud provider), the environment (`NCLOUD_ACCESS_KEY`, `NCLOUD_SECRET_KEY`,
 * `NCLOUD_SITE`, `NCLOUD_ORGANIZATION_ENDPOINT`, `NCLOUD_MCC_ENDPOINT`) and `~/.ncloud/configure`.
 *
 * @example
 * await getOrganizationAccounts({ organizationGroupNo: 320 }, { site: "public", timeoutMs: 5000, retry: { attempts: 6 } });
 */
export interface NcloudInvokeOptions extends ConnectionOptions, RequestSettings {}

/**
 * Options of the `...Output` forms: {@link NcloudInvokeOptions}, plus Pulumi's invoke-output option that means
 * something here (as `@pulumi/pulumi`'s own `InvokeOutputOptions` has it).
 *
 * @example
 * getMccUsersOutput({ companyId }, { dependsOn: [bucket] });
 */
export interface NcloudInvokeOutputOptions extends NcloudInvokeOptions {
    /**
     * Resources the read waits for: it is sent only once each is created (its id known), stays unknown during a
     * preview while one is unknown, and the result depends on them as a resource's outputs would. A component
     * resource stands for its children, transitively, as in Pulumi's own output invokes.
     */
    readonly dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}
