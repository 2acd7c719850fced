// The ncloud-members policy pack, as @pulumi/pulumi's run-policy-pack loads it: the policies of the package one
// folder up (the same provider/ code as the library, the resources and the plugin), served by @pulumi/policy.
const { PolicyPack } = require("@pulumi/policy");
const { membershipPolicies } = require("../dist/provider/policy/membershipPolicies.js");

new PolicyPack("ncloud-members", { policies: membershipPolicies() });
