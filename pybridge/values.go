package pybridge

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/retort-dev/retort/ops"
)

// decodeArgs turns a statement's JSON arguments into driver values:
// integers stay integers, {"$b": base64} is bytes.
func decodeArgs(raw []json.RawMessage) ([]any, error) {
	args := make([]any, len(raw))
	for i, r := range raw {
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("argument %d of a statement from Python: %w", i+1, err)
		}
		switch x := v.(type) {
		case json.Number:
			if n, err := x.Int64(); err == nil {
				v = n
			} else if !strings.ContainsAny(x.String(), ".eE") {
				v = x.String() // an integer beyond int64: the server parses the digits
			} else if f, err := x.Float64(); err == nil {
				v = f
			} else {
				v = x.String()
			}
		case map[string]any:
			s, ok := x["$b"].(string)
			if !ok {
				return nil, fmt.Errorf("argument %d of a statement from Python is an object retort cannot send", i+1)
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return nil, fmt.Errorf("argument %d of a statement from Python: %w", i+1, err)
			}
			v = b
		case []any:
			return nil, fmt.Errorf("argument %d of a statement from Python is a list, which retort cannot send", i+1)
		}
		args[i] = v
	}
	return args, nil
}

// returnsRows tells the statements whose rows a script may read from those
// whose changed-row count it may read.
func returnsRows(sql string) bool {
	s := strings.TrimLeft(sql, " \t\r\n(")
	for strings.HasPrefix(s, "--") || strings.HasPrefix(s, "/*") {
		end := "\n"
		if strings.HasPrefix(s, "/*") {
			end = "*/"
		}
		i := strings.Index(s, end)
		if i < 0 {
			return false
		}
		s = strings.TrimLeft(s[i+len(end):], " \t\r\n(")
	}
	word := s
	if i := strings.IndexAny(s, " \t\r\n(;"); i >= 0 {
		word = s[:i]
	}
	switch strings.ToUpper(word) {
	case "SELECT", "WITH", "SHOW", "VALUES", "PRAGMA", "EXPLAIN", "DESCRIBE", "DESC", "TABLE":
		return true
	}
	return strings.Contains(strings.ToUpper(s), "RETURNING")
}

// execute runs one statement a script made online and builds the answer:
// columns and rows, or the changed-row count.
func execute(ctx context.Context, sink ops.Sink, sql string, args []any) (map[string]any, error) {
	if returnsRows(sql) {
		rows, err := sink.Query(ctx, sql, args...)
		if err != nil {
			return map[string]any{"error": err.Error()}, err
		}
		out := make([][]any, len(rows.Values))
		for i, r := range rows.Values {
			out[i] = make([]any, len(r))
			for j, v := range r {
				out[i][j] = encodeValue(v)
			}
		}
		return map[string]any{"columns": rows.Columns, "rows": out, "rowcount": len(out)}, nil
	}
	var count int64 = -1
	var err error
	if ex, ok := sink.(ops.Executor); ok {
		count, err = ex.Exec(ctx, sql, args...)
	} else {
		err = sink.Invoke(ctx, &ops.Execute{SQL: sql, Args: args})
	}
	if err != nil {
		return map[string]any{"error": err.Error()}, err
	}
	return map[string]any{"rowcount": count}, nil
}

// encodeValue gives a database value the JSON form the bridge decodes.
func encodeValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int64, float64, int, int32, float32:
		return x
	case []byte:
		return map[string]string{"$b": base64.StdEncoding.EncodeToString(x)}
	case time.Time:
		if x.Location() == time.UTC {
			return map[string]string{"$dt": x.Format("2006-01-02T15:04:05.999999")}
		}
		return map[string]string{"$dt": x.Format("2006-01-02T15:04:05.999999-07:00")}
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
