// Package langhost serves a Pulumi language host by forwarding every LanguageRuntime call to a real, older
// pulumi-language-* binary, and lets a command answer the few calls that binary predates.
//
// Why: the language hosts' own Go modules at the pinned CLI's commit are refused by the Go module proxy, so the
// hosts we run are the last releases that shipped inside the sdk/v3 module (see engine/README.md). The engine
// treats a missing call as "older host" for most calls; RunPlugin (nodejs plugins), GeneratePackage and Link
// (`pulumi package add`) have no fallback, so the commands in engine/cmd answer those with Pulumi's own
// libraries at the pinned version.
package langhost

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Forward is a LanguageRuntimeServer that passes each call to the real host behind Client. Embed it and
// override the calls to answer here.
type Forward struct {
	pulumirpc.UnsafeLanguageRuntimeServer
	Client pulumirpc.LanguageRuntimeClient
}

// startUpstream starts the real host at path with args (the engine's own arguments, plus any the adapter adds
// before them), in this process's working directory, and connects to the port it prints on its first line.
// Its stderr is ours, so the engine sees what it logs; it ends when this process ends.
func startUpstream(path string, args []string) (pulumirpc.LanguageRuntimeClient, error) {
	cmd := exec.Command(path, args...)
	cmd.Stderr = os.Stderr
	// The engine stops a host by killing it; the real host behind it must not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("%s printed no port: %w", path, err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return nil, fmt.Errorf("%s printed %q, not a port", path, line)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strconv.Itoa(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(400*1024*1024), grpc.MaxCallSendMsgSize(400*1024*1024)))
	if err != nil {
		return nil, err
	}
	return pulumirpc.NewLanguageRuntimeClient(conn), nil
}

func (f *Forward) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return f.Client.Handshake(ctx, req)
}

func (f *Forward) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return f.Client.GetRequiredPlugins(ctx, req) //nolint:staticcheck // the older host answers only this one
}

func (f *Forward) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return f.Client.GetRequiredPackages(ctx, req)
}

// Run passes the program as a path: today's engine sends the project's `main` folder as ProgramInfo and the
// entry point relative to it ("."), where the older hosts take Program relative to Pwd, the project's root, and
// so ran the root's package instead of `main`.
func (f *Forward) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		req.Program = filepath.Join(dir, req.GetInfo().GetEntryPoint()) //nolint:staticcheck // what the older hosts read
	}
	return f.Client.Run(ctx, req)
}

func (f *Forward) GetPluginInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return f.Client.GetPluginInfo(ctx, req)
}

func (f *Forward) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return relay(server, func() (grpc.ServerStreamingClient[pulumirpc.InstallDependenciesResponse], error) {
		return f.Client.InstallDependencies(server.Context(), req)
	})
}

func (f *Forward) RuntimeOptionsPrompts(ctx context.Context, req *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return f.Client.RuntimeOptionsPrompts(ctx, req)
}

func (f *Forward) Template(ctx context.Context, req *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return f.Client.Template(ctx, req)
}

func (f *Forward) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return f.Client.About(ctx, req)
}

func (f *Forward) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return f.Client.GetProgramDependencies(ctx, req)
}

func (f *Forward) RunPlugin(req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	return relay(server, func() (grpc.ServerStreamingClient[pulumirpc.RunPluginResponse], error) {
		return f.Client.RunPlugin(server.Context(), req)
	})
}

func (f *Forward) GenerateProgram(ctx context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return f.Client.GenerateProgram(ctx, req)
}

func (f *Forward) GenerateProject(ctx context.Context, req *pulumirpc.GenerateProjectRequest) (*pulumirpc.GenerateProjectResponse, error) {
	return f.Client.GenerateProject(ctx, req)
}

func (f *Forward) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return f.Client.GeneratePackage(ctx, req)
}

func (f *Forward) Pack(ctx context.Context, req *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	return f.Client.Pack(ctx, req)
}

func (f *Forward) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return f.Client.Link(ctx, req)
}

func (f *Forward) Cancel(ctx context.Context, req *emptypb.Empty) (*emptypb.Empty, error) {
	return f.Client.Cancel(ctx, req)
}

// relay copies a server stream from the real host to the engine until it ends.
func relay[T any](server grpc.ServerStreamingServer[T], open func() (grpc.ServerStreamingClient[T], error)) error {
	stream, err := open()
	if err != nil {
		return err
	}
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := server.Send(msg); err != nil {
			return err
		}
	}
}
