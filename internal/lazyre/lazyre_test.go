package lazyre

import "testing"

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	re := New(`^a+$`)
	first := re()
	if !first.MatchString("aaa") || first.MatchString("ab") {
		t.Fatalf("pattern ^a+$ matched wrongly")
	}
	if re() != first {
		t.Fatal("a second call compiled the pattern again")
	}
}

func TestNewPanicsOnABadPatternAtFirstUse(t *testing.T) {
	re := New(`(`) // no panic yet: nothing is compiled
	defer func() {
		if recover() == nil {
			t.Fatal("a bad pattern did not panic when first used")
		}
	}()
	re()
}
