package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestExplorePageInChromium loads /explore in headless Chromium (Debian's
// chromium package) driven by playwright-core, over the bundled corpus:
// search, network, card with evidence, meeting, timeline and date-range
// views, with no console error or failed request. The screenshots are in
// web/explore/test/artifacts/.
func TestExplorePageInChromium(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat("/usr/bin/chromium")
	}
	if err == nil {
		_, err = os.Stat("web/explore/node_modules/playwright-core")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the browser test needs node, /usr/bin/chromium and web/explore/node_modules (npm ci --prefix web/explore): %v", err)
		}
		t.Skipf("skipping the browser test: %v", err)
	}
	base := startServer(t, nil, "--corpus", "corpus")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, "web/explore/test/explore.test.mjs", base).CombinedOutput()
	t.Logf("browser test:\n%s", out)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatal("the browser test did not finish within 4 minutes")
	}
	if err != nil {
		t.Fatalf("browser test failed: %v", err)
	}
}
