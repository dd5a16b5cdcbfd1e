package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"officialgraph/graph/model"
	"officialgraph/internal/auth"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

// ingestAs sends an ingestReport of text through the handler as a writer,
// within timeout, and returns the first error's code and message.
func ingestAs(t *testing.T, timeout time.Duration, text string) (code, msg string) {
	t.Helper()
	h := NewHandler(memstore.New(), slog.New(slog.NewTextHandler(io.Discard, nil)), DefaultLimits)
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($t: String!) { ingestReport(input: {text: $t}) { result } }`,
		"variables": map[string]any{"t": text},
	})
	ctx, cancel := context.WithTimeout(auth.WithCaller(context.Background(), auth.Caller{Role: auth.Write}), timeout)
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var out struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s: %v", w.Body, err)
	}
	if len(out.Errors) == 0 {
		return "", ""
	}
	return out.Errors[0].Extensions.Code, out.Errors[0].Message
}

// stubExtractor replaces the extractor for one test.
func stubExtractor(t *testing.T, f ingest.Extractor) {
	t.Helper()
	saved := extractReport
	extractReport = f
	t.Cleanup(func() { extractReport = saved })
}

// An extraction that outlasts the request's deadline is answered at the
// deadline, not when the extraction ends.
func TestIngestReportDeadline(t *testing.T) {
	release := make(chan struct{})
	stubExtractor(t, func(ctx context.Context, text []byte, meta ingest.Meta, file string) (*ingest.Extraction, error) {
		<-release
		return ingest.Extract(ctx, text, meta, file)
	})
	defer close(release)
	const timeout = 100 * time.Millisecond
	start := time.Now()
	code, msg := ingestAs(t, timeout, "3月1日，市委书记刘非主持召开会议。")
	if elapsed := time.Since(start); elapsed > timeout+time.Second {
		t.Errorf("answered after %v, want soon after the %v deadline", elapsed, timeout)
	}
	if code != CodeUnavailable || !strings.Contains(msg, "time limit") {
		t.Errorf("error %s %q, want UNAVAILABLE about the time limit", code, msg)
	}
}

// A panic in the extractor, which runs outside gqlgen's recovery, is an
// error of the request, not the end of the process.
func TestIngestReportExtractorPanic(t *testing.T) {
	stubExtractor(t, func(context.Context, []byte, ingest.Meta, string) (*ingest.Extraction, error) { panic("boom") })
	if code, _ := ingestAs(t, 5*time.Second, "text"); code != CodeInternal {
		t.Errorf("code %q, want INTERNAL", code)
	}
}

func TestIngestMeta(t *testing.T) {
	str := func(s string) *string { return &s }
	date := func(s string) *kg.Date {
		d, err := kg.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	r := &Resolver{Limits: Limits{ReportBytes: 64}}
	tests := []struct {
		name    string
		in      model.IngestReportInput
		want    ingest.Meta
		wantErr string
	}{
		{name: "text only", in: model.IngestReportInput{Text: "正文"}, want: ingest.Meta{}},
		{
			name: "everything",
			in:   model.IngestReportInput{Text: "正文", Title: str(" 标题 "), URL: str("https://example.org/a?b=1"), PublishedAt: date("2020-03")},
			want: ingest.Meta{Title: "标题", URL: str("https://example.org/a?b=1"), PublishedAt: str("2020-03")},
		},
		{name: "text at the limit", in: model.IngestReportInput{Text: strings.Repeat("a", 64)}},
		{name: "text over the limit", in: model.IngestReportInput{Text: strings.Repeat("a", 65)}, wantErr: "65 bytes is over the limit of 64 bytes"},
		{name: "blank text", in: model.IngestReportInput{Text: " \n\t"}, wantErr: "text is empty"},
		{name: "long title", in: model.IngestReportInput{Text: "a", Title: str(strings.Repeat("题", 400))}, wantErr: "title: 1200 bytes is over the limit of 1 KiB"},
		{name: "relative URL", in: model.IngestReportInput{Text: "a", URL: str("/news/1")}, wantErr: "absolute http or https"},
		{name: "another scheme", in: model.IngestReportInput{Text: "a", URL: str("file:///etc/passwd")}, wantErr: "absolute http or https"},
		{name: "long URL", in: model.IngestReportInput{Text: "a", URL: str("https://example.org/" + strings.Repeat("a", 2100))}, wantErr: "over the limit of 2 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.ingestMeta(tt.in)
			if tt.wantErr != "" {
				if !errors.Is(err, kg.ErrInvalidInput) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want invalid input containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.want.Title || deref(got.URL) != deref(tt.want.URL) || deref(got.PublishedAt) != deref(tt.want.PublishedAt) {
				t.Errorf("meta %+v, want %+v", got, tt.want)
			}
		})
	}
}
