package graph

import (
	"fmt"
	"strings"
)

// Mermaid draws the graph as a Mermaid flowchart (GitHub and GitLab render
// it in Markdown): bases at the bottom, an arrow from each parent to its
// child, dotted arrows labelled depends_on from a dependency to its
// dependent. Heads get the class "head" (thick border), current revisions
// the class "current" (filled). Node ids are r0, r1, ... in drawing order,
// because revision ids may hold characters Mermaid ids cannot; the labels
// carry the revision ids.
func (g *Graph) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart BT\n")
	key := make(map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		key[n.ID] = fmt.Sprintf("r%d", i)
	}
	esc := mermaidEscaper().Replace
	var heads, current []string
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", key[n.ID], boxLabel(n, "<br/>", esc))
		if n.Head {
			heads = append(heads, key[n.ID])
		}
		if n.Current {
			current = append(current, key[n.ID])
		}
	}
	for _, n := range g.Nodes {
		for _, p := range n.Parents {
			fmt.Fprintf(&b, "  %s --> %s\n", key[p], key[n.ID])
		}
		for _, d := range n.DependsOn {
			if k, ok := key[d]; ok {
				fmt.Fprintf(&b, "  %s -. depends_on .-> %s\n", k, key[n.ID])
			}
		}
	}
	b.WriteString("  classDef head stroke-width:3px\n")
	b.WriteString("  classDef current fill:#cde4ff\n")
	if len(heads) > 0 {
		fmt.Fprintf(&b, "  class %s head\n", strings.Join(heads, ","))
	}
	if len(current) > 0 {
		fmt.Fprintf(&b, "  class %s current\n", strings.Join(current, ","))
	}
	return b.String()
}

// mermaidEscaper writes the characters that would end or confuse a quoted
// Mermaid label as their entity codes.
func mermaidEscaper() *strings.Replacer {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ")
}
