// NCP refuses a timestamp more than 5 minutes from its clock, with a plain 401 that does not say why. The
// gateway's clock is in the 401's Date header. An offset past this threshold is a wrong clock; below it, it is
// Date's one-second resolution and network time.
export const SKEW_THRESHOLD_MS = 2 * 60 * 1000;
// The largest correction ever applied. A request signed for a future time stays valid at NCP until then (the
// signature does not cover the host), so a hostile endpoint's far-off Date must not make us sign ahead; a real
// clock an hour off needs fixing, not compensating.
export const MAX_CORRECTION_MS = 60 * 60 * 1000;

// Milliseconds added to this machine's clock when signing for an origin; set only once a request signed with
// it succeeded, so a bogus Date header can never make the client sign with a wrong time.
const adopted = new Map<string, number>();

/** The offset applied when signing for `origin`: 0 unless a correction was proven to work. */
export function adoptedOffset(origin: string): number {
    return adopted.get(origin) ?? 0;
}

/** Keeps `offset` for later requests to `origin`. Returns whether it changed. */
export function adoptOffset(origin: string, offset: number): boolean {
    const changed = adoptedOffset(origin) !== offset;
    adopted.set(origin, offset);
    return changed;
}

/**
 * The correction a 401's `Date` suggests: the gateway's clock minus ours, or 0 when the two agree within the
 * threshold. Undefined when there is no usable Date, or one more than {@link MAX_CORRECTION_MS} off.
 */
export function suggestedOffset(date: string | undefined, receivedAt: number = Date.now()): number | undefined {
    const server = date === undefined ? Number.NaN : Date.parse(date);
    if (Number.isNaN(server)) return undefined;
    const offset = server - receivedAt;
    if (Math.abs(offset) > MAX_CORRECTION_MS) return undefined;
    return Math.abs(offset) > SKEW_THRESHOLD_MS ? offset : 0;
}

/** Forgets every correction (tests reset process-wide state between files). */
export function resetClockCorrections(): void {
    adopted.clear();
}
