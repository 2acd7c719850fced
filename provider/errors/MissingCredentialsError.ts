import { NcloudError } from "./NcloudError";

/** No access key and secret key were found in any of the places they are looked for. */
export class MissingCredentialsError extends NcloudError {
    readonly code = "NCLOUD_MISSING_CREDENTIALS";

    constructor(problem: string) {
        super(
            `${problem}. NCP credentials are looked for, first found wins, in: ` +
                "(1) the call's options { accessKey, secretKey }; " +
                "(2) Pulumi config ncloud:accessKey and ncloud:secretKey (pulumi config set --secret ncloud:secretKey ...); " +
                "(3) the environment variables NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY (or NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY); " +
                "(4) the file ~/.ncloud/configure (ncloud_access_key_id, ncloud_secret_access_key)",
        );
    }
}
