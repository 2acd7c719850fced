// Member lists as stack outputs: what a program gets from getOrganizationAccountsOutput and getMccUsersOutput.
// Run it from the repository root (Pulumi.yaml points here), against NCP or the local emulator (npm run demo).
import * as pulumi from "@pulumi/pulumi";
import * as ncm from "pulumi-ncloud-members";

const cfg = new pulumi.Config();

// Every account of an organization group, fields as the Organization API names them.
const group = ncm.getOrganizationAccountsOutput({ organizationGroupNo: cfg.getNumber("organizationGroupNo") ?? 320 });

// Filters run on the complete list: here, the admins group's accounts that have finished signing up.
const admins = ncm.getOrganizationAccountsOutput({
    organizationGroupNo: cfg.getNumber("adminGroupNo") ?? 321,
    filters: [{ name: "memberStatusCode", values: ["JOIN"] }],
});

// The company id is kept as a secret, so everything read with it is secret too.
const staff = ncm.getMccUsersOutput({
    companyId: cfg.requireSecret("companyId"),
    filters: [{ name: "deptExternalKey", values: ["dept01", "dept02"] }],
});

export const groupAccounts = group.accounts.apply((accounts) =>
    accounts.map((a) => ({ memberNo: a.memberNo, loginId: a.loginId, memberName: a.memberName, status: a.memberStatusCode })),
);
export const joinedAdmins = admins.accounts.apply((accounts) => accounts.map((a) => a.memberName));

// Personal data (e-mail addresses) stays secret in the stack.
export const staffEmails = staff.users.apply((users) => users.map((u) => u.emailAddr));
// A derived map, department -> e-mail addresses: still personal data, so still secret.
export const emailsByDept = staff.users.apply((users) => {
    const byDept: Record<string, string[]> = {};
    for (const u of users) if (u.deptExternalKey && u.emailAddr) (byDept[u.deptExternalKey] ??= []).push(u.emailAddr);
    return byDept;
});
// A count is not personal: unsecret it deliberately so it shows in `pulumi stack output`.
export const staffCount = pulumi.unsecret(staff.users.apply((users) => users.length));
export const companyMemberTotal = pulumi.unsecret(staff.total);
