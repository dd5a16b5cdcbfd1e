package httpserver

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/httprate"

	"officialgraph/graph"
)

// Rate is a number of requests per period. The zero Rate is no limit.
type Rate struct {
	Requests int
	Per      time.Duration
}

// rateUnits are the periods a Rate may be given in.
var rateUnits = []struct {
	name string
	per  time.Duration
}{
	{"s", time.Second},
	{"m", time.Minute},
	{"h", time.Hour},
}

// ParseRate reads a rate such as 20/s, 600/m or 5000/h; "off" and "0" are
// no limit.
func ParseRate(s string) (Rate, error) {
	if s == "off" || s == "0" {
		return Rate{}, nil
	}
	n, unit, ok := strings.Cut(s, "/")
	requests, err := strconv.Atoi(n)
	if ok && err == nil && requests > 0 {
		for _, u := range rateUnits {
			if unit == u.name {
				return Rate{Requests: requests, Per: u.per}, nil
			}
		}
	}
	return Rate{}, fmt.Errorf("rate %q: want N/s, N/m or N/h with N > 0, or off", s)
}

func (r Rate) String() string {
	if r.Requests <= 0 {
		return "off"
	}
	for _, u := range rateUnits {
		if r.Per == u.per {
			return fmt.Sprintf("%d/%s", r.Requests, u.name)
		}
	}
	return fmt.Sprintf("%d/%s", r.Requests, r.Per)
}

// describe writes r for people: "20 requests per second".
func (r Rate) describe() string {
	per := map[time.Duration]string{time.Second: "second", time.Minute: "minute", time.Hour: "hour"}[r.Per]
	if per == "" {
		per = r.Per.String()
	}
	return fmt.Sprintf("%d requests per %s", r.Requests, per)
}

// clientKey is the rate limit's key: the client's IP address, IPv6
// addresses by their /64, which one client usually holds whole. It is the
// address the connection comes from: a forwarded-for header is the
// client's to write, so trusting it would let anyone pick a fresh key.
func clientKey(r *http.Request) (string, error) {
	return httprate.CanonicalizeIP(remoteIP(r)), nil
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimited refuses a client's requests beyond the configured rate with
// 429 and a GraphQL-shaped error naming the limit. Health checks and
// metrics are exempt, so that a client's storm never makes the service
// look down to its orchestrator; so are loopback clients unless
// RateLimitLoopback is set.
func (s *server) rateLimited(next http.Handler) http.Handler {
	rate := s.cfg.RateLimit
	if rate.Requests <= 0 {
		return next
	}
	msg := fmt.Sprintf("rate limit exceeded: this server allows %s from one client; retry after %ds",
		rate.describe(), int(rate.Per.Seconds()))
	limited := httprate.LimitBy(rate.Requests, rate.Per, clientKey,
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			writeGraphQLError(w, r, http.StatusTooManyRequests, msg, graph.CodeRateLimited)
		}),
	)(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/healthz", r.URL.Path == "/readyz", r.URL.Path == "/metrics":
			next.ServeHTTP(w, r)
		case !s.cfg.RateLimitLoopback && isLoopback(remoteIP(r)):
			next.ServeHTTP(w, r)
		default:
			limited.ServeHTTP(w, r)
		}
	})
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
