// Package graph draws a revision graph as a picture: ASCII art for a
// terminal, Graphviz DOT, or a Mermaid flowchart. It is pure: it reads a
// [revision.Map] and a list of the database's current revisions, and
// returns text.
//
// All three pictures mark the same things: heads, branch points, merge
// points, the branch labels a revision declares, its depends_on
// dependencies, and the revisions the database is at. Output is
// deterministic: the same map and marks always give the same bytes.
//
// # The ASCII picture
//
// Revisions are listed newest first, each before its ancestors, one per
// row; a line of descent is followed through first parents to its end
// before the next begins. Each line of descent runs down its own lane, two
// characters wide:
//
//	lanes   meaning
//	*       a revision ("@" when the database is at it)
//	|       a lane passing by
//	*-.     a merge point: a lane starts at "." for its next parent
//	*-'     a branch point: the lane ending at "'" joins here
//	*-|-'   the joining line passes behind a lane
//
// After the lanes come the id, the revision's own branch labels in
// brackets, the marks "(head)", "(effective head)" (a head other revisions
// depend on), "(branchpoint)", "(mergepoint)", "(current)" and
// "(depends on ...)", then the first line of its message. A line longer
// than the width (80 columns by default) has its message cut and ending in
// "..."; widths are counted in characters, so very wide scripts (CJK) may
// overrun. Only links between drawn revisions are drawn: a revision whose
// parent lies outside the drawn range ends its lane.
package graph
