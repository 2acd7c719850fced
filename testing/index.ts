// The entry point "pulumi-ncloud-members/testing": mocks for unit tests of programs that use the package.
export { ncloudMocks } from "./ncloudMocks";
export type { NcloudMocks, NcloudMocksOptions } from "./ncloudMocks";
export type { NcloudMockData } from "./NcloudMockData";
export type { RecordedRequest } from "../emulator/startEmulator";
