import { NcloudError } from "./NcloudError";

/** No access key and secret key were found in any of the places they are looked for. */
export class MissingCredentialsError extends NcloudError {
    readonly code = "NCLOUD_MISSING_CREDENTIALS";

    /** Where the key pair was looked for, first found wins, in the words of the interface in use. */
    readonly places: readonly string[];

    constructor(problem: string, places: readonly string[]) {
        super(`${problem}. NCP credentials are looked for, first found wins, in: ${places.map((p, i) => `(${i + 1}) ${p}`).join("; ")}`);
        this.places = places;
    }
}
