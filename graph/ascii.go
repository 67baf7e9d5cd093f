package graph

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// DefaultWidth is the terminal width ASCII fits when given none.
const DefaultWidth = 80

// ASCII draws the graph for a terminal, one row per revision, no line
// longer than width characters (DefaultWidth when width <= 0). The
// package documentation explains the symbols.
func (g *Graph) ASCII(width int) string {
	if width <= 0 {
		width = DefaultWidth
	}
	var b strings.Builder
	var lanes []string // the revision each lane leads down to; "" is free
	// freed are the lanes the previous row ended: a lane starting right
	// below the end of another would read as its continuation.
	var freed []int
	var row []byte
	for _, n := range g.Nodes {
		// The node takes the leftmost lane leading to it; the other
		// lanes leading to it (its children's) join it on this row.
		col := -1
		var joins []int
		for s, id := range lanes {
			if id != n.ID {
				continue
			}
			if col < 0 {
				col = s
			} else {
				joins = append(joins, s)
			}
		}
		if col < 0 { // a head, or its children are not drawn
			col = freeLane(lanes, 0, freed)
		}
		// Each parent after the first starts a lane to the right, in a
		// lane free above this row (a lane joining here still ends here).
		var starts []int
		for range n.Parents[min(1, len(n.Parents)):] {
			s := freeLane(lanes, col+1, slices.Concat(joins, starts, freed))
			starts = append(starts, s)
		}
		cols := len(lanes)
		for _, s := range append(starts, col) {
			cols = max(cols, s+1)
		}
		row = drawRow(row[:0], lanes, cols, col, joins, starts, glyph(n))

		before := slices.Clone(lanes)
		for _, s := range joins {
			lanes[s] = ""
		}
		for len(lanes) < cols {
			lanes = append(lanes, "")
		}
		lanes[col] = ""
		if len(n.Parents) > 0 {
			lanes[col] = n.Parents[0]
		}
		for i, s := range starts {
			lanes[s] = n.Parents[i+1]
		}
		freed = freed[:0]
		for s, id := range before {
			if id != "" && lanes[s] == "" {
				freed = append(freed, s)
			}
		}
		for len(lanes) > 0 && lanes[len(lanes)-1] == "" {
			lanes = lanes[:len(lanes)-1]
		}

		writeLine(&b, string(row), n, width)
	}
	return b.String()
}

// freeLane is the first free lane at or after from that is not in taken,
// possibly one past the end.
func freeLane(lanes []string, from int, taken []int) int {
	for s := from; ; s++ {
		if (s >= len(lanes) || lanes[s] == "") && !contains(taken, s) {
			return s
		}
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func glyph(n *Node) byte {
	if n.Current {
		return '@'
	}
	return '*'
}

// drawRow appends the lane part of one row: the node at col, lanes in
// joins ending at "'", lanes in starts beginning at ".", a horizontal line
// from the node to the farthest of those, and the lanes passing by.
func drawRow(row []byte, lanes []string, cols, col int, joins, starts []int, node byte) []byte {
	far := col
	for s := 0; s < cols; s++ {
		c := byte(' ')
		switch {
		case s == col:
			c = node
		case contains(joins, s):
			c, far = '\'', max(far, s)
		case contains(starts, s):
			c, far = '.', max(far, s)
		case s < len(lanes) && lanes[s] != "":
			c = '|'
		}
		if s > 0 {
			row = append(row, ' ')
		}
		row = append(row, c)
	}
	for i := 2*col + 1; i < 2*far; i++ {
		if row[i] == ' ' {
			row[i] = '-'
		}
	}
	return row
}

// writeLine writes the lanes, the id, the marks and the message, cutting
// the message (then, if need be, the rest) to fit width characters.
func writeLine(b *strings.Builder, lanes string, n *Node, width int) {
	head := lanes + " " + n.ID
	for _, m := range n.marks() {
		head += " " + m
	}
	line := head
	if n.Message != "" {
		line += " " + n.Message
	}
	if utf8.RuneCountInString(line) > width {
		room := width - utf8.RuneCountInString(head) - 1
		if room >= 4 {
			line = head + " " + cut(n.Message, room)
		} else {
			line = cut(head, width)
		}
	}
	b.WriteString(line)
	b.WriteByte('\n')
}

// cut shortens s to n characters, the last three of them "...".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 3 {
		return strings.Repeat(".", max(n, 0))
	}
	r := []rune(s)
	return string(r[:n-3]) + "..."
}
