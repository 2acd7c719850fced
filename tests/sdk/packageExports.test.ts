import assert from "node:assert/strict";

describe("the package's main export, as built", () => {
    it("require('pulumi-ncloud-members') gives the four functions and the error classes", () => {
        // Resolved by package name: the compiled dist/ with its declarations, as a user gets it.
        const ncm = require("pulumi-ncloud-members") as Record<string, unknown>;
        for (const fn of ["getOrganizationAccounts", "getOrganizationAccountsOutput", "getMccUsers", "getMccUsersOutput", "closeConnections"]) {
            assert.equal(typeof ncm[fn], "function", fn);
        }
        for (const name of ["NcloudError", "NcloudApiError", "NcloudNetworkError", "NcloudTimeoutError", "ResponseValidationError",
            "InvalidArgumentError", "MissingCredentialsError", "ConfigurationError", "IncompleteListingError"]) {
            const errorClass = ncm[name] as { prototype: unknown };
            assert.equal(typeof errorClass, "function", name);
            assert.ok(errorClass.prototype instanceof Error, name);
        }
        assert.ok(require.resolve("pulumi-ncloud-members").endsWith("dist/sdk/index.js"));
    });
});
