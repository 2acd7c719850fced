import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { startEmulator, type RecordedRequest } from "../emulator/startEmulator";
import { setEnvironment } from "./environment";
import { isMemberListType, registerMemberList } from "./memberListMocks";
import { emulatorDataOf, shippedData, type NcloudMockData } from "./NcloudMockData";

/** Options of {@link ncloudMocks}. */
export interface NcloudMocksOptions {
    /**
     * Your own mocks, asked for every resource and call that is not this package's.
     * @default resources echo their inputs as their state, with the id `<name>-id`; calls echo their inputs
     */
    readonly mocks?: pulumi.runtime.Mocks;
}

/**
 * Mocks for `pulumi.runtime.setMocks` that answer this package as NCP, the engine and the provider host would,
 * from the data given to {@link ncloudMocks}. Call {@link NcloudMocks.close} when the tests are done.
 */
export interface NcloudMocks extends pulumi.runtime.Mocks {
    /**
     * Registers a resource. `OrganizationAccounts` and `MccUsers` get the outputs the real provider computes
     * (the list, its count, MCC's `total`, `contentHash`, `hasSecretInput`), secret as they would be; during a
     * preview, the outputs read from the list are unknown, as a new resource's are. Any other resource goes to
     * `options.mocks`, or echoes its inputs.
     *
     * @throws InvalidArgumentError when an input is invalid (the first check failure the engine would report)
     * @throws NcloudApiError as the real read would, e.g. HTTP 404 for a group or company the data does not hold
     */
    newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult>;
    /** Answers a call (an invoke) through `options.mocks`, or echoes its inputs: this package makes none. */
    call(args: pulumi.runtime.MockCallArgs): Promise<pulumi.runtime.MockCallResult>;
    /** Every request the local gateway answered, in order: what reached "NCP" during the tests. */
    readonly requests: readonly RecordedRequest[];
    /** Stops the local gateway and puts back the environment variables the mocks set. */
    close(): Promise<void>;
}

// What points the package at the gateway, and what else in the environment could send it elsewhere meanwhile.
const CLEARED = ["NCLOUD_ACCESS_KEY_ID", "NCLOUD_SECRET_ACCESS_KEY", "NCLOUD_SITE", "NCLOUD_ALLOW_HTTP"];

let open = false;

/**
 * Mocks for unit-testing a Pulumi program that uses this package, with `pulumi.runtime.setMocks`: no NCP account,
 * no network. They answer from `data`, or, without it, from the data set the package ships (the one
 * `ncloud-members emulator` serves: organization groups 320, 321 and 322, and MCC company
 * `48128f23-e29b-496e-aa04-1f741fed86bc` of 342 users).
 *
 * `getOrganizationAccounts`, `getMccUsers` and their `...Output` forms run in the program's own process, not
 * through the engine, so no mock sees them: these mocks start the package's emulator (a local NCP API gateway) on
 * 127.0.0.1 and point the package at it through the environment (`NCLOUD_ACCESS_KEY`, `NCLOUD_SECRET_KEY`,
 * `NCLOUD_ORGANIZATION_ENDPOINT`, `NCLOUD_MCC_ENDPOINT`, with a random key pair only the emulator knows), until
 * `close()`. Every read then takes its real path (signed requests, pages, filters, errors) against that data. A
 * call's own options and Pulumi config come before the environment: a test must not give them keys or endpoints.
 * One set of mocks is open at a time.
 *
 * `newResource` answers the `OrganizationAccounts` and `MccUsers` resources with the package's own dynamic
 * provider, reading the same gateway: the outputs, their secrecy (any secret input makes every output secret;
 * MCC `users` are secret) and the errors are those of `pulumi up`. Pulumi's mocks are not given resource options,
 * so `secretUsers: false` and `secretAccounts: true` are not seen: `users` stay secret and `accounts` do not.
 *
 * @param data the lists to serve. @default the data set the package ships (`emulator/data/default.json`)
 * @throws InvalidArgumentError when a group number in `data` is not a positive integer
 * @throws Error when another set of mocks is still open
 *
 * @example
 * const ncloud = await ncloudMocks();
 * await pulumi.runtime.setMocks(ncloud, "project", "stack", false);
 * // ... load the program, check its outputs ...
 * await ncloud.close();
 */
export async function ncloudMocks(data?: NcloudMockData, options: NcloudMocksOptions = {}): Promise<NcloudMocks> {
    if (open) throw new Error("ncloudMocks: another set of mocks is still open; close() it first (they point the whole process at their gateway)");
    open = true;
    try {
        const credentials = { accessKey: `ncm-mocks-${randomBytes(8).toString("hex")}`, secretKey: randomBytes(24).toString("base64url") };
        const emulator = await startEmulator({ data: data === undefined ? shippedData(credentials) : emulatorDataOf(data, credentials) });
        const restore = setEnvironment(
            {
                NCLOUD_ACCESS_KEY: credentials.accessKey,
                NCLOUD_SECRET_KEY: credentials.secretKey,
                NCLOUD_ORGANIZATION_ENDPOINT: emulator.url,
                NCLOUD_MCC_ENDPOINT: emulator.url,
            },
            CLEARED,
        );
        let closed: Promise<void> | undefined;
        return {
            async newResource(args) {
                if (isMemberListType(args.type)) return registerMemberList(args);
                if (options.mocks) return options.mocks.newResource(args);
                return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
            },
            async call(args) {
                return options.mocks ? options.mocks.call(args) : (args.inputs as Record<string, unknown>);
            },
            requests: emulator.requests,
            close() {
                closed ??= emulator.close().then(() => {
                    restore();
                    open = false;
                });
                return closed;
            },
        };
    } catch (error) {
        open = false;
        throw error;
    }
}
