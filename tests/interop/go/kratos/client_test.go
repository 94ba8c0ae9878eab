package kratos_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// startServer runs the Go interop server (../server, built by ../build.sh)
// and returns its address; closing its stdin stops it.
func startServer(t *testing.T) string {
	t.Helper()
	server := exec.Command("../server")
	stdin, err := server.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := server.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	server.Stderr = os.Stderr
	if err := server.Start(); err != nil {
		t.Fatalf("%v (run ../build.sh first)", err)
	}
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = server.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		t.Fatalf("first line %q, %v", line, err)
	}
	return addr
}

func runClient(t *testing.T, addr, cases string) (string, error) {
	t.Helper()
	out, err := exec.Command("../client-kratos", addr, cases).Output()
	return string(out), err
}

func TestKratosClientPassesEveryCase(t *testing.T) {
	var file struct{ Cases []json.RawMessage }
	data, _ := os.ReadFile("../../cases.json")
	if err := json.Unmarshal(data, &file); err != nil || len(file.Cases) == 0 {
		t.Fatalf("cases.json: %v", err)
	}
	out, err := runClient(t, startServer(t), "../../cases.json")
	if want := fmt.Sprintf("%d passed, 0 failed\n", len(file.Cases)); err != nil || !strings.HasSuffix(out, want) {
		t.Errorf("client-kratos: %v\n%s", err, out)
	}
	// What kratos cannot see is named, not silently skipped.
	for _, unseen := range []string{`domain "inventory.acme.example"`, "LocalizedMessage de", "gRPC code AlreadyExists"} {
		if !strings.Contains(out, "kratos' runtime cannot see: ") || !strings.Contains(out, unseen) {
			t.Errorf("no ok line names %s:\n%s", unseen, out)
		}
	}
}

// Every wrong expectation that kratos' runtime can see must fail the case
// (the domain, LocalizedMessage and ambiguous gRPC codes it cannot see are
// named on ok lines).
func TestKratosClientFailsWrongExpectations(t *testing.T) {
	data, err := os.ReadFile("../../cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []map[string]any `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	mutations := map[string]func(want map[string]any){
		"code":       func(w map[string]any) { w["code"] = w["code"].(float64) + 1 },
		"http":       func(w map[string]any) { w["http"] = 418 },
		"reason":     func(w map[string]any) { w["reason"] = w["reason"].(string) + "_X" },
		"message":    func(w map[string]any) { w["message"] = w["message"].(string) + "." },
		"metadata":   func(w map[string]any) { w["metadata"].(map[string]any)["extra"] = "1" },
		"registered": func(w map[string]any) { w["registered"] = !w["registered"].(bool) },
	}
	var mutated []map[string]any
	var names []string
	for field, mutate := range mutations {
		for _, c := range file.Cases {
			var copied map[string]any
			raw, _ := json.Marshal(c)
			_ = json.Unmarshal(raw, &copied)
			copied["name"] = fmt.Sprintf("%s / wrong %s", c["name"], field)
			mutate(copied["want"].(map[string]any))
			mutated = append(mutated, copied)
			names = append(names, copied["name"].(string))
		}
	}
	raw, _ := json.Marshal(map[string]any{"cases": mutated})
	path := filepath.Join(t.TempDir(), "wrong.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runClient(t, startServer(t), path)
	if err == nil {
		t.Error("the client exited 0")
	}
	for _, name := range names {
		if !strings.Contains(out, "FAIL "+name+": ") {
			t.Errorf("not failed: %s", name)
		}
	}
}
