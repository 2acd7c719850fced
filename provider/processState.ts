import { resetConfigWarnings } from "./credentials/settingsSources";
import { sharedListings } from "./sharedListing";
import { resetClockCorrections } from "./transport/clockSkew";
import { resetConnectionSlots } from "./transport/connectionSlots";
import { closeConnections } from "./transport/connections";
import { resetRetryBudgets } from "./transport/retryBudget";

/**
 * Forgets everything the package keeps per process (shared listings, retry budgets, clock corrections, the
 * connection pool, config warnings given), as a fresh process would start. For tests, between files.
 */
export async function resetProcessState(): Promise<void> {
    sharedListings.clear();
    resetRetryBudgets();
    resetClockCorrections();
    resetConnectionSlots();
    resetConfigWarnings();
    await closeConnections();
}
