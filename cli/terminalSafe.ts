// C0 controls (ESC, BEL, CR, LF, …), DEL and C1 controls (U+0080–U+009F, which some terminals read as ESC sequences).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from a server made safe to print on a terminal: every control character shown as a visible `\u001b`-style
 * escape, so a member's name or a gateway's error message cannot clear the screen, retitle the window, move the
 * cursor or overwrite a line with a fake "all good".
 */
export function terminalSafe(text: string): string {
    return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The C1 controls, which JSON.stringify leaves raw (JSON only requires C0 to be escaped). */
const C1 = /[\u0080-\u009f]/g;

/** JSON text with C1 controls escaped too: still the same JSON value, and inert on a terminal. */
export function jsonTerminalSafe(json: string): string {
    return json.replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
