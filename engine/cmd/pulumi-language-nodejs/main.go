// pulumi-language-nodejs for the engine suite: the real nodejs host of the last release that shipped it in the
// sdk/v3 module runs programs; RunPlugin, which that release answers "not supported", is answered here the way
// today's host does it: `node @pulumi/pulumi/cmd/run-plugin <plugin folder> <args>` (run-policy-pack for a
// policy pack, with the folder last), resolved from the plugin's own node_modules, its output streamed back.
package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ncloud-members/engine/langhost"
)

type host struct{ langhost.Forward }

func main() {
	langhost.Main("pulumi-language-nodejs-v3.68.0", nil, func(f langhost.Forward) pulumirpc.LanguageRuntimeServer { return &host{f} })
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd() //nolint:staticcheck // what an older engine sends
	}
	module, args := "@pulumi/pulumi/cmd/run-plugin", append([]string{dir}, req.GetArgs()...)
	if req.GetKind() == string(apitype.AnalyzerPlugin) {
		module, args = "@pulumi/pulumi/cmd/run-policy-pack", append(append([]string{}, req.GetArgs()...), dir)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return err
	}
	resolved, err := exec.Command(node, "-e", "process.stdout.write(require.resolve(process.argv[1], { paths: [process.argv[2]] }))", module, dir).Output()
	if err != nil {
		return errors.New("could not find " + module + " from " + dir + ": run npm install there")
	}

	env := append(os.Environ(), req.GetEnv()...)
	if options := req.GetInfo().GetOptions().AsMap(); options["typescript"] == true {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	cmd := exec.CommandContext(server.Context(), node, append([]string{strings.TrimSpace(string(resolved))}, args...)...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, stdout, stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		code = exit.ExitCode()
	}
	if err := closer.Close(); err != nil {
		return err
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}
