import { PACKAGE_VERSION } from "../provider/version";
import { integerFlag, parseFlags } from "./parseFlags";
import { UsageError } from "./UsageError";

import { DEFAULT_DATA_PATH, loadEmulatorData, parseFault, startEmulator, type Fault } from "../emulator";
import { isLoopbackHost, MAX_LATENCY_MS } from "../emulator/startEmulator";

export const EMULATOR_USAGE = `Usage: ncloud-members emulator [options]

Runs a local NCP API Gateway for the Organization and Media Connect Center APIs on loopback.
It checks signature v2 and the 5-minute clock window as the real gateway does.

Options:
  --port N             port to listen on (default 8080; 0 picks a free one)
  --host ADDR          loopback address to listen on (default 127.0.0.1)
  --data FILE          JSON data file (default: the data set shipped with the package)
  --max-limit N        largest MCC page the server sends (default: the data file's mccMaxLimit, else 100)
  --latency-ms N       answer N ms after each request arrives, as over a network (0 to 60000; default 0)
  --clock-offset-ms N  the emulated gateway's clock offset from this machine's (default: the data file's, else 0)
  --fault JSON         inject a fault, e.g. '{"kind":"status","status":503,"errorCode":"500","every":3}'
                       (repeatable; kinds: status, body, raw, reset, stall, truncate, empty-page, repeat-page, grow,
                       total, flood, nest)
  --version            print the package version
  -h, --help           show this help`;

/** `ncloud-members emulator`: runs until interrupted. */
export async function emulatorCommand(argv: string[]): Promise<number> {
    const values = parseFlags(argv, {
        port: { type: "string", default: "8080" },
        host: { type: "string", default: "127.0.0.1" },
        data: { type: "string" },
        "max-limit": { type: "string" },
        "clock-offset-ms": { type: "string" },
        fault: { type: "string", multiple: true },
        "latency-ms": { type: "string", default: "0" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
    }) as { [flag: string]: string | undefined } & { fault?: string[]; help?: boolean; version?: boolean };
    if (values.help) {
        process.stdout.write(`${EMULATOR_USAGE}\n`);
        return 0;
    }
    if (values.version) {
        process.stdout.write(`${PACKAGE_VERSION}\n`);
        return 0;
    }
    const port = integerFlag("--port", values.port!, 0, 65535);
    const host = values.host!;
    if (!isLoopbackHost(host)) throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1 or localhost), got ${JSON.stringify(host)}`);
    const data = loadEmulatorData(values.data ?? DEFAULT_DATA_PATH);
    if (values["max-limit"] !== undefined) data.mccMaxLimit = integerFlag("--max-limit", values["max-limit"], 1, 1_000_000);
    if (values["clock-offset-ms"] !== undefined) data.clockOffsetMs = integerFlag("--clock-offset-ms", values["clock-offset-ms"], -1e12, 1e12);
    if (values.fault) data.faults = [...(data.faults ?? []), ...values.fault.map(fault)];
    const latencyMs = integerFlag("--latency-ms", values["latency-ms"]!, 0, MAX_LATENCY_MS);
    const emulator = await startEmulator({ data, port, host, latencyMs });
    const key = data.credentials[0];
    process.stdout.write(
        `NCP API emulator listening on ${emulator.url}\n` +
            `Point a program at it (these keys are the emulator's own, from its data file):\n` +
            `  export NCLOUD_ORGANIZATION_ENDPOINT=${emulator.url}\n` +
            `  export NCLOUD_MCC_ENDPOINT=${emulator.url}\n` +
            `  export NCLOUD_ACCESS_KEY=${key.accessKey}\n` +
            `  export NCLOUD_SECRET_KEY=${key.secretKey}\n`,
    );
    await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
    });
    await emulator.close();
    return 0;
}

function fault(text: string): Fault {
    try {
        return parseFault(JSON.parse(text));
    } catch (error) {
        throw new UsageError(`--fault ${text}: not a fault (${error instanceof SyntaxError ? "not JSON" : "see --help for the kinds and their fields"})`);
    }
}
