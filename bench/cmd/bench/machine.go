package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// machine describes the machine the run is on.
func machine() Machine {
	m := Machine{
		Cores:     runtime.NumCPU(),
		OS:        runtime.GOOS + "/" + runtime.GOARCH,
		GoVersion: runtime.Version(),
		CPU:       cpuModel(),
		MemoryGiB: memTotalGiB(),
	}
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		m.NodeVersion = strings.TrimSpace(string(out))
	}
	m.GoRuntime = goRuntimeEnv(os.Getenv)
	return m
}

// goRuntimeKeys are the environment variables of the Go runtime's
// settings that the results record.
var goRuntimeKeys = []string{"GOGC", "GOMEMLIMIT", "GOMAXPROCS", "GODEBUG"}

// goRuntimeEnv returns the Go runtime's settings that getenv holds, such as
// "GOGC=200 GOMEMLIMIT=8GiB": they change how the services collect their
// heaps.
func goRuntimeEnv(getenv func(string) string) string {
	var set []string
	for _, k := range goRuntimeKeys {
		if v := getenv(k); v != "" {
			set = append(set, k+"="+v)
		}
	}
	return strings.Join(set, " ")
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func memTotalGiB() float64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return float64(int(kb/(1<<20)*10)) / 10
		}
	}
	return 0
}

// loadAvg returns the 1, 5 and 15 minute load averages.
func loadAvg() [3]float64 {
	var out [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return out
	}
	f := strings.Fields(string(b))
	for i := 0; i < 3 && i < len(f); i++ {
		out[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return out
}

// parseGoRuntime reads settings of the Go runtime given as space-separated
// KEY=VALUE, each KEY one of goRuntimeKeys, into environment entries.
func parseGoRuntime(s string) ([]string, error) {
	var env []string
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" || !slices.Contains(goRuntimeKeys, k) {
			return nil, fmt.Errorf("%q is not KEY=VALUE with KEY one of %s", f, strings.Join(goRuntimeKeys, ", "))
		}
		env = append(env, f)
	}
	return env, nil
}
