import { NcloudError } from "./NcloudError";

/** A paginated listing could not be made complete and exact, so no list is returned at all. */
export class IncompleteListingError extends NcloudError {
    readonly code = "NCLOUD_INCOMPLETE_LISTING";
    readonly path: string;
    /** How many items had been received when the listing was abandoned. */
    readonly received: number;
    /** The total the server announced, when it had announced one. */
    readonly total?: number;
    /** What went wrong, in a few words. */
    readonly problem: string;

    constructor(path: string, problem: string, received: number, total?: number) {
        super(`listing ${path} is not complete: ${problem} (received ${received}${total === undefined ? "" : ` of ${total}`}); no partial list is returned`);
        this.path = path;
        this.received = received;
        this.total = total;
        this.problem = problem;
    }
}
