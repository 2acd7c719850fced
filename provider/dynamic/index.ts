// The entry point the serialized dynamic providers require by name ("pulumi-ncloud-members/dynamic-provider")
// inside the Pulumi provider host. Its exports are a stable contract: state written by one version of this
// package is read by the next through them.
export { configure, mccUsers, organizationAccounts } from "./memberListProvider";
