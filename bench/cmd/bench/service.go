package main

import "officialgraph/internal/httpserver"

// serviceConfig is the configuration the service runs with
// (httpserver.DefaultConfig) without the per-client rate limit: the
// benchmark is one client that sends as fast as the service answers.
func serviceConfig() httpserver.Config {
	cfg := httpserver.DefaultConfig
	cfg.RateLimit = httpserver.Rate{}
	return cfg
}
