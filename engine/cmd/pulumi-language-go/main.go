// pulumi-language-go for the engine suite: the real go host of the last release that shipped it in the sdk/v3
// module builds and runs programs; GeneratePackage and Link, which `pulumi package add` needs and that release
// predates, are answered here with Pulumi's own Go code generator at the pinned version and `go mod edit`.
package main

import (
	"context"
	"fmt"
	"os/exec"
	"path"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ncloud-members/engine/langhost"
)

type host struct{ langhost.Forward }

func main() {
	langhost.Main("pulumi-language-go-v3.66.0", nil, func(f langhost.Forward) pulumirpc.LanguageRuntimeServer { return &host{f} })
}

func (h *host) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetExtraFiles()) > 0 {
		return nil, fmt.Errorf("overlays are not supported for Go")
	}
	return langhost.GeneratePackage(req, func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}

// Link points the program's go.mod at each generated SDK with a replace directive.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	linked, err := langhost.LinkedPackages(ctx, req, "go", gogen.Importer)
	if err != nil {
		return nil, err
	}
	var imports strings.Builder
	for _, l := range linked {
		modulePath := gogen.ExtractModulePath(l.Package.Reference())
		if info, ok := l.Package.Language["go"].(gogen.GoPackageInfo); ok && info.ModulePath == "" && info.ImportBasePath != "" {
			modulePath = path.Dir(info.ImportBasePath)
		}
		target := l.Path
		if !strings.HasPrefix(target, "./") && !strings.HasPrefix(target, "/") {
			target = "./" + target // a relative replacement must start with ./
		}
		edit := exec.CommandContext(ctx, "go", "mod", "edit", "-replace", modulePath+"="+target)
		edit.Dir = req.GetInfo().GetProgramDirectory()
		if out, err := edit.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go mod edit: %w: %s", err, out)
		}
		fmt.Fprintf(&imports, "    %q\n", gogen.ExtractImportBasePath(l.Package.Reference()))
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can import the SDK in your Go code with:\n\n  import (\n" + imports.String() + "  )\n"}, nil
}
