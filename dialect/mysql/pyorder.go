package mysql

import (
	"encoding/binary"
	"math/bits"
)

// SQLAlchemy writes MySQL table options (ENGINE=..., COMMENT=...) in the
// iteration order of a Python set of the option names, which depends on
// Python's string hashing. With PYTHONHASHSEED=0 (how retort's oracle
// scripts run Alembic) that hash is SipHash-1-3 with a zero key, so the
// order is reproducible: pySetOrder computes it the way CPython 3.11 lays
// out a small set, making retort's output match a seeded Alembic run byte
// for byte instead of matching it half of the time.

// pyStrHash is CPython's hash() of an ASCII str with hash randomisation off.
func pyStrHash(s string) int64 {
	h := int64(sipHash13(0, 0, []byte(s)))
	if h == -1 {
		return -2
	}
	return h
}

// sipHash13 is SipHash with one compression and three finalisation rounds.
func sipHash13(k0, k1 uint64, msg []byte) uint64 {
	v0 := k0 ^ 0x736f6d6570736575
	v1 := k1 ^ 0x646f72616e646f6d
	v2 := k0 ^ 0x6c7967656e657261
	v3 := k1 ^ 0x7465646279746573
	round := func() {
		v0 += v1
		v2 += v3
		v1 = bits.RotateLeft64(v1, 13) ^ v0
		v3 = bits.RotateLeft64(v3, 16) ^ v2
		v0 = bits.RotateLeft64(v0, 32)
		v2 += v1
		v0 += v3
		v1 = bits.RotateLeft64(v1, 17) ^ v2
		v3 = bits.RotateLeft64(v3, 21) ^ v0
		v2 = bits.RotateLeft64(v2, 32)
	}
	b := uint64(len(msg)) << 56
	for len(msg) >= 8 {
		m := binary.LittleEndian.Uint64(msg)
		v3 ^= m
		round()
		v0 ^= m
		msg = msg[8:]
	}
	var tail [8]byte
	copy(tail[:], msg)
	b |= binary.LittleEndian.Uint64(tail[:])
	v3 ^= b
	round()
	v0 ^= b
	v2 ^= 0xff
	round()
	round()
	round()
	return v0 ^ v1 ^ v2 ^ v3
}

const (
	pySetMinSize   = 8
	pyLinearProbes = 9
	pyPerturbShift = 5
)

// pySetOrder returns keys (distinct, in insertion order) in the order a
// CPython set built from them iterates: set(d) for a dict d with these keys.
func pySetOrder(keys []string) []string {
	type slot struct {
		key  string
		hash uint64
		used bool
	}
	size := pySetMinSize
	// set.update(dict) sizes the table up front when the dict is large.
	if len(keys)*5 >= (size-1)*3 {
		for size <= len(keys)*2 {
			size <<= 1
		}
	}
	table := make([]slot, size)
	insert := func(table []slot, key string, hash uint64) {
		mask := uint64(len(table) - 1)
		i := hash & mask
		perturb := hash
		for {
			probes := 0
			if i+pyLinearProbes <= mask {
				probes = pyLinearProbes
			}
			for j := 0; j <= probes; j++ {
				if !table[i+uint64(j)].used {
					table[i+uint64(j)] = slot{key: key, hash: hash, used: true}
					return
				}
			}
			perturb >>= pyPerturbShift
			i = (i*5 + 1 + perturb) & mask
		}
	}
	fill := 0
	for _, k := range keys {
		insert(table, k, uint64(pyStrHash(k)))
		fill++
		mask := len(table) - 1
		if fill*5 >= mask*3 {
			// Grow to the smallest power of two above used*4, re-inserting
			// in slot order.
			newSize := pySetMinSize
			for newSize <= fill*4 {
				newSize <<= 1
			}
			grown := make([]slot, newSize)
			for _, s := range table {
				if s.used {
					insert(grown, s.key, s.hash)
				}
			}
			table = grown
		}
	}
	out := make([]string, 0, len(keys))
	for _, s := range table {
		if s.used {
			out = append(out, s.key)
		}
	}
	return out
}
