package schema

import "strings"

// NewCase builds an ExprCase; subject and otherwise may be nil.
func NewCase(subject, otherwise *Expr, whens [][2]Expr) Expr {
	none := Expr{Kind: ExprText}
	e := Expr{Kind: ExprCase, Args: []Expr{none, none}}
	if subject != nil {
		e.Args[0] = *subject
	}
	if otherwise != nil {
		e.Args[1] = *otherwise
	}
	for _, w := range whens {
		e.Args = append(e.Args, w[0], w[1])
	}
	return e
}

// CaseSQL renders an ExprCase as SQLAlchemy does, with sub rendering its
// parts: CASE [x] WHEN (cond) THEN result ... [ELSE result] END, a
// condition that is a binary expression in parentheses.
func CaseSQL(e *Expr, sub func(*Expr) (string, error)) (string, error) {
	absent := func(x *Expr) bool { return x.Kind == ExprText && x.Text == "" }
	var b strings.Builder
	b.WriteString("CASE")
	if len(e.Args) >= 2 && !absent(&e.Args[0]) {
		s, err := sub(&e.Args[0])
		if err != nil {
			return "", err
		}
		b.WriteString(" " + s)
	}
	for i := 2; i+1 < len(e.Args); i += 2 {
		cond, err := sub(&e.Args[i])
		if err != nil {
			return "", err
		}
		if e.Args[i].Kind == ExprBinary {
			cond = "(" + cond + ")"
		}
		res, err := sub(&e.Args[i+1])
		if err != nil {
			return "", err
		}
		b.WriteString(" WHEN " + cond + " THEN " + res)
	}
	if len(e.Args) >= 2 && !absent(&e.Args[1]) {
		s, err := sub(&e.Args[1])
		if err != nil {
			return "", err
		}
		b.WriteString(" ELSE " + s)
	}
	b.WriteString(" END")
	return b.String(), nil
}
