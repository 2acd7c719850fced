# Terraform reads the same lists through the ncloud-members command and Terraform's `external` data source.
# The command takes its credentials from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY or ~/.ncloud/configure, like the
# library; `endpoint` points it at the local emulator (drop it to use NCP).

terraform {
  required_providers {
    external = { source = "hashicorp/external" }
  }
}

data "external" "admins" {
  program = ["npx", "ncloud-members", "org-accounts", "--terraform-external"]
  query = {
    group    = "321"
    filters  = jsonencode([{ name = "memberStatusCode", values = ["JOIN"] }])
    endpoint = "http://127.0.0.1:8080"
  }
}

data "external" "staff" {
  program = ["npx", "ncloud-members", "mcc-users", "--terraform-external"]
  query = {
    company  = "48128f23-e29b-496e-aa04-1f741fed86bc"
    filter   = "deptExternalKey=dept01,dept02"
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
