package cli

import (
	"slices"
	"testing"
)

func TestCheckHeadsShorthand(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"current", "-c"}, []string{"current", "--check-heads"}},
		{[]string{"-c", "x.ini", "current", "-v", "-c"}, []string{"-c", "x.ini", "current", "-v", "--check-heads"}},
		{[]string{"--config", "current", "current", "-c"}, []string{"--config", "current", "current", "--check-heads"}},
		{[]string{"-x", "a=b", "-q", "current", "--", "-c"}, []string{"-x", "a=b", "-q", "current", "--", "-c"}},
		{[]string{"heads", "-c", "x.ini"}, []string{"heads", "-c", "x.ini"}},
		{[]string{"-c", "current"}, []string{"-c", "current"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := checkHeadsShorthand(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("checkHeadsShorthand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
