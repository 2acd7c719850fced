// pulumi-language-python for the engine suite: the real python host of the last release that shipped it in the
// sdk/v3 module runs programs and installs their virtualenv; GeneratePackage and Link, which `pulumi package add`
// needs and that release predates, are answered here with Pulumi's own Python code generator and pip toolchain at
// the pinned version.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"

	"pulumi-ncloud-members/engine/langhost"
)

type host struct{ langhost.Forward }

func main() {
	upstream, err := langhost.Upstream("pulumi-language-python-v3.79.0")
	if err != nil {
		langhost.Fail(err)
	}
	// That release takes the project's runtime options as flags; today's engine sends them only in each call's
	// ProgramInfo. The engine starts the host in the project's folder, so read them from its Pulumi.yaml.
	client, err := langhost.StartUpstream(upstream, append(projectFlags(), os.Args[1:]...))
	if err != nil {
		langhost.Fail(err)
	}
	if err := langhost.Serve(&host{langhost.Forward{Client: client}}); err != nil {
		langhost.Fail(err)
	}
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

func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), schema.NewCachedLoader(loader))
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	options := req.GetInfo().GetOptions().AsMap()
	if tc, ok := options["toolchain"].(string); ok && tc != "pip" {
		return nil, fmt.Errorf("the engine suite's python host links packages with pip only, not %q", tc)
	}
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	distributions := map[string]string{}
	var imports strings.Builder
	for _, dep := range req.GetPackages() {
		name := dep.GetPackage().GetName()
		if name == "pulumi" {
			distributions["pulumi"] = dep.GetPath()
			continue
		}
		if dep.GetPackage().GetParameterization() != nil {
			return nil, fmt.Errorf("the engine suite's python host does not link parameterized package %s", name)
		}
		descriptor := &schema.PackageDescriptor{Name: name, DownloadURL: dep.GetPackage().GetServer()}
		if v, err := semver.Parse(dep.GetPackage().GetVersion()); err == nil {
			descriptor.Version = &v
		}
		ref, err := schema.LoadPackageReferenceV2(ctx, cached, descriptor)
		if err != nil {
			return nil, err
		}
		pkg, err := ref.Definition()
		if err != nil {
			return nil, err
		}
		if err := pkg.ImportLanguages(map[string]schema.Language{"python": python.Importer}); err != nil {
			return nil, err
		}
		distribution, module := python.PyPack(ref.Namespace(), ref.Name()), strings.ReplaceAll(ref.Name(), "-", "_")
		if info, ok := pkg.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
			distribution, module = info.PackageName, info.PackageName
		}
		distributions[distribution] = dep.GetPath()
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
