package gcpace

import (
	"runtime/debug"
	"testing"
)

func TestForRemoteStore(t *testing.T) {
	tests := []struct {
		name    string
		gogc    string
		wantSet bool
	}{
		{"GOGC unset", "", true},
		{"GOGC blank", "  ", true},
		{"GOGC set", "200", false},
		{"GOGC off", "off", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const before = 150
			defer debug.SetGCPercent(debug.SetGCPercent(before))
			restore, set := ForRemoteStore(func(k string) string {
				if k == "GOGC" {
					return tt.gogc
				}
				return ""
			})
			if set != tt.wantSet {
				t.Errorf("set = %v, want %v", set, tt.wantSet)
			}
			want := before
			if tt.wantSet {
				want = RemoteStorePercent
			}
			if got := Percent(); got != want {
				t.Errorf("percent while set = %d, want %d", got, want)
			}
			restore()
			if got := Percent(); got != before {
				t.Errorf("percent after restore = %d, want %d", got, before)
			}
		})
	}
}
