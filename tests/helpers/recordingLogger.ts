import type { Logger } from "../../sdk";

/** Every line any recording logger received in this run, for the secret canary. */
export const ALL_LOG_LINES: string[] = [];

export interface RecordingLogger extends Logger {
    readonly lines: string[];
    readonly warnings: string[];
    /** The waits announced as "retrying in N ms", in order. */
    waits(): number[];
}

export function recordingLogger(): RecordingLogger {
    const lines: string[] = [];
    const warnings: string[] = [];
    return {
        lines,
        warnings,
        debug(message) {
            lines.push(message);
            ALL_LOG_LINES.push(message);
        },
        warn(message) {
            warnings.push(message);
            ALL_LOG_LINES.push(message);
        },
        waits: () => lines.flatMap((l) => /retrying in (\d+) ms/.exec(l)?.[1] ?? []).map(Number),
    };
}
