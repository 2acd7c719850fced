// NCP refuses a timestamp more than 5 minutes from its clock, with a plain 401 that does not say why. The
// gateway's clock is in every response's Date header: an offset past this threshold is applied when signing.
// Below it, the offset is Date's one-second resolution and network time, not a wrong clock.
export const SKEW_THRESHOLD_MS = 2 * 60 * 1000;

// Milliseconds to add to this machine's clock when signing for an origin.
const applied = new Map<string, number>();

/** The offset applied when signing for `origin`: 0 unless the gateway's clock was found to be far from ours. */
export function appliedOffset(origin: string): number {
    return applied.get(origin) ?? 0;
}

/**
 * Learns the gateway's clock from a response `Date`. Returns the offset when it newly became applied (so
 * the caller can warn and re-sign), undefined otherwise.
 */
export function learnFromDate(origin: string, date: string, receivedAt: number = Date.now()): number | undefined {
    const server = Date.parse(date);
    if (Number.isNaN(server)) return undefined;
    const offset = server - receivedAt;
    const before = appliedOffset(origin);
    const after = Math.abs(offset) > SKEW_THRESHOLD_MS ? offset : 0;
    applied.set(origin, after);
    return after !== 0 && Math.abs(after - before) > SKEW_THRESHOLD_MS ? after : undefined;
}
