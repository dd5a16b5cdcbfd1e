package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"officialgraph/internal/auth"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
)

// serveConfig is what the serve command's flags and environment ask for.
type serveConfig struct {
	addr            string
	corpus          string
	logFormat       string
	tokensFile      string
	shutdownTimeout time.Duration
	http            httpserver.Config
}

// parseServeFlags reads the serve command's flags, and the tokens from the
// environment and the tokens file.
func parseServeFlags(args []string, getenv func(string) string, stderr io.Writer) (serveConfig, error) {
	def := httpserver.DefaultConfig
	c := serveConfig{http: def}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address `HOST:PORT`")
	fs.StringVar(&c.corpus, "corpus", "corpus", "`DIR` of reports loaded at start into the in-memory store")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")

	fs.StringVar(&c.tokensFile, "tokens-file", "", "`FILE` of bearer tokens, ROLE:TOKEN a line with ROLE read or write; adds to $"+auth.EnvVar)
	fs.BoolVar(&c.http.RequireTokenForReads, "require-token-for-reads", false, "serve /graphql and /metrics only to requests with a valid token")
	fs.Func("cors-origin", "browser `ORIGIN` (https://example.org) allowed to call the API; repeatable; * allows any; none by default", func(s string) error {
		o, err := httpserver.ParseOrigin(s)
		if err == nil {
			c.http.CORSOrigins = append(c.http.CORSOrigins, o)
		}
		return err
	})

	rate := def.RateLimit.String()
	fs.StringVar(&rate, "rate-limit", rate, "requests per client `N/s`, N/m or N/h; off for none")
	fs.BoolVar(&c.http.RateLimitLoopback, "rate-limit-loopback", false, "rate-limit loopback clients too (exempt by default)")
	bodyBytes := byteSizeFlag(def.MaxBodyBytes)
	fs.Var(&bodyBytes, "max-body-bytes", "request body limit, `SIZE` such as 1MiB; writers may send twice --max-report-bytes")
	reportBytes := byteSizeFlag(def.Limits.ReportBytes)
	fs.Var(&reportBytes, "max-report-bytes", fmt.Sprintf("text limit of one report sent to ingestReport, `SIZE`; at most %s", byteSizeFlag(ingest.MaxReportBytes)))
	fs.IntVar(&c.http.Limits.Depth, "max-depth", def.Limits.Depth, "deepest selection nesting a query may have")
	fs.IntVar(&c.http.Limits.Complexity, "max-complexity", def.Limits.Complexity, "highest complexity a query may have, lists weighted by their page size")
	fs.IntVar(&c.http.Limits.PageSize, "max-page-size", def.Limits.PageSize, fmt.Sprintf("largest first or last a client may ask for; at most %d", kg.MaxPageSize))
	fs.DurationVar(&c.http.RequestTimeout, "request-timeout", def.RequestTimeout, "time limit of one request, store calls included")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 20*time.Second, "how long requests in flight may take to finish on SIGTERM")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	c.http.MaxBodyBytes = int64(bodyBytes)
	c.http.Limits.ReportBytes = int(reportBytes)

	var err error
	if c.http.RateLimit, err = httpserver.ParseRate(rate); err != nil {
		return c, fmt.Errorf("--rate-limit: %w", err)
	}
	l := c.http.Limits
	switch {
	case l.Depth < 1:
		return c, errors.New("--max-depth: must be at least 1")
	case l.Complexity < 1:
		return c, errors.New("--max-complexity: must be at least 1")
	case l.PageSize < 1 || l.PageSize > kg.MaxPageSize:
		return c, fmt.Errorf("--max-page-size: must be between 1 and %d, the stores' limit", kg.MaxPageSize)
	case l.ReportBytes < 1 || l.ReportBytes > ingest.MaxReportBytes:
		return c, fmt.Errorf("--max-report-bytes: must be between 1 byte and %s, the ingest command's limit", byteSizeFlag(ingest.MaxReportBytes))
	case c.http.MaxBodyBytes < 1<<10:
		return c, errors.New("--max-body-bytes: must be at least 1KiB")
	case c.http.RequestTimeout <= 0:
		return c, errors.New("--request-timeout: must be positive")
	case c.shutdownTimeout <= 0:
		return c, errors.New("--shutdown-timeout: must be positive")
	}

	if c.http.Tokens, err = auth.Load(getenv(auth.EnvVar), c.tokensFile); err != nil {
		return c, err
	}
	if c.http.RequireTokenForReads && c.http.Tokens.Len() == 0 {
		return c, fmt.Errorf("--require-token-for-reads: no tokens configured, so no one could read; set %s or --tokens-file", auth.EnvVar)
	}
	return c, nil
}

// logConfig says what the server allows, never showing a token.
func logConfig(log *slog.Logger, c serveConfig) {
	reads := "public"
	if c.http.RequireTokenForReads {
		reads = "token required"
	}
	log.Info("access",
		"write_tokens", c.http.Tokens.Count(auth.Write), "read_tokens", c.http.Tokens.Count(auth.Read),
		"reads", reads, "cors_origins", c.http.CORSOrigins)
	if c.http.Tokens.Count(auth.Write) == 0 {
		log.Info("no write token configured: mutations are refused")
	}
	if c.tokensFile != "" {
		if info, err := os.Stat(c.tokensFile); err == nil && info.Mode().Perm()&0o077 != 0 {
			log.Warn("the tokens file is readable by other users; chmod 600 it", "file", c.tokensFile)
		}
	}
	l := c.http.Limits
	log.Info("limits",
		"rate_limit", c.http.RateLimit.String(), "rate_limit_loopback", c.http.RateLimitLoopback,
		"max_body_bytes", c.http.MaxBodyBytes, "max_report_bytes", l.ReportBytes,
		"max_depth", l.Depth, "max_complexity", l.Complexity, "max_page_size", l.PageSize,
		"request_timeout", c.http.RequestTimeout)
}

// byteSizeFlag is a size in bytes given as 1048576, 1024KiB, 1MiB or 1GiB.
type byteSizeFlag int64

var byteUnits = []struct {
	suffix string
	n      int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

func (b *byteSizeFlag) Set(s string) error {
	num, unit := s, int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(s, u.suffix) {
			num, unit = strings.TrimSuffix(s, u.suffix), u.n
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 0 || n > (1<<40)/unit {
		return fmt.Errorf("want a size such as 1048576, 512KiB or 2MiB, got %q", s)
	}
	*b = byteSizeFlag(n * unit)
	return nil
}

func (b byteSizeFlag) String() string {
	for _, u := range byteUnits {
		if int64(b) >= u.n && int64(b)%u.n == 0 {
			return strconv.FormatInt(int64(b)/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(b), 10)
}
