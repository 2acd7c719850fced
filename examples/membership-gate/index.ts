// Gating a deployment on membership: nothing is created unless the required admins have all signed up.
import * as pulumi from "@pulumi/pulumi";
import * as ncm from "pulumi-ncloud-members";

const cfg = new pulumi.Config();
const adminGroupNo = cfg.getNumber("adminGroupNo") ?? 321;
const requiredAdmins = cfg.getObject<string[]>("requiredAdmins") ?? ["platform-admin", "security-admin", "finops"];

// Fails `pulumi preview` (and so `pulumi up`) with one message naming who is absent or only invited.
const admins = ncm.requireMembers(ncm.getOrganizationAccountsOutput({ organizationGroupNo: adminGroupNo }), { memberNames: requiredAdmins, joined: true });

// Waits for the gate: it is registered only once the requirement is met.
const staff = new ncm.MccUsers("staff", { companyId: cfg.requireSecret("companyId") }, { dependsOn: admins.apply(() => []) });

// The verdict form, for a program that branches instead of stopping.
const everyAdmin = ncm.checkMembers(ncm.getOrganizationAccountsOutput({ organizationGroupNo: adminGroupNo }), {
    memberNames: ["platform-admin", "security-admin", "finops", "network-admin", "dba-lead"],
    joined: true,
});

export const gatePassedFor = admins.accounts.apply((accounts) => accounts.filter((a) => requiredAdmins.includes(a.memberName)).map((a) => a.memberName));
export const adminsNotYetJoined = everyAdmin.apply((verdict) => verdict.missing.map((m) => `${m.member}: ${m.reason}`));
// Read with the secret company id, so secret; a count is not personal: unsecret it deliberately.
export const staffCount = pulumi.unsecret(staff.userCount);
