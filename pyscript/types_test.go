package pyscript

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// TestTypes checks that each type expression becomes the schema.Type a
// dialect needs, used bare or called.
func TestTypes(t *testing.T) {
	cases := []struct {
		expr string
		want []string
	}{
		{"sa.Integer", []string{`"Kind":"Integer","Dialect":""`}},
		{"sa.Integer()", []string{`"Kind":"Integer"`}},
		{"sa.SmallInteger()", []string{`"Kind":"SmallInteger"`}},
		{"sa.BigInteger", []string{`"Kind":"BigInteger"`}},
		{"sa.String(50)", []string{`"Kind":"String"`, `"Length":50`}},
		{"sa.String(length=20, collation='C')", []string{`"Length":20`, `"Collation":"C"`}},
		{"sa.String", []string{`"Kind":"String"`, `"Length":0`}},
		{"sa.Unicode(200)", []string{`"Kind":"Unicode"`, `"Length":200`}},
		{"sa.Text()", []string{`"Kind":"Text"`}},
		{"sa.UnicodeText", []string{`"Kind":"UnicodeText"`}},
		{"sa.Boolean(create_constraint=True, name='ck_bool')", []string{`"Kind":"Boolean"`, `"CreateConstraint":true`, `"EnumName":"ck_bool"`}},
		{"sa.Date", []string{`"Kind":"Date"`}},
		{"sa.DateTime(timezone=True)", []string{`"Kind":"DateTime"`, `"Timezone":true`}},
		{"sa.Time()", []string{`"Kind":"Time"`, `"Timezone":false`}},
		{"sa.Interval()", []string{`"Kind":"Interval"`}},
		{"sa.Numeric(10, 2)", []string{`"Kind":"Numeric"`, `"Precision":10,"Scale":2`}},
		{"sa.Numeric(precision=8, scale=3, asdecimal=False)", []string{`"Precision":8,"Scale":3`}},
		{"sa.Float(precision=53)", []string{`"Kind":"Float"`, `"Precision":53`}},
		{"sa.JSON()", []string{`"Kind":"JSON","Dialect":""`}},
		{"sa.LargeBinary(1024)", []string{`"Kind":"LargeBinary"`, `"Length":1024`}},
		{"sa.Enum('a', 'b', name='mood')", []string{`"Kind":"Enum"`, `"Values":["a","b"]`, `"EnumName":"mood","NativeEnum":true,"CreateType":true`}},
		{"sa.Enum(['x', 'y'], name='e', native_enum=False, create_constraint=True)", []string{`"Values":["x","y"]`, `"NativeEnum":false`, `"CreateConstraint":true`}},
		{"sa.Uuid(as_uuid=True)", []string{`"Kind":"Uuid"`, `"AsUUID":true`}},
		{"sa.ARRAY(sa.Integer, dimensions=2)", []string{`"Kind":"ARRAY"`, `"Item":{"Kind":"Integer"`, `"Dimensions":2`}},
		{"sa.ARRAY(sa.String(10))", []string{`"Item":{"Kind":"String","Dialect":"","Length":10`}},
		{"sa.TIMESTAMP(timezone=True)", []string{`"Kind":"TIMESTAMP","Dialect":""`, `"Timezone":true`}},
		{"sa.VARCHAR(30)", []string{`"Kind":"VARCHAR","Dialect":""`, `"Length":30`}},
		{"sa.String(50).with_variant(mysql.VARCHAR(50, charset='utf8'), 'mysql')", []string{`"Variants":{"mysql":{"Kind":"VARCHAR","Dialect":"mysql","Length":50`, `"Charset":"utf8"`}},
		{"postgresql.UUID(as_uuid=True)", []string{`"Kind":"UUID","Dialect":"postgresql"`, `"AsUUID":true`}},
		{"postgresql.UUID", []string{`"Kind":"UUID","Dialect":"postgresql"`, `"AsUUID":null`}},
		{"postgresql.JSONB", []string{`"Kind":"JSONB","Dialect":"postgresql"`}},
		{"postgresql.JSON(astext_type=sa.Text())", []string{`"Kind":"JSON","Dialect":"postgresql"`}},
		{"postgresql.ARRAY(sa.Text)", []string{`"Kind":"ARRAY","Dialect":"postgresql"`, `"Item":{"Kind":"Text"`}},
		{"postgresql.ENUM('a', 'b', name='mood', create_type=False)", []string{`"Kind":"ENUM","Dialect":"postgresql"`, `"EnumName":"mood"`, `"CreateType":false`}},
		{"postgresql.TIMESTAMP(timezone=True, precision=3)", []string{`"Kind":"TIMESTAMP","Dialect":"postgresql"`, `"Precision":3`, `"Timezone":true`}},
		{"postgresql.INET", []string{`"Kind":"INET","Dialect":"postgresql"`}},
		{"postgresql.CIDR()", []string{`"Kind":"CIDR"`}},
		{"postgresql.CITEXT()", []string{`"Kind":"CITEXT"`}},
		{"postgresql.BYTEA", []string{`"Kind":"BYTEA"`}},
		{"postgresql.INTERVAL(fields='DAY')", []string{`"Kind":"INTERVAL"`}},
		{"postgresql.MONEY", []string{`"Kind":"MONEY"`}},
		{"postgresql.TSVECTOR", []string{`"Kind":"TSVECTOR"`}},
		{"postgresql.DOUBLE_PRECISION()", []string{`"Kind":"DOUBLE_PRECISION"`}},
		{"postgresql.HSTORE", []string{`"Kind":"HSTORE"`}},
		{"mysql.INTEGER(11, unsigned=True)", []string{`"Kind":"INTEGER","Dialect":"mysql"`, `"Unsigned":true`}},
		{"mysql.TINYINT(1)", []string{`"Kind":"TINYINT","Dialect":"mysql"`}},
		{"mysql.SMALLINT(unsigned=True)", []string{`"Kind":"SMALLINT"`, `"Unsigned":true`}},
		{"mysql.BIGINT(unsigned=True)", []string{`"Kind":"BIGINT"`, `"Unsigned":true`}},
		{"mysql.VARCHAR(100, charset='utf8mb4', collation='utf8mb4_bin')", []string{`"Kind":"VARCHAR","Dialect":"mysql","Length":100`, `"Collation":"utf8mb4_bin","Charset":"utf8mb4"`}},
		{"mysql.CHAR(2)", []string{`"Kind":"CHAR"`, `"Length":2`}},
		{"mysql.TEXT()", []string{`"Kind":"TEXT","Dialect":"mysql"`}},
		{"mysql.LONGTEXT", []string{`"Kind":"LONGTEXT"`}},
		{"mysql.MEDIUMTEXT()", []string{`"Kind":"MEDIUMTEXT"`}},
		{"mysql.TINYTEXT()", []string{`"Kind":"TINYTEXT"`}},
		{"mysql.DATETIME(fsp=6)", []string{`"Kind":"DATETIME","Dialect":"mysql"`, `"Precision":6`}},
		{"mysql.TIMESTAMP(fsp=3)", []string{`"Kind":"TIMESTAMP","Dialect":"mysql"`, `"Precision":3`}},
		{"mysql.DOUBLE()", []string{`"Kind":"DOUBLE"`}},
		{"mysql.DECIMAL(12, 4)", []string{`"Kind":"DECIMAL"`, `"Precision":12,"Scale":4`}},
		{"mysql.ENUM('s', 'm', 'l')", []string{`"Kind":"ENUM","Dialect":"mysql"`, `"Values":["s","m","l"]`}},
		{"mysql.SET('r', 'w')", []string{`"Kind":"SET"`, `"Values":["r","w"]`}},
		{"mysql.JSON", []string{`"Kind":"JSON","Dialect":"mysql"`}},
		{"mysql.BIT(8)", []string{`"Kind":"BIT"`, `"Length":8`}},
		{"mysql.BLOB", []string{`"Kind":"BLOB"`}},
		{"mysql.LONGBLOB", []string{`"Kind":"LONGBLOB"`}},
		{"mysql.YEAR()", []string{`"Kind":"YEAR"`}},
		{"sqlite.DATETIME()", []string{`"Kind":"DATETIME","Dialect":"sqlite"`}},
		{"sqlite.DATE", []string{`"Kind":"DATE","Dialect":"sqlite"`}},
		{"sqlite.JSON()", []string{`"Kind":"JSON","Dialect":"sqlite"`}},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			got := mustUpgrade(t, `op.add_column("t", sa.Column("c", `+tc.expr+`))`)
			if len(got) != 1 {
				t.Fatalf("got %d ops", len(got))
			}
			b, _ := json.Marshal(got[0].(*ops.AddColumn).Column.Type)
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("missing %s in %s", w, b)
				}
			}
		})
	}
}

func TestTypeErrors(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"sa.String(nope=1)", "sa.String: unexpected keyword argument 'nope'"},
		{"sa.Integer(5)", "sa.Integer: got 1 positional arguments, want at most 0"},
		{"sa.String('x')", "sa.String: length: got string, want int"},
		{"sa.DateTime(timezone='yes')", "sa.DateTime: timezone: got string, want bool"},
		{"sa.Enum('a', 1)", "sa.Enum: enum values must be strings, got int"},
		{"sa.ARRAY(5)", "sa.ARRAY: got int, want a SQLAlchemy type"},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := runUpgrade(t, script(`op.add_column("t", sa.Column("c", `+tc.expr+`))`), Env{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
