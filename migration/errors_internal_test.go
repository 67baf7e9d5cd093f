package migration

import (
	"errors"
	"fmt"
	"testing"
)

// serverError stands for a driver error carrying the server's SQLSTATE
// (pgconn.PgError has the same method).
type serverError struct{ msg string }

func (e serverError) Error() string    { return e.msg }
func (e serverError) SQLState() string { return "28P01" }

// connectFailure is built the way pgconn reports a failed connect: a
// heading over the joined errors of every attempt.
type connectFailure struct{ err error }

func (e connectFailure) Error() string {
	return "failed to connect to `user=app database=app`:\n\t" + e.err.Error()
}
func (e connectFailure) Unwrap() error { return e.err }

func TestConnectError_OneCause(t *testing.T) {
	tls := errors.New("127.0.0.1:5432 (db): tls error: server refused TLS connection")
	auth := fmt.Errorf("127.0.0.1:5432 (db): server error: %w", serverError{"FATAL: password authentication failed for user \"app\" (SQLSTATE 28P01)"})
	refusedV6 := errors.New("[::1]:5432 (db): dial error: dial tcp [::1]:5432: connect: connection refused")
	refused := errors.New("127.0.0.1:1 (127.0.0.1): dial error: dial tcp 127.0.0.1:1: connect: connection refused")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"TLS refused, then a wrong password: the password", connectFailure{errors.Join(tls, auth)},
			`127.0.0.1:5432 (db): server error: FATAL: password authentication failed for user "app" (SQLSTATE 28P01)`},
		{"the server's answer wins over a later dial error", connectFailure{errors.Join(tls, auth, refusedV6)},
			`127.0.0.1:5432 (db): server error: FATAL: password authentication failed for user "app" (SQLSTATE 28P01)`},
		{"no server answer: the last attempt", connectFailure{errors.Join(refusedV6, tls)},
			"127.0.0.1:5432 (db): tls error: server refused TLS connection"},
		{"one attempt", connectFailure{errors.Join(refused)},
			"127.0.0.1:1 (127.0.0.1): dial error: dial tcp 127.0.0.1:1: connect: connection refused"},
		{"no joined attempts: one line", errors.New("first line\n\tsecond line\n"), "first line; second line"},
		{"a password in a DSN is hidden", errors.New("dial bob:topsecret@tcp(h:1)/db: refused"), "dial bob:***@tcp(h:1)/db: refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &ConnectError{Dialect: "postgresql", Err: tt.err}
			want := "can't connect to the postgresql database: " + tt.want
			if got := e.Error(); got != want {
				t.Errorf("Error() =\n  %q\nwant\n  %q", got, want)
			}
			if !errors.Is(e, tt.err) {
				t.Error("the driver's error is no longer in the chain")
			}
		})
	}
}
