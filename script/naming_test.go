package script

import (
	"strings"
	"testing"
	"time"
)

// Expected values below were produced by Alembic 1.8.1's _rev_path and
// Python's % operator.

func TestSlug(t *testing.T) {
	tests := []struct {
		message string
		max     int
		want    string
	}{
		{"create account table", 40, "create_account_table"},
		{"", 40, ""},
		{"Add a column", 40, "add_a_column"},
		{"Ünïcode  slug -- with: punctuation & a very long message that goes on and on", 40, "ünïcode_slug_with_punctuation_a_very_"},
		{strings.Repeat("a", 50), 40, strings.Repeat("a", 40) + "_"},
		{"one two three", 5, "one_"},
		{"snake_case_already", 8, "snake_"},
		{"   --- ", 40, ""},
		{"MiXeD CaSe 123", 40, "mixed_case_123"},
		{"日本語 テスト", 40, "日本語_テスト"},
		{"x-y", 1, "x_"},
		{"ab cd", 2, "ab_"},
		{"ab cd", 3, "ab_"},
		{"ab cd", 0, "ab_cd"}, // 0 means the default, 40
	}
	for _, tt := range tests {
		if got := Slug(tt.message, tt.max); got != tt.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tt.message, tt.max, got, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	created := time.Date(2026, 3, 4, 5, 6, 7, 89000, time.UTC)
	tests := []struct {
		template string
		want     string
		wantErr  string
	}{
		{"", "ae10_add_email", ""},
		{"%(rev)s_%(slug)s", "ae10_add_email", ""},
		{"%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s", "2026_03_04_0506-ae10_add_email", ""},
		{"%(epoch)s_%(rev)s", "1772600767_ae10", ""},
		{"%(second)02d|%(minute)3d|%(hour)-3d|%(day)+d|%(month)x|%(year)o|%(rev).2s|%(slug)12s|%(slug)-12s|%%|%(rev)r|%(month)#o|%(month)5.1f|%(day)e",
			"07|  6|5  |+4|3|3752|ae|   add_email|add_email   |%|'ae10'|0o3|  3.0|4.000000e+00", ""},
		{"%(nope)s", "", `file_template "%(nope)s": unknown token %(nope): expected one of rev, slug, epoch, year, month, day, hour, minute, second`},
		{"%(rev)d", "", `file_template "%(rev)d": %(rev)d: %d format: a real number is required, not str`},
		{"%s_%(rev)s", "", `file_template "%s_%(rev)s": format requires a mapping: use %(name)s tokens`},
		{"%(rev", "", `file_template "%(rev": incomplete format key`},
		{"%(rev)", "", `file_template "%(rev)": incomplete format`},
		{"%(rev)q", "", `file_template "%(rev)q": %(rev)q: unsupported format character 'q'`},
		{"50%", "", `file_template "50%": incomplete format`},
	}
	for _, tt := range tests {
		got, err := FileName(tt.template, "ae10", "Add email", 40, created)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("FileName(%q) error = %v, want %q", tt.template, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FileName(%q) = %q, %v; want %q", tt.template, got, err, tt.want)
		}
	}
}

func TestCreateDate(t *testing.T) {
	now := time.Date(2026, 11, 22, 4, 5, 6, 123456000, time.UTC)
	tests := []struct {
		zone    string
		want    string
		wantErr string
	}{
		{"UTC", "2026-11-22 04:05:06.123456+00:00", ""},
		{"utc", "2026-11-22 04:05:06.123456+00:00", ""}, // retried upper-cased, as Alembic does
		{"Europe/Paris", "2026-11-22 05:05:06.123456+01:00", ""},
		{"Asia/Kolkata", "2026-11-22 09:35:06.123456+05:30", ""},
		{"America/New_York", "2026-11-21 23:05:06.123456-05:00", ""},
		{"Nowhere/Land", "", "Can't locate timezone: Nowhere/Land"},
	}
	for _, tt := range tests {
		got, err := createDate(now, tt.zone)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("createDate(%q) error = %v, want %q", tt.zone, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("createDate(%q): %v", tt.zone, err)
		}
		if s := pythonDatetime(got, true); s != tt.want {
			t.Errorf("createDate(%q) = %q, want %q", tt.zone, s, tt.want)
		}
	}
	// Naive local dates: no offset, no fraction when it is zero.
	whole := time.Date(2026, 3, 4, 5, 6, 7, 0, time.Local)
	if s := pythonDatetime(whole, false); s != "2026-03-04 05:06:07" {
		t.Errorf("naive date = %q", s)
	}
	if s := pythonDatetime(whole.Add(120*time.Microsecond), false); s != "2026-03-04 05:06:07.000120" {
		t.Errorf("naive date with microseconds = %q", s)
	}
}

func TestNewRevisionID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		id := NewRevisionID()
		if len(id) != 12 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Fatalf("NewRevisionID() = %q, want 12 lower-case hex digits", id)
		}
		if seen[id] {
			t.Fatalf("NewRevisionID() repeated %q", id)
		}
		seen[id] = true
	}
}
