package cli

import (
	"slices"
	"testing"
)

func TestProtectRelative(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"relative downgrade", []string{"downgrade", "-1"}, []string{"downgrade", relativeMarker + "-1"}},
		{"flag after relative", []string{"downgrade", "-2", "--sql"}, []string{"downgrade", relativeMarker + "-2", "--sql"}},
		{"flags untouched", []string{"-c", "x.ini", "history", "-v", "-r", "a:b"}, []string{"-c", "x.ini", "history", "-v", "-r", "a:b"}},
		{"glued short flag value", []string{"history", "-r-1:"}, []string{"history", "-r-1:"}},
		{"range is not a number", []string{"history", "-r", "-2:"}, []string{"history", "-r", "-2:"}},
		{"after double dash", []string{"upgrade", "--", "-1"}, []string{"upgrade", "--", "-1"}},
		{"decimal", []string{"-.5"}, []string{relativeMarker + "-.5"}},
		{"plus sign", []string{"upgrade", "+1"}, []string{"upgrade", "+1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := protectRelative(tt.args)
			if !slices.Equal(got, tt.want) {
				t.Errorf("protectRelative(%q) = %q, want %q", tt.args, got, tt.want)
			}
			if back := unmarkAll(got); !slices.Equal(back, tt.args) {
				t.Errorf("unmarkAll(protectRelative(%q)) = %q, want the input back", tt.args, back)
			}
		})
	}
}

func TestMissingValue(t *testing.T) {
	valued := map[string]bool{"-r": true, "--rev-range": true, "-m": true}
	tests := []struct {
		args     []string
		wantFlag string
	}{
		{[]string{"history", "-r", "-2:"}, "-r"},
		{[]string{"history", "--rev-range", "--verbose"}, "--rev-range"},
		{[]string{"history", "-r", "-2"}, ""},        // a negative number is a value
		{[]string{"history", "--rev-range=-2:"}, ""}, // inline values are fine
		{[]string{"history", "-r-1:"}, ""},
		{[]string{"revision", "-m", "x", "-v"}, ""},
		{[]string{"upgrade", "--", "-r", "-x"}, ""},
	}
	for _, tt := range tests {
		flag, ok := missingValue(tt.args, valued)
		if flag != tt.wantFlag || ok != (tt.wantFlag != "") {
			t.Errorf("missingValue(%q) = %q, %v; want %q", tt.args, flag, ok, tt.wantFlag)
		}
	}
}
