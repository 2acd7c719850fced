/* eslint-disable @typescript-eslint/no-require-imports -- the built package is required by name, as a user's CommonJS program does */
import assert from "node:assert/strict";

// Resolved by package name: the compiled dist/ with its declarations, as a user gets it. Every runtime export of
// every entry point is listed here: a new one fails this test until it is listed (and documented).
const FUNCTIONS = [
    "getOrganizationAccounts",
    "getOrganizationAccountsOutput",
    "getMccUsers",
    "getMccUsersOutput",
    "iterateMccUsers",
    "checkMembers",
    "requireMembers",
    "closeConnections",
];
const ERRORS: Record<string, string> = {
    NcloudApiError: "NCLOUD_API_ERROR",
    NcloudNetworkError: "NCLOUD_NETWORK_ERROR",
    NcloudTimeoutError: "NCLOUD_TIMEOUT",
    ResponseValidationError: "NCLOUD_RESPONSE_INVALID",
    ResponseTooLargeError: "NCLOUD_RESPONSE_TOO_LARGE",
    InvalidArgumentError: "NCLOUD_INVALID_ARGUMENT",
    MissingCredentialsError: "NCLOUD_MISSING_CREDENTIALS",
    ConfigurationError: "NCLOUD_CONFIGURATION",
    IncompleteListingError: "NCLOUD_INCOMPLETE_LISTING",
    ListingTooLargeError: "NCLOUD_LISTING_TOO_LARGE",
    MembershipError: "NCLOUD_MEMBERSHIP_NOT_MET",
};
const RESOURCES = ["OrganizationAccounts", "MccUsers"];

describe("the package's entry points, as built", () => {
    it("pulumi-ncloud-members exports exactly the functions, resources and error classes listed", () => {
        const ncm = require("pulumi-ncloud-members") as Record<string, unknown>;
        assert.deepEqual(Object.keys(ncm).sort(), [...FUNCTIONS, ...Object.keys(ERRORS), "NcloudError", ...RESOURCES].sort());
        for (const fn of FUNCTIONS) assert.equal(typeof ncm[fn], "function", fn);
        const base = ncm.NcloudError as abstract new (...args: never[]) => Error;
        for (const name of Object.keys(ERRORS)) {
            const errorClass = ncm[name] as { prototype: unknown; name: string };
            assert.ok(errorClass.prototype instanceof base, `${name} is an NcloudError`);
            assert.equal(errorClass.name, name);
        }
        for (const resource of RESOURCES) assert.equal(typeof ncm[resource], "function", resource);
        assert.ok(require.resolve("pulumi-ncloud-members").endsWith("dist/sdk/index.js"));
    });

    it("each error class carries its stable code", () => {
        const ncm = require("pulumi-ncloud-members") as Record<string, new (...args: unknown[]) => { code: string; name: string }>;
        const made: Record<string, unknown[]> = {
            NcloudApiError: [{ status: 500, method: "GET", path: "/p", attempts: 1, retryable: true }],
            NcloudNetworkError: ["GET", "/p", new Error("x"), { attempts: 1, retryable: true }],
            NcloudTimeoutError: ["GET", "/p", 1, "attempt", { attempts: 1, retryable: true }],
            ResponseValidationError: ["GET", "/p", []],
            ResponseTooLargeError: ["GET", "/p", 1, 200],
            InvalidArgumentError: ["fn", "arg", "is wrong"],
            MissingCredentialsError: ["none", ["the environment"]],
            ConfigurationError: ["site", "is wrong"],
            IncompleteListingError: ["/p", "a problem", 0],
            ListingTooLargeError: ["/p", "maxUsers", 2, 1],
            MembershipError: [{ ok: false, missing: [], count: 0, message: "m" }],
        };
        for (const [name, code] of Object.entries(ERRORS)) {
            const error = new ncm[name](...made[name]);
            assert.equal(error.code, code, name);
            assert.equal(error.name, name);
        }
    });

    it("pulumi-ncloud-members/emulator and /dynamic-provider export exactly what the README documents", () => {
        const emulator = require("pulumi-ncloud-members/emulator") as Record<string, unknown>;
        assert.deepEqual(Object.keys(emulator).sort(), [
            "DEFAULT_DATA_PATH",
            "DEMO_ACCESS_KEY",
            "DEMO_SECRET_KEY",
            "loadEmulatorData",
            "parseFault",
            "startEmulator",
        ]);
        const provider = require("pulumi-ncloud-members/dynamic-provider") as Record<string, unknown>;
        assert.deepEqual(Object.keys(provider).sort(), ["configure", "mccUsers", "organizationAccounts"]);
        for (const kind of ["mccUsers", "organizationAccounts"]) {
            for (const method of ["check", "diff", "create", "read", "update", "delete"])
                assert.equal(typeof (provider[kind] as Record<string, unknown>)[method], "function", `${kind}.${method}`);
        }
    });
});
