# Terraform reads the same lists through the ncloud-members command and Terraform's `external` data source.
# The command takes its credentials from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY or ~/.ncloud/configure, like the
# library; `endpoint` points it at the local emulator (drop it to use NCP).
#
# `npx --no-install` runs the ncloud-members installed in this folder's node_modules (npm install
# pulumi-ncloud-members, see the README) and fails if there is none: a bare `npx ncloud-members` would fetch
# and run whatever package of that name the registry serves, with your NCP keys in its environment.
#
# Terraform keeps the data source's result in its state in plain text: MCC users are personal data. `fields`
# keeps only what the configuration uses.

terraform {
  required_providers {
    external = { source = "hashicorp/external" }
  }
}

data "external" "admins" {
  program = ["npx", "--no-install", "ncloud-members", "org-accounts", "--terraform-external"]
  query = {
    group    = "321"
    filters  = jsonencode([{ name = "memberStatusCode", values = ["JOIN"] }])
    endpoint = "http://127.0.0.1:8080"
  }
}

data "external" "staff" {
  program = ["npx", "--no-install", "ncloud-members", "mcc-users", "--terraform-external"]
  query = {
    company  = "48128f23-e29b-496e-aa04-1f741fed86bc"
    filter   = "deptExternalKey=dept01,dept02"
    fields   = "externalKey,emailAddr"
    endpoint = "http://127.0.0.1:8080"
  }
}

output "joined_admin_names" {
  value = [for a in jsondecode(data.external.admins.result.accounts) : a.memberName]
}

output "staff_count" {
  value = tonumber(data.external.staff.result.count)
}

output "staff_emails" {
  value     = [for u in jsondecode(data.external.staff.result.users) : u.emailAddr]
  sensitive = true
}
