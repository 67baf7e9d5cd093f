package mysql

import (
	"reflect"
	"testing"
)

// The expected values were printed by CPython 3.11 run with
// PYTHONHASHSEED=0: hash(s) and list(set(dict.fromkeys(keys))).
func TestPyStrHash(t *testing.T) {
	if got := pyStrHash("ENGINE"); got != 3726221901820926523 {
		t.Errorf("hash(ENGINE) = %d", got)
	}
	if got := pyStrHash("COMMENT"); got != -6730197500036984615 {
		t.Errorf("hash(COMMENT) = %d", got)
	}
}

func TestPySetOrder(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"ENGINE", "COMMENT"}, []string{"COMMENT", "ENGINE"}},
		{[]string{"ENGINE", "CHARSET"}, []string{"ENGINE", "CHARSET"}},
		{[]string{"ENGINE", "CHARSET", "COLLATE"}, []string{"COLLATE", "ENGINE", "CHARSET"}},
		{[]string{"ENGINE", "DEFAULT_CHARSET", "COMMENT"}, []string{"COMMENT", "ENGINE", "DEFAULT_CHARSET"}},
		{[]string{"ENGINE", "CHARSET", "COLLATE", "COMMENT"}, []string{"COMMENT", "COLLATE", "ENGINE", "CHARSET"}},
		{[]string{"ENGINE", "DEFAULT_CHARSET", "COLLATE", "ROW_FORMAT", "COMMENT"}, []string{"ROW_FORMAT", "COLLATE", "COMMENT", "ENGINE", "DEFAULT_CHARSET"}},
		{[]string{"ENGINE", "DEFAULT_CHARSET", "COLLATE", "ROW_FORMAT", "AUTO_INCREMENT", "KEY_BLOCK_SIZE", "COMMENT"},
			[]string{"ROW_FORMAT", "COLLATE", "AUTO_INCREMENT", "COMMENT", "ENGINE", "KEY_BLOCK_SIZE", "DEFAULT_CHARSET"}},
		{[]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"}, []string{"J", "G", "A", "K", "E", "H", "B", "F", "D", "I", "C"}},
	}
	for _, tt := range tests {
		if got := pySetOrder(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pySetOrder(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
