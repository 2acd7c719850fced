package langhost

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Generator is one language's SDK generator from Pulumi's pkg/v3/codegen: files by path for a bound package.
type Generator func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error)

// GeneratePackage answers the engine's GeneratePackage (`pulumi package add`, `package gen-sdk`): binds the
// schema with the engine's schema loader and writes what generate makes of it into the requested folder.
func GeneratePackage(req *pulumirpc.GeneratePackageRequest, generate Generator) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, err
	}
	cached := schema.NewCachedLoader(loader)
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := generate(pkg, cached)
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

// Linked is one package of a LinkRequest: its definition (with the language's own info imported) and the path
// of its generated SDK.
type Linked struct {
	Package *schema.Package
	Path    string
}

// LinkedPackages loads the packages a LinkRequest names, but the `pulumi` SDK itself, through the engine's schema
// loader, importing `language`'s block of each schema with `importer`.
func LinkedPackages(ctx context.Context, req *pulumirpc.LinkRequest, language string, importer schema.Language) ([]Linked, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	var linked []Linked
	for _, dep := range req.GetPackages() {
		name := dep.GetPackage().GetName()
		if name == "pulumi" {
			continue
		}
		if dep.GetPackage().GetParameterization() != nil {
			return nil, fmt.Errorf("the engine suite's %s host does not link parameterized package %s", language, name)
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
		if err := pkg.ImportLanguages(map[string]schema.Language{language: importer}); err != nil {
			return nil, err
		}
		linked = append(linked, Linked{Package: pkg, Path: dep.GetPath()})
	}
	return linked, nil
}
