package pyscript

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"go.starlark.net/starlark"
)

// uuidModule is Python's uuid module as migrations use it to make ids for
// seed rows: uuid.uuid4(), str(u) and u.hex.
var uuidModule = newModule("uuid", starlark.StringDict{
	"uuid4": starlark.NewBuiltin("uuid.uuid4", uuid4),
})

// uuidValue is a version 4 UUID.
type uuidValue [16]byte

var _ starlark.HasAttrs = uuidValue{}

func uuid4(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	var u uuidValue
	if _, err := rand.Read(u[:]); err != nil {
		return nil, fmt.Errorf("%s: %w", b.Name(), err)
	}
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u, nil
}

func (u uuidValue) String() string {
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
func (u uuidValue) pyRepr() string        { return "UUID('" + u.String() + "')" }
func (u uuidValue) Type() string          { return "UUID" }
func (u uuidValue) Freeze()               {}
func (u uuidValue) Truth() starlark.Bool  { return true }
func (u uuidValue) Hash() (uint32, error) { return starlark.String(u.String()).Hash() }
func (u uuidValue) AttrNames() []string   { return []string{"hex"} }
func (u uuidValue) Attr(name string) (starlark.Value, error) {
	if name == "hex" {
		return starlark.String(hex.EncodeToString(u[:])), nil
	}
	return nil, nil
}
