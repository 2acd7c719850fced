import type { RequestSettings } from "../provider/RequestSettings";
import type { ConnectionOptions } from "../provider/credentials/settingsSources";

/**
 * Options of `getOrganizationAccounts` / `getMccUsers` and their `...Output` forms. These functions run in
 * the program's own process (no provider plugin), so Pulumi's `provider`, `parent` and `version` options
 * have no meaning here; what they take instead is how to reach NCP.
 *
 * Every connection setting falls back, in order, to Pulumi config (`ncloud:accessKey`, `ncloud:secretKey`,
 * `ncloud:site`, and this package's own `ncloud-members:organizationEndpoint`, `ncloud-members:mccEndpoint`,
 * `ncloud-members:allowHttp`), the environment (`NCLOUD_ACCESS_KEY`,
 * `NCLOUD_SECRET_KEY`, `NCLOUD_SITE`, `NCLOUD_ORGANIZATION_ENDPOINT`, `NCLOUD_MCC_ENDPOINT`) and
 * `~/.ncloud/configure`.
 *
 * @example
 * await getOrganizationAccounts({ organizationGroupNo: 320 }, { site: "public", timeoutMs: 5000, retry: { attempts: 6 } });
 */
export interface NcloudInvokeOptions extends ConnectionOptions, RequestSettings {}
