// pulumi-language-yaml for the engine suite: the real yaml host of pulumi-yaml v1.25.0 (the newest the Go module
// proxy serves here) runs programs; Link, which `pulumi package add` calls and that release predates (pulumi-yaml
// added it later), is answered here as the later release does for YAML: there is nothing to link, since a YAML
// program names the package's tokens directly and the CLI writes the project's `packages` entry itself.
package main

import (
	"context"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ncloud-members/engine/langhost"
)

type host struct{ langhost.Forward }

func main() {
	langhost.Main("pulumi-language-yaml-v1.25.0", nil, func(f langhost.Forward) pulumirpc.LanguageRuntimeServer { return &host{f} })
}

func (h *host) Link(context.Context, *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return &pulumirpc.LinkResponse{ImportInstructions: "A YAML program uses the package's tokens directly, e.g. type: ncloud-members:index:MccUsers\n"}, nil
}
