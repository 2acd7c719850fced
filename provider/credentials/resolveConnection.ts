import { ConfigurationError } from "../errors/ConfigurationError";
import { MissingCredentialsError } from "../errors/MissingCredentialsError";
import { Credentials } from "./Credentials";
import type { SourceLoader } from "./settingsChain";
import { parseEndpoint, parseSite, siteEndpoint, type NcloudApi, type NcloudSite } from "./sites";

/** Where and as whom to call one API. */
export interface Connection {
    readonly credentials: Credentials;
    /** Base URL; the API path is appended to its path. */
    readonly baseUrl: URL;
    readonly site: NcloudSite;
}

/**
 * Resolves credentials and the endpoint for an API from sources in priority order, first found wins.
 * Sources are loaded lazily, so that later ones (a file) are only read when earlier ones had nothing.
 * The access key and secret key always come from the same source.
 */
export function resolveConnection(api: NcloudApi, sources: readonly SourceLoader[]): Connection {
    let credentials: Credentials | undefined;
    let site: { value: string; name: string } | undefined;
    let endpoint: { value: string; name: string } | undefined;
    let allowHttp: { value: string; name: string } | undefined;
    for (const loader of sources) {
        if (credentials && site && endpoint && allowHttp) break;
        const source = loader.load(credentials === undefined);
        if (!credentials && (source.accessKey || source.secretKey)) {
            if (!source.accessKey || !source.secretKey) {
                const have = (source.accessKey ?? source.secretKey)!.name;
                throw new MissingCredentialsError(`${have} is set in ${source.description}, but its pair is missing there`, credentialsPlaces(sources));
            }
            credentials = new Credentials(source.accessKey.value, source.secretKey.value, `${source.description} (${source.accessKey.name})`);
        }
        site ??= source.site;
        allowHttp ??= source.allowHttp;
        endpoint ??= api === "organization" ? source.organizationEndpoint : source.mccEndpoint;
    }
    if (!credentials) throw new MissingCredentialsError("no NCP access key and secret key were found", credentialsPlaces(sources));
    const resolvedSite = site ? parseSite(site.value, site.name) : "public";
    const baseUrl = endpoint
        ? parseEndpoint(endpoint.value, endpoint.name, allowHttp ? parseAllowHttp(allowHttp.value, allowHttp.name) : false)
        : siteEndpoint(api, resolvedSite, site?.name ?? "site", endpointSettings(api, sources));
    return { credentials, baseUrl, site: resolvedSite };
}

function credentialsPlaces(sources: readonly SourceLoader[]): string[] {
    return sources.flatMap((s) => (s.credentialsHint === undefined ? [] : [s.credentialsHint]));
}

function endpointSettings(api: NcloudApi, sources: readonly SourceLoader[]): string[] {
    return sources.flatMap((s) => (s.endpointHint === undefined ? [] : [s.endpointHint[api]]));
}

/** The allowHttp setting from any source: true/1/yes or false/0/no. */
export function parseAllowHttp(value: string, setting: string): boolean {
    if (/^(1|true|yes)$/i.test(value)) return true;
    if (/^(0|false|no)$/i.test(value)) return false;
    throw new ConfigurationError(setting, `must be true or false, got ${JSON.stringify(value)}`);
}

/** The URL of an API path under a base URL: the base's own path (if any) comes first. */
export function apiUrl(baseUrl: URL, path: string, query?: Readonly<Record<string, string | number>>): URL {
    if (!path.startsWith("/")) throw new ConfigurationError("path", "API paths start with '/'");
    const url = new URL(baseUrl.href);
    url.pathname = baseUrl.pathname.replace(/\/+$/, "") + path;
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
    return url;
}
