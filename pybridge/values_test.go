package pybridge

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestReturnsRows(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT 1": true,
		"  (select a from t) union (select b from u)":     true,
		"-- note\nSELECT 1":                               true,
		"/* hint */ WITH x AS (SELECT 1) SELECT * FROM x": true,
		"PRAGMA table_info(t)":                            true,
		"SHOW VARIABLES LIKE 'sql_mode'":                  true,
		"INSERT INTO t (a) VALUES (1) RETURNING id":       true,
		"INSERT INTO t (a) VALUES (1)":                    false,
		"UPDATE t SET a = 1":                              false,
		"CREATE TABLE t (id INTEGER)":                     false,
		"-- only a comment":                               false,
	} {
		if got := returnsRows(sql); got != want {
			t.Errorf("returnsRows(%q) = %v, want %v", sql, got, want)
		}
	}
}

func TestDecodeArgs(t *testing.T) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(`[1, 2.5, "x", null, true, {"$b": "AAE="}, 12345678901234567890]`), &raw); err != nil {
		t.Fatal(err)
	}
	got, err := decodeArgs(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{int64(1), 2.5, "x", nil, true, []byte{0, 1}, "12345678901234567890"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeArgs = %#v, want %#v", got, want)
	}
	if err := json.Unmarshal([]byte(`[[1, 2]]`), &raw); err != nil {
		t.Fatal(err)
	}
	if _, err := decodeArgs(raw); err == nil {
		t.Error("a list argument was accepted")
	}
}
