package graph

import (
	"fmt"
	"strings"
)

// labelWidth caps the message shown inside a DOT or Mermaid box.
const labelWidth = 40

// DOT draws the graph in Graphviz's language: bases at the bottom, an
// arrow from each parent to its child, dashed arrows from a dependency to
// the revision that depends on it. Heads have a bold border, the
// database's current revisions are filled, and each box shows the id, the
// marks and the start of the message.
//
//	retort graph --format dot | dot -Tsvg > graph.svg
func (g *Graph) DOT() string {
	var b strings.Builder
	b.WriteString("digraph revisions {\n")
	b.WriteString("  rankdir=BT;\n")
	b.WriteString("  node [shape=box, fontname=\"monospace\"];\n")
	// One replacer per picture: building one is far dearer than using it.
	esc := dotEscaper().Replace
	q := func(id string) string { return dotQuote(esc(id)) }
	drawn := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		drawn[n.ID] = true
	}
	for _, n := range g.Nodes {
		attrs := []string{"label=" + dotQuote(boxLabel(n, `\n`, esc))}
		if n.Head {
			attrs = append(attrs, "penwidth=2")
		}
		if n.Current {
			attrs = append(attrs, `style=filled`, `fillcolor="lightblue"`)
		}
		fmt.Fprintf(&b, "  %s [%s];\n", q(n.ID), strings.Join(attrs, ", "))
	}
	for _, n := range g.Nodes {
		for _, p := range n.Parents {
			fmt.Fprintf(&b, "  %s -> %s;\n", q(p), q(n.ID))
		}
		for _, d := range n.DependsOn {
			if drawn[d] {
				fmt.Fprintf(&b, "  %s -> %s [style=dashed, label=\"depends_on\"];\n", q(d), q(n.ID))
			}
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// boxLabel is a node's text in a box: the id and its marks, then the
// start of the message, joined by newline (already escaped for the
// target language by esc).
func boxLabel(n *Node, newline string, esc func(string) string) string {
	first := n.ID
	for _, m := range n.marks() {
		first += " " + m
	}
	label := esc(first)
	if n.Message != "" {
		label += newline + esc(cut(n.Message, labelWidth))
	}
	return label
}

func dotQuote(s string) string { return `"` + s + `"` }

// dotEscaper escapes text for a DOT double-quoted string.
func dotEscaper() *strings.Replacer {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
}
