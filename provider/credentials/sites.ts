import { ConfigurationError } from "../errors/ConfigurationError";

/** The two NCP APIs this package reads. */
export type NcloudApi = "organization" | "mcc";

/** NCP's sites, as terraform-provider-ncloud names them: `public` (default), `gov` (government), `fin` (financial). */
export type NcloudSite = "public" | "gov" | "fin";

export const SITES: readonly NcloudSite[] = ["public", "gov", "fin"];

const API_NAMES: Record<NcloudApi, string> = { organization: "Organization", mcc: "Media Connect Center" };

// Hosts from the API pages; MCC's English page misspells ".ntruss.co", its own example uses ".com".
// fin's MCC host comes from a third-party spec; no site but public is known to offer Organization.
const HOSTS: Record<NcloudSite, Partial<Record<NcloudApi, string>>> = {
    public: { organization: "https://organization.apigw.ntruss.com", mcc: "https://ncloudmcc.apigw.ntruss.com" },
    fin: { mcc: "https://ncloudmcc.apigw.fin-ntruss.com" },
    gov: {},
};

/** Checks a site name from any source. */
export function parseSite(value: string, setting: string): NcloudSite {
    const site = value.trim().toLowerCase();
    if (!(SITES as readonly string[]).includes(site)) {
        throw new ConfigurationError(setting, `unknown NCP site "${value}"; use one of ${SITES.join(", ")}`);
    }
    return site as NcloudSite;
}

/** The base URL of an API on a site, or a clear error when that site does not offer it, naming the settings that override it. */
export function siteEndpoint(api: NcloudApi, site: NcloudSite, setting: string, endpointSettings: readonly string[]): URL {
    const host = HOSTS[site][api];
    if (host === undefined) {
        const offered = SITES.filter((s) => HOSTS[s][api] !== undefined).join(", ");
        throw new ConfigurationError(
            setting,
            `the ${site} site does not offer the ${API_NAMES[api]} API (offered on: ${offered}); ` +
                `set ${endpointSettings.join(" or ")} to use another endpoint`,
        );
    }
    return new URL(host);
}

// Loopback hosts: plain http there never leaves the machine.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Checks an endpoint override: https, or http on loopback (or anywhere with `allowHttp`), a host, an optional port
 * and base path, no query.
 */
export function parseEndpoint(value: string, setting: string, allowHttp = false): URL {
    let url: URL;
    try {
        url = new URL(value.trim());
    } catch {
        throw new ConfigurationError(setting, `"${value}" is not a URL (expected e.g. https://host:8443)`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new ConfigurationError(setting, `endpoint must use http or https, not ${url.protocol}`);
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new ConfigurationError(setting, "endpoint must not carry a query, a fragment or user info");
    }
    if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && !allowHttp) {
        throw new ConfigurationError(
            setting,
            `refusing plain http to ${url.host}: it would send signed request headers (which NCP accepts again for five minutes) and ` +
                "members' personal data unencrypted. http is for a local emulator or a test gateway on loopback; use https, or allow http " +
                "explicitly (option allowHttp, config ncloud-members:allowHttp, NCLOUD_ALLOW_HTTP=1, or --allow-http)",
        );
    }
    return url;
}
