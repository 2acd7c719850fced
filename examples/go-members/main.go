// NCP member lists in a Pulumi Go program. `pulumi package add ../../plugin` generates the ncloudmembers SDK from
// the plugin's schema into sdks/ and points go.mod at it. In Go the functions are LookupOrganizationAccounts and
// LookupMccUsers: Pulumi's Go SDKs name a function Lookup* when a resource of the same name has Get*.
package main

import (
	"github.com/pulumi-ncloud-members/pulumi-ncloud-members/sdk/go/ncloudmembers"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		groupNo := 321
		if n := config.GetInt(ctx, "adminGroupNo"); n != 0 {
			groupNo = n
		}
		// A function: read at every preview and update, never stored.
		admins, err := ncloudmembers.LookupOrganizationAccounts(ctx, &ncloudmembers.LookupOrganizationAccountsArgs{
			OrganizationGroupNo: groupNo,
			Filters:             []ncloudmembers.Filter{{Name: "memberStatusCode", Values: []string{"JOIN"}}},
		})
		if err != nil {
			return err
		}
		joined := make([]string, 0, len(admins.Accounts))
		for _, account := range admins.Accounts {
			joined = append(joined, account.MemberName)
		}

		// A resource: the list kept in stack state; the company id is a secret, and so are the users.
		staff, err := ncloudmembers.NewMccUsers(ctx, "staff", &ncloudmembers.MccUsersArgs{
			CompanyId: config.RequireSecret(ctx, "companyId"),
			Filters:   ncloudmembers.FilterArray{ncloudmembers.FilterArgs{Name: pulumi.String("deptExternalKey"), Values: pulumi.ToStringArray([]string{"dept01", "dept02"})}},
		})
		if err != nil {
			return err
		}
		ctx.Export("joinedAdmins", pulumi.ToStringArray(joined))
		// Every output read with the secret company id is secret; a count is not personal, so unsecret it deliberately.
		ctx.Export("staffCount", pulumi.Unsecret(staff.UserCount))
		return nil
	})
}
