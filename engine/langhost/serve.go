package langhost

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// upstreamPath is the real host's path: beside this executable, in libexec/, named with the release it comes from.
func upstreamPath(name string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	path := filepath.Join(filepath.Dir(self), "..", "libexec", name)
	if _, err := exec.LookPath(path); err != nil {
		return "", fmt.Errorf("the real language host %s is missing (run npm run engine:build): %w", path, err)
	}
	return path, nil
}

// serve answers the LanguageRuntime service on a loopback port, prints the port as a language host does, and
// returns when the server stops.
func serve(server pulumirpc.LanguageRuntimeServer) error {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, server)
			return nil
		},
		Options: []grpc.ServerOption{grpc.MaxRecvMsgSize(400 * 1024 * 1024), grpc.MaxSendMsgSize(400 * 1024 * 1024)},
	})
	if err != nil {
		return err
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}

// Main is an adapter's whole life: it starts the real host named `upstream` in libexec/ with `flags` before the
// engine's own arguments, serves `wrap` of a Forward to it, and exits when the server stops.
func Main(upstream string, flags []string, wrap func(Forward) pulumirpc.LanguageRuntimeServer) {
	path, err := upstreamPath(upstream)
	if err == nil {
		var client pulumirpc.LanguageRuntimeClient
		if client, err = startUpstream(path, append(flags, os.Args[1:]...)); err == nil {
			err = serve(wrap(Forward{Client: client}))
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}
