import { NcloudError } from "./NcloudError";

/** A listing announced more users, or would take more pages, than the call allows (`maxUsers`, `maxPages`); nothing past its first page was requested. */
export class ListingTooLargeError extends NcloudError {
    readonly code = "NCLOUD_LISTING_TOO_LARGE";
    readonly path: string;
    /** `maxUsers` or `maxPages`: the limit passed. */
    readonly limit: "maxUsers" | "maxPages";
    /** The number the server's answer implies. */
    readonly announced: number;
    readonly max: number;

    constructor(path: string, limit: "maxUsers" | "maxPages", announced: number, max: number) {
        const what = limit === "maxUsers" ? `announces ${announced} users` : `would take ${announced} pages`;
        super(`listing ${path} ${what}, more than ${limit} ${max}; raise ${limit} if the company is really that large`);
        this.path = path;
        this.limit = limit;
        this.announced = announced;
        this.max = max;
    }
}
