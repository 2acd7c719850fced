import { NcloudError } from "./NcloudError";

/** An argument was rejected before any request was sent. */
export class InvalidArgumentError extends NcloudError {
    readonly code = "NCLOUD_INVALID_ARGUMENT";
    /** The argument's name as the caller wrote it, e.g. `companyId` or `filters[1].values`. */
    readonly argument: string;
    /** What is wrong with it, e.g. `must be a positive integer, got -5`. */
    readonly problem: string;

    constructor(functionName: string, argument: string, problem: string) {
        super(`${functionName}: invalid argument "${argument}": ${problem}`);
        this.argument = argument;
        this.problem = problem;
    }
}
