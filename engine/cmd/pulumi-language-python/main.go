// pulumi-language-python for the engine suite: the real python host of the last release that shipped it in the
// sdk/v3 module runs programs and installs their virtualenv; GeneratePackage and Link, which `pulumi package add`
// needs and that release predates, are answered here with Pulumi's own Python code generator and pip toolchain at
// the pinned version.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"

	"pulumi-ncloud-members/engine/langhost"
)

type host struct{ langhost.Forward }

func main() {
	// That release takes the project's runtime options as flags; today's engine sends them only in each call's
	// ProgramInfo. The engine starts the host in the project's folder, so read them from its Pulumi.yaml.
	langhost.Main("pulumi-language-python-v3.79.0", projectFlags(), func(f langhost.Forward) pulumirpc.LanguageRuntimeServer { return &host{f} })
}

func projectFlags() []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	path, err := workspace.DetectProjectPathFrom(cwd)
	if err != nil || path == "" {
		return nil
	}
	project, err := workspace.LoadProject(path)
	if err != nil {
		return nil
	}
	flags := []string{"-root=" + filepath.Dir(path)}
	if venv, ok := project.Runtime.Options()["virtualenv"].(string); ok && venv != "" {
		flags = append(flags, "-virtualenv="+venv)
	}
	return flags
}

func (h *host) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}

// Link adds each generated SDK to requirements.txt with Pulumi's own pip toolchain (the only one supported here).
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	options := req.GetInfo().GetOptions().AsMap()
	if tc, ok := options["toolchain"].(string); ok && tc != "pip" {
		return nil, fmt.Errorf("the engine suite's python host links packages with pip only, not %q", tc)
	}
	linked, err := langhost.LinkedPackages(ctx, req, "python", python.Importer)
	if err != nil {
		return nil, err
	}
	distributions := map[string]string{}
	var imports strings.Builder
	for _, l := range linked {
		distribution, module := python.PyPack(l.Package.Namespace, l.Package.Name), strings.ReplaceAll(l.Package.Name, "-", "_")
		if info, ok := l.Package.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
			distribution, module = info.PackageName, info.PackageName
		}
		distributions[distribution] = l.Path
		fmt.Fprintf(&imports, "  import %s as %s\n", distribution, module)
	}

	venv, _ := options["virtualenv"].(string)
	tc, err := toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root:       req.GetInfo().GetRootDirectory(),
		ProgramDir: req.GetInfo().GetProgramDirectory(),
		Virtualenv: venv,
		Toolchain:  toolchain.Pip,
	})
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, distributions); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can import the SDK in your Python code with:\n\n" + imports.String()}, nil
}
