import assert from "node:assert/strict";
import type { MccUserRecord } from "../../provider/apis/mccUsersPage";
import type { OrganizationAccountRecord } from "../../provider/apis/organizationAccounts";
import type { MccUser } from "../../provider/model/MccUser";
import type { OrganizationAccount } from "../../provider/model/OrganizationAccount";

// The public shapes are written out (no zod in the package's declarations); the schemas' inferred types are what
// the client checks. `npm test` type-checks this file: if the two drift apart, one of these lines stops compiling.
type Assignable<From, To> = [From] extends [To] ? true : false;
const checks: {
    mccUserFromSchema: Assignable<MccUserRecord, MccUser>;
    mccUserToSchema: Assignable<MccUser, MccUserRecord>;
    accountFromSchema: Assignable<OrganizationAccountRecord, OrganizationAccount>;
    accountToSchema: Assignable<OrganizationAccount, OrganizationAccountRecord>;
} = { mccUserFromSchema: true, mccUserToSchema: true, accountFromSchema: true, accountToSchema: true };

describe("the public member types and the response schemas", () => {
    it("are assignable both ways (checked when the suite is type-checked)", () => {
        assert.deepEqual(Object.values(checks), [true, true, true, true]);
    });
});
