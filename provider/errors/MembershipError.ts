import { NcloudError } from "./NcloudError";

/** Someone a membership requirement names is missing or only invited, or there are too few members. */
export interface MissingMember {
    /** As the requirement named them, e.g. `platform-admin` or `aaa@bbb.com`. */
    readonly member: string;
    /** The field they were looked for by, e.g. `memberName` or `emailAddr`. */
    readonly by: string;
    /** `absent`: not in the list; `invited`: invited (`INVT`) but not signed up, where `joined` was asked. */
    readonly reason: "absent" | "invited";
}

/** What a membership check found. */
export interface MembershipVerdict {
    readonly ok: boolean;
    /** Everyone the requirement named who is absent or only invited, in the requirement's order. */
    readonly missing: readonly MissingMember[];
    /** Members counted for `minCount` (with `joined`, only those signed up). */
    readonly count: number;
    readonly minCount?: number;
    /** One line that says exactly what is missing and why; empty when `ok`. */
    readonly message: string;
}

/**
 * A membership requirement was not met. In a Pulumi program it stops the deployment with its message alone
 * (it is marked as Pulumi's RunError is, so no stack trace is printed).
 */
export class MembershipError extends NcloudError {
    readonly code = "NCLOUD_MEMBERSHIP_NOT_MET";
    readonly verdict: MembershipVerdict;
    // Pulumi's RunError.isInstance looks for this brand: the engine then shows the message without a stack.
    readonly __pulumiRunError = true;

    constructor(verdict: MembershipVerdict) {
        super(verdict.message);
        this.verdict = verdict;
    }
}
