import assert from "node:assert/strict";
import { inspect } from "node:util";
import { CANARY_SECRET } from "./emulator";

/** Anything shaped like a signature v2 header value: base64 of a SHA-256. */
export const SIGNATURE = /[A-Za-z0-9+/]{43}=/;

/** Every way a person or a log could see an error. */
export function everythingShown(error: unknown): string {
    if (!(error instanceof Error)) return inspect(error, { depth: 10 });
    return [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join("\n");
}

/**
 * The one leak sweep: asserts that neither the canary secret key nor anything shaped like a signature shows in
 * any of `texts` (logs, outputs, state, printed lines) or in any way `errors` can be shown.
 */
export function assertNoLeaks(what: string, texts: readonly string[], errors: readonly unknown[] = []): void {
    const shown = [...texts, ...errors.map(everythingShown)];
    for (const [i, text] of shown.entries()) {
        assert.ok(!text.includes(CANARY_SECRET), `${what}: item ${i} shows the canary secret key`);
        assert.doesNotMatch(text, SIGNATURE, `${what}: item ${i} shows a signature`);
    }
}
