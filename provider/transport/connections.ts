// Knows how to close the shared connection pools without loading undici: the HTTP client registers here when
// it first creates them, so closing a process that never made a request loads nothing.
let closer: (() => Promise<void>) | undefined;

export function registerCloser(close: () => Promise<void>): void {
    closer = close;
}

/**
 * Closes the shared connection pools. A program does not need to call it (idle sockets do not keep Node
 * alive); tests and short-lived tools may, to end promptly.
 */
export async function closeConnections(): Promise<void> {
    await closer?.();
}
