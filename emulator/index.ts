export { startEmulator } from "./startEmulator";
export type { EmulatorOptions, RecordedRequest, RunningEmulator } from "./startEmulator";
export type { Fault, FaultAction, FaultTarget } from "./Fault";
export { loadEmulatorData, parseFault, DEFAULT_DATA_PATH, DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "./EmulatorData";
export type { EmulatorData } from "./EmulatorData";
