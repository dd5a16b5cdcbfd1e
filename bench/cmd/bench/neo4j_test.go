package main

import "testing"

func TestValidSize(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"4g", true},
		{"512m", true},
		{"4G", true},
		{"1048576", true},
		{"", false},
		{"g", false},
		{"0g", false},
		{"4gb", false},
		{"-1g", false},
		{"4 g", false},
		{"1.5g", false},
		{"4g\nserver.memory.heap.max_size=64g", false},
	}
	for _, tt := range tests {
		if got := validSize(tt.in); got != tt.want {
			t.Errorf("validSize(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
