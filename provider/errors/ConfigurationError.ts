import { NcloudError } from "./NcloudError";

/** A site or endpoint setting cannot be used: an unknown site, an API the site does not offer, a bad URL. */
export class ConfigurationError extends NcloudError {
    readonly code = "NCLOUD_CONFIGURATION";
    /** The setting at fault, e.g. `site` or `NCLOUD_MCC_ENDPOINT`. */
    readonly setting: string;

    constructor(setting: string, problem: string) {
        super(`${setting}: ${problem}`);
        this.setting = setting;
    }
}
