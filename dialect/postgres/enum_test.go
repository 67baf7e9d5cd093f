package postgres

import (
	"context"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Enum.create(bind) / Enum.drop(bind) outside a table; expected SQL as
// Alembic 1.8.1 prints it offline for postgresql://.
func TestEnumCreateDrop(t *testing.T) {
	tests := []struct {
		op   ops.Op
		want string
	}{
		{&ops.CreateEnum{Enum: &schema.Enum{Name: "mood", Values: []string{"a", "b"}}}, "CREATE TYPE mood AS ENUM ('a', 'b')"},
		{&ops.CreateEnum{Enum: &schema.Enum{Schema: "s1", Name: "Status", Values: []string{"x", "y'z"}}}, `CREATE TYPE s1."Status" AS ENUM ('x', 'y''z')`},
		{&ops.DropEnum{Enum: &schema.Enum{Name: "user"}}, `DROP TYPE "user"`},
		{&ops.DropEnum{Enum: &schema.Enum{Schema: "s1", Name: "Status"}}, `DROP TYPE s1."Status"`},
	}
	for _, tt := range tests {
		st, err := New().Compile(context.Background(), nil, tt.op)
		if err != nil {
			t.Fatalf("%#v: %v", tt.op, err)
		}
		if len(st) != 1 || st[0].SQL != tt.want {
			t.Errorf("got %v, want %s", st, tt.want)
		}
	}
	if _, err := New().Compile(context.Background(), nil, &ops.CreateEnum{Enum: &schema.Enum{Values: []string{"a"}}}); err == nil {
		t.Error("an enum without a name compiled")
	}
}
