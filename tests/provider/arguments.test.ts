import assert from "node:assert/strict";
import { MCC_USERS_ARGUMENTS, ORGANIZATION_ACCOUNTS_ARGUMENTS } from "../../provider/arguments";
import { MCC_USERS_CHECKS, ORGANIZATION_ACCOUNTS_CHECKS } from "../../provider/readMembers";

// The SDK refuses an argument key not in these lists, without loading the read path that holds the checks: a key
// added to one place and not the other would be refused, or taken and left unchecked.
describe("the argument lists", () => {
    it("name exactly the arguments the reads check", () => {
        assert.deepEqual([...ORGANIZATION_ACCOUNTS_ARGUMENTS].sort(), Object.keys(ORGANIZATION_ACCOUNTS_CHECKS).sort());
        assert.deepEqual([...MCC_USERS_ARGUMENTS].sort(), Object.keys(MCC_USERS_CHECKS).sort());
    });
});
