package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"officialgraph/internal/kg"
)

// Defaults for the zero fields of Config.
const (
	DefaultDatabase                = "neo4j"
	DefaultConnectTimeout          = 5 * time.Second
	DefaultSchemaTimeout           = 2 * time.Minute
	DefaultRetryInterval           = time.Second
	DefaultMaxTransactionRetryTime = 15 * time.Second
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://, neo4j:// (routing), or their +s / +ssc variants
	User     string // empty for a server without authentication
	Password string
	Database string // DefaultDatabase when empty

	// ConnectTimeout bounds each attempt to reach the server: at Open and
	// when the store checks whether an unreachable server is back.
	ConnectTimeout time.Duration
	// SchemaTimeout bounds waiting for the indexes to come online.
	SchemaTimeout time.Duration
	// RetryInterval is how long the store fails fast after a failed attempt
	// to reach the server before it tries again, so that a service under
	// load does not hammer a database that is down.
	RetryInterval time.Duration
	// MaxTransactionRetryTime bounds the retries of a transaction (or of a
	// read's auto-commit queries) that fails on a transient error.
	MaxTransactionRetryTime time.Duration
	// MaxConnectionPoolSize is the driver's pool size per server; 0 keeps
	// the driver's default.
	MaxConnectionPoolSize int
}

func (c *Config) setDefaults() {
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.SchemaTimeout <= 0 {
		c.SchemaTimeout = DefaultSchemaTimeout
	}
	if c.RetryInterval <= 0 {
		c.RetryInterval = DefaultRetryInterval
	}
	if c.MaxTransactionRetryTime <= 0 {
		c.MaxTransactionRetryTime = DefaultMaxTransactionRetryTime
	}
}

// Store is a kg.Store on Neo4j. It owns one driver, which pools connections
// and is safe for concurrent use; open one Store per process.
type Store struct {
	cfg    Config
	driver neo4j.DriverWithContext

	queries atomic.Int64 // Cypher queries sent, for QueryCount

	// ready is set once the schema is in place and the server answered;
	// it is cleared when a call finds the server unreachable, so that the
	// next call checks the server (and the schema) again before running.
	ready atomic.Bool
	// setup serializes checks of the server; a buffered channel rather
	// than a mutex so that waiting for it respects the caller's context.
	setup    chan struct{}
	mu       sync.Mutex // guards lastFail and lastErr
	lastFail time.Time
	lastErr  error
}

var (
	_ kg.Store    = (*Store)(nil)
	_ kg.Explorer = (*Store)(nil)
)

// Open connects to Neo4j and creates the schema if it is missing.
//
// A server that cannot be reached is not an error: Open returns a usable
// Store whose calls fail with errors wrapping kg.ErrUnavailable until the
// server is back, when the first call sets the schema up. Open fails on
// a malformed configuration and on errors the server returns, such as
// rejected credentials.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg.setDefaults()
	if cfg.URI == "" {
		return nil, fmt.Errorf("neo4jstore: %w: no URI", kg.ErrInvalidInput)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = cfg.ConnectTimeout
		c.ConnectionAcquisitionTimeout = 2 * cfg.ConnectTimeout
		c.MaxTransactionRetryTime = cfg.MaxTransactionRetryTime
		if cfg.MaxConnectionPoolSize > 0 {
			c.MaxConnectionPoolSize = cfg.MaxConnectionPoolSize
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %w: %v", kg.ErrInvalidInput, err)
	}
	s := &Store{cfg: cfg, driver: driver, setup: make(chan struct{}, 1)}
	if err := s.ensureReady(ctx); err != nil && !errors.Is(err, kg.ErrUnavailable) {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

// Close closes the driver. The Store must not be used afterwards.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("neo4jstore: close: %w", err)
	}
	return nil
}

// Ping reports whether the server answers and the schema is in place.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.ensureReady(ctx); err != nil {
		return err
	}
	cctx, cancel := context.WithTimeout(ctx, s.cfg.ConnectTimeout)
	defer cancel()
	if err := s.driver.VerifyConnectivity(cctx); err != nil {
		if ctx.Err() == nil && (cctx.Err() != nil || isUnavailable(err)) {
			// The server refused or did not answer within ConnectTimeout.
			s.checkFailed(err)
			return s.down("ping", err)
		}
		return s.wrap(ctx, "ping", err)
	}
	return nil
}

// QueryCount returns how many Cypher queries the store has sent to the
// server, retries included. Comparing it before and after a request shows
// how many round trips the request cost.
func (s *Store) QueryCount() int64 { return s.queries.Load() }

// ensureReady makes sure the server answered and the schema exists before a
// call runs. After a failed attempt it fails fast for RetryInterval.
func (s *Store) ensureReady(ctx context.Context) error {
	if s.ready.Load() {
		return nil
	}
	select {
	case s.setup <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("neo4jstore: connect: %w", ctx.Err())
	}
	defer func() { <-s.setup }()
	if s.ready.Load() { // another call finished the setup while we waited
		return nil
	}
	s.mu.Lock()
	lastFail, lastErr := s.lastFail, s.lastErr
	s.mu.Unlock()
	if lastErr != nil && time.Since(lastFail) < s.cfg.RetryInterval {
		return s.unavailable("connect", lastErr)
	}
	err := s.setUp(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err == nil:
	case ctx.Err() != nil:
		// The caller stopped waiting while the server was being reached:
		// the server is not known to be up, but not known to be down
		// either, so the next call tries again.
		return fmt.Errorf("neo4jstore: connect: %w: %w", kg.ErrUnavailable, ctx.Err())
	case isUnavailable(err) || errors.Is(err, context.DeadlineExceeded):
		// A deadline here is ConnectTimeout's, not the caller's.
		s.lastFail, s.lastErr = time.Now(), err // s.mu is held
		return s.unavailable("connect", err)
	default:
		return fmt.Errorf("neo4jstore: setting up the schema: %w", err)
	}
	s.lastErr = nil
	s.ready.Store(true)
	return nil
}

// setUp checks that the server answers, then creates the schema.
func (s *Store) setUp(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, s.cfg.ConnectTimeout)
	err := s.driver.VerifyConnectivity(cctx)
	cancel()
	if err != nil {
		return err
	}
	return s.createSchema(ctx)
}

// unavailable wraps err in kg.ErrUnavailable.
func (s *Store) unavailable(op string, err error) error {
	return fmt.Errorf("neo4jstore: %s: %w: %w", op, kg.ErrUnavailable, err)
}

// wrap maps a driver error to the kg sentinel errors. Errors that already
// wrap one are returned as they are. When the caller's context has ended,
// the error wraps the context's error instead: the caller gave up, which
// says nothing about the server.
func (s *Store) wrap(ctx context.Context, op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, kg.ErrNotFound), errors.Is(err, kg.ErrInvalidInput), errors.Is(err, kg.ErrUnavailable):
		return err
	case ctx.Err() != nil:
		if errors.Is(err, ctx.Err()) {
			return fmt.Errorf("neo4jstore: %s: %w", op, err)
		}
		return fmt.Errorf("neo4jstore: %s: %w (%v)", op, ctx.Err(), err)
	case isUnavailable(err):
		return s.down(op, err)
	}
	return fmt.Errorf("neo4jstore: %s: %w", op, err)
}

// down returns err wrapped in kg.ErrUnavailable and makes the next call
// check the server before it runs. The driver's pool reconnects on its own;
// the check is what makes calls fail fast while the server stays away.
func (s *Store) down(op string, err error) error {
	s.ready.Store(false)
	return s.unavailable(op, err)
}

// checkFailed records a failed check of the server: calls fail fast for
// RetryInterval. Only a check starts that window, never a failed query,
// which may be a deadlock the driver gave up retrying on a healthy server.
func (s *Store) checkFailed(err error) {
	s.mu.Lock()
	s.lastFail, s.lastErr = time.Now(), err
	s.mu.Unlock()
}

// isUnavailable reports whether err says the server could not be reached
// or could not serve the request for now, so that the same call may
// succeed later.
func isUnavailable(err error) bool {
	var connErr *neo4j.ConnectivityError
	if errors.As(err, &connErr) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		// The driver gave up retrying transient failures.
		return true
	}
	var dbErr *neo4j.Neo4jError
	if errors.As(err, &dbErr) {
		return dbErr.Classification() == "TransientError" ||
			dbErr.Code == "Neo.ClientError.Cluster.NotALeader" ||
			dbErr.Code == "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
	}
	return false
}

// txConfig bounds a transaction by the context's deadline, so that the server
// stops working on it when the caller has stopped waiting.
func txConfig(ctx context.Context) ([]func(*neo4j.TransactionConfig), error) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return nil, nil
	}
	// The driver sends whole milliseconds; a timeout that rounds to zero
	// would mean no timeout at all.
	d := time.Until(deadline).Truncate(time.Millisecond)
	if d <= 0 {
		return nil, context.DeadlineExceeded
	}
	return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(d)}, nil
}

// querier runs queries, inside one managed transaction or each in an
// auto-commit transaction of its own, and counts them.
type querier struct {
	ctx context.Context // the caller's, without its deadline (withoutDeadline)
	tx  runner
	n   *atomic.Int64
}

// runner runs a query: a neo4j.ManagedTransaction, or autoCommit.
type runner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// autoCommit runs each query in an auto-commit transaction of a session.
type autoCommit struct {
	session neo4j.SessionWithContext
	cfg     []func(*neo4j.TransactionConfig)
}

func (a autoCommit) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	return a.session.Run(ctx, cypher, params, a.cfg...)
}

// all runs a query and returns its records.
func (q querier) all(query string, params map[string]any) ([]*neo4j.Record, error) {
	q.n.Add(1)
	res, err := q.tx.Run(q.ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(q.ctx)
}

// one runs a query that returns exactly one record.
func (q querier) one(query string, params map[string]any) (*neo4j.Record, error) {
	recs, err := q.all(query, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("query returned %d records, want 1", len(recs))
	}
	return recs[0], nil
}

// read runs work's queries each in an auto-commit read transaction,
// routed to a reader. A managed transaction costs two more messages (BEGIN
// and COMMIT) and a round trip more, about half the time of a small read
// (measured: 1.0–1.2 ms against 0.5 ms for a trivial query). Nothing is
// lost: reads run at read committed, so the queries of one managed read
// transaction could see different states of the graph too. A read is
// retried, as the driver would retry a managed one, on the errors the
// driver calls retryable, for at most Config.MaxTransactionRetryTime.
func read[T any](ctx context.Context, s *Store, op string, work func(q querier) (T, error)) (T, error) {
	return run(ctx, s, op, neo4j.AccessModeRead, work)
}

// write runs work in a managed write transaction, which the driver retries
// on transient errors; work must therefore be safe to run more than once.
func write[T any](ctx context.Context, s *Store, op string, work func(q querier) (T, error)) (T, error) {
	return run(ctx, s, op, neo4j.AccessModeWrite, work)
}

func run[T any](ctx context.Context, s *Store, op string, mode neo4j.AccessMode, work func(q querier) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	if err := s.ensureReady(ctx); err != nil {
		return zero, err
	}
	cfg, err := txConfig(ctx)
	if err != nil {
		return zero, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	res, err := bounded(ctx, func() (T, error) {
		dctx := withoutDeadline{ctx}
		session := s.driver.NewSession(dctx, neo4j.SessionConfig{
			AccessMode:   mode,
			DatabaseName: s.cfg.Database,
			// Sharing the driver's bookmark manager makes reads see earlier
			// writes even when a cluster routes them to another server.
			BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
		})
		defer session.Close(context.WithoutCancel(dctx))
		if mode == neo4j.AccessModeRead {
			return readAutoCommit(ctx, dctx, s, session, work)
		}
		return neo4j.ExecuteWrite(dctx, session, func(tx neo4j.ManagedTransaction) (T, error) {
			return work(querier{ctx: dctx, tx: tx, n: &s.queries})
		}, cfg...)
	})
	if err != nil {
		return zero, s.wrap(ctx, op, err)
	}
	return res, nil
}

// The driver bounds each read and write of a connection by the context's
// deadline, and does it by running the read or the write in a goroutine of
// its own that it races against the deadline: about 75 goroutines for a
// query of 20 records. So the store hands the driver a context without the
// deadline (withoutDeadline), which the driver reads and writes under
// directly, and bounds the call as a whole instead (bounded): the server
// stops the transaction at the deadline (txConfig), and the caller stops
// waiting at the deadline even if the server does not answer at all.
//
// The driver also bounds reads by the recv_timeout the server hints at,
// racing them the same way; a server whose Bolt keep-alive covers
// streaming only (server.bolt.connection_keep_alive_for_requests=STREAMING)
// sends no such hint (README.md, Configuration). TestStalledServer checks
// the bound, TestReadsDoNotRaceEachRead what it saves.

// withoutDeadline is a context with its parent's values, cancellation and
// error, but no deadline: it is done when the parent is, deadline
// included, but the driver does not race its reads against it.
type withoutDeadline struct{ context.Context }

// Deadline implements context.Context: none.
func (withoutDeadline) Deadline() (time.Time, bool) { return time.Time{}, false }

// bounded runs call and returns its result, or the context's error as soon
// as ctx is done: past its deadline, or cancelled because the client went
// away. A call abandoned that way runs to its end in its goroutine, which
// the server's transaction timeout bounds. A context that is never done
// needs no goroutine.
func bounded[T any](ctx context.Context, call func() (T, error)) (T, error) {
	if ctx.Done() == nil {
		return call()
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// readAutoCommit runs work with auto-commit queries in session, retrying it
// on retryable errors; see read. The queries run under dctx, ctx without
// its deadline; ctx bounds each transaction and the waits between them.
func readAutoCommit[T any](ctx, dctx context.Context, s *Store, session neo4j.SessionWithContext, work func(q querier) (T, error)) (T, error) {
	give := time.Now().Add(s.cfg.MaxTransactionRetryTime)
	wait := 10 * time.Millisecond
	for {
		cfg, err := txConfig(ctx)
		if err != nil {
			var zero T
			return zero, err
		}
		res, err := work(querier{ctx: dctx, tx: autoCommit{session, cfg}, n: &s.queries})
		if err == nil || !neo4j.IsRetryable(err) || time.Now().Add(wait).After(give) {
			return res, err
		}
		select {
		case <-ctx.Done():
			return res, err
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}
