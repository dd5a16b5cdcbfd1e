package explorepage_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"officialgraph/internal/explorepage"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET "+explorepage.Prefix, explorepage.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestIndex(t *testing.T) {
	srv := server(t)
	resp, body := get(t, srv.URL+"/explore/", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /explore/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy %q allows inline code", csp)
	}
	// Every file the page names is served.
	refs := regexp.MustCompile(`(?:src|href)="([^"#:]+)"`).FindAllStringSubmatch(string(body), -1)
	if len(refs) < 2 {
		t.Fatalf("the page names %d files, want the script and the stylesheet", len(refs))
	}
	for _, m := range refs {
		if strings.HasPrefix(m[1], "../") {
			continue // GraphiQL, outside the page
		}
		r, b := get(t, srv.URL+"/explore/"+m[1], nil)
		if r.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("GET %s: %d, %d bytes", m[1], r.StatusCode, len(b))
		}
	}
	if strings.Contains(string(body), "<script>") || strings.Contains(string(body), "<style") {
		t.Error("the page has inline script or style, which its policy forbids")
	}
}

func TestRedirectAndNotFound(t *testing.T) {
	srv := server(t)
	resp, _ := get(t, srv.URL+"/explore", nil)
	if resp.StatusCode/100 != 3 || resp.Header.Get("Location") != "/explore/" {
		t.Errorf("GET /explore: %d to %q, want a redirect to /explore/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get(t, srv.URL+"/explore/nothing.js", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET an unknown file: %d, want 404", resp.StatusCode)
	}
}

func TestGzipAndETag(t *testing.T) {
	srv := server(t)
	plain, body := get(t, srv.URL+"/explore/explore.js", nil)
	if plain.StatusCode != http.StatusOK || !strings.Contains(plain.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("GET explore.js: %d %s", plain.StatusCode, plain.Header.Get("Content-Type"))
	}
	zr, zbody := get(t, srv.URL+"/explore/explore.js", map[string]string{"Accept-Encoding": "gzip, br"})
	if zr.Header.Get("Content-Encoding") != "gzip" || len(zbody) >= len(body) {
		t.Fatalf("gzip: Content-Encoding %q, %d bytes of %d", zr.Header.Get("Content-Encoding"), len(zbody), len(body))
	}
	gz, err := gzip.NewReader(strings.NewReader(string(zbody)))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(gz)
	if err != nil || string(unzipped) != string(body) {
		t.Errorf("the gzip form does not decompress to the file (err %v)", err)
	}
	if plain.Header.Get("ETag") == zr.Header.Get("ETag") {
		t.Error("the plain and gzip forms share an ETag")
	}
	again, _ := get(t, srv.URL+"/explore/explore.js", map[string]string{"If-None-Match": plain.Header.Get("ETag")})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.StatusCode)
	}
}
