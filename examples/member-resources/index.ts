// Member lists kept in stack state as resources. `pulumi up` stores them; a later `pulumi preview` shows
// `~ update` on a resource whose remote list changed; `pulumi refresh` pulls the current lists into state.
import * as pulumi from "@pulumi/pulumi";
import * as ncm from "pulumi-ncloud-members";

const cfg = new pulumi.Config();

const admins = new ncm.OrganizationAccounts("admins", {
    organizationGroupNo: cfg.getNumber("adminGroupNo") ?? 321,
});

// MCC members carry personal data: `users` is a secret output unless `secretUsers: false`.
const staff = new ncm.MccUsers("staff", {
    companyId: cfg.requireSecret("companyId"),
    filters: [{ name: "deptExternalKey", values: ["dept01"] }],
});

export const adminCount = admins.accountCount;
export const invitedAdmins = admins.accounts.apply((accounts) => accounts.filter((a) => a.memberStatusCode === "INVT").map((a) => a.memberName));
// Every output read with the secret company id is secret; a count is not personal, so unsecret it deliberately.
export const staffCount = pulumi.unsecret(staff.userCount);
export const adminListHash = admins.contentHash;
