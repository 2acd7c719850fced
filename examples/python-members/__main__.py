"""NCP member lists in a Pulumi Python program.

`pulumi package add ../../plugin` generates the `pulumi_ncloud_members` SDK from the plugin's schema and adds it
to this program. The program stops, with one clear line and before any resource changes, when an administrator
it requires has not signed up to the organization group.
"""

import pulumi
import pulumi_ncloud_members as ncm

config = pulumi.Config()
company_id = config.require_secret("companyId")
admin_group_no = config.get_int("adminGroupNo") or 321
required_admins = config.get_object("requiredAdmins") or ["platform-admin", "security-admin", "finops"]

# A function: read at every preview and update. Invoked with plain values, it returns plain values.
admins = ncm.get_organization_accounts(organization_group_no=admin_group_no)
status = {account.member_name: account.member_status_code for account in admins.accounts}
missing = [name for name in required_admins if status.get(name) != "JOIN"]
if missing:
    reasons = ", ".join(f"{name} ({'only invited' if name in status else 'absent'})" for name in missing)
    raise pulumi.RunError(f"membership requirement not met for organization group {admin_group_no}: {reasons}")

# The Output form: the company id is a secret, so the result is too.
dept01 = ncm.get_mcc_users_output(
    company_id=company_id,
    filters=[{"name": "deptExternalKey", "values": ["dept01"]}],
)

# A resource: the list kept in stack state (users are secret unless secret_users=False).
staff = ncm.MccUsers(
    "staff",
    company_id=company_id,
    filters=[{"name": "deptExternalKey", "values": ["dept01", "dept02"]}],
)

pulumi.export("gatePassedFor", required_admins)
pulumi.export("dept01Total", dept01.total)
# Every output read with the secret company id is secret; a count is not personal, so unsecret it deliberately.
pulumi.export("staffCount", pulumi.Output.unsecret(staff.user_count))
