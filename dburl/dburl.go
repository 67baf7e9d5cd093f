package dburl

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Dialect names, as SQLAlchemy spells them.
const (
	PostgreSQL = "postgresql"
	MySQL      = "mysql"
	SQLite     = "sqlite"
)

// QueryParam is one "key=value" of the URL's query string, decoded.
type QueryParam struct {
	Key, Value string
}

// URL is a parsed SQLAlchemy URL.
type URL struct {
	// Dialect is "postgresql", "mysql" or "sqlite".
	Dialect string
	// Flavor is "mariadb" when the scheme was mariadb, else "".
	Flavor string
	// Driver is the "+driver" part ("psycopg2", "pymysql", ...): accepted
	// and ignored, since retort always uses its own Go driver.
	Driver string
	// Username and Password are percent-decoded.
	Username, Password string
	// HasPassword distinguishes "user:@host" (an empty password) from
	// "user@host" (none), which String renders differently.
	HasPassword bool
	// Host is the host name or IPv6 address (without brackets).
	Host string
	// Port is 0 when the URL names none.
	Port int
	// Database is the path after the first "/", not decoded (SQLAlchemy 1.4
	// does not decode it either). For sqlite it is the file name: relative
	// to the current directory unless it starts with "/"; "" or ":memory:"
	// means an in-memory database.
	Database string
	// HasDatabase tells "sqlite://" (no database part) from "sqlite:///".
	HasDatabase bool
	// Query holds the query parameters in URL order.
	Query []QueryParam
}

// Error is a URL that cannot be parsed or used. Its message never contains
// the password.
type Error struct {
	URL string // masked
	Msg string
	Err error // a sentinel such as ErrUnsupportedDialect, or nil
}

// Unwrap returns the sentinel the error stands for, if any.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.URL == "" {
		return e.Msg
	}
	return fmt.Sprintf("%s: %s", e.Msg, e.URL)
}

// ErrUnsupportedDialect is wrapped by Parse errors for schemes that retort
// has no dialect for.
var ErrUnsupportedDialect = errors.New("unsupported database dialect")

// Parse parses a SQLAlchemy URL. Accepted schemes are postgresql, mysql,
// mariadb and sqlite, each with an optional "+driver", and postgres (which
// SQLAlchemy 1.4 rejects, but which Heroku-style DATABASE_URL values use).
func Parse(raw string) (*URL, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || scheme == "" || !isSchemeName(scheme) {
		return nil, &Error{Msg: fmt.Sprintf("Could not parse SQLAlchemy URL from string '%s'", maskRaw(raw))}
	}
	u := &URL{}
	name, driver, hasDriver := strings.Cut(scheme, "+")
	if hasDriver {
		if driver == "" || strings.Contains(driver, "+") {
			return nil, &Error{URL: maskRaw(raw), Msg: fmt.Sprintf("invalid driver in URL scheme %q", scheme)}
		}
		u.Driver = driver
	}
	switch strings.ToLower(name) {
	case "postgresql", "postgres":
		u.Dialect = PostgreSQL
	case "mysql":
		u.Dialect = MySQL
	case "mariadb":
		u.Dialect, u.Flavor = MySQL, "mariadb"
	case "sqlite":
		u.Dialect = SQLite
	default:
		return nil, &Error{URL: maskRaw(raw), Err: ErrUnsupportedDialect,
			Msg: fmt.Sprintf("%v %q (retort supports postgresql, mysql, mariadb and sqlite)", ErrUnsupportedDialect, name)}
	}

	// Split off the query first: "?" cannot appear in any earlier part.
	rest, rawQuery, hasQuery := strings.Cut(rest, "?")
	// SQLAlchemy's grammar lets a password hold a raw "/" (and ":"):
	// "user:" starts a password that runs to the next "@". Without a "/"
	// in it, the authority simply ends at the first "/".
	userinfo, hasUserinfo := "", false
	if i := strings.IndexAny(rest, ":/@"); i >= 0 && rest[i] == ':' {
		if at := strings.IndexByte(rest[i:], '@'); at >= 0 && strings.Contains(rest[i:i+at], "/") {
			userinfo, rest, hasUserinfo = rest[:i+at], rest[i+at+1:], true
		}
	}
	authority, database, hasDB := strings.Cut(rest, "/")
	u.Database, u.HasDatabase = database, hasDB

	if at := strings.LastIndex(authority, "@"); at >= 0 || hasUserinfo {
		if at >= 0 {
			if hasUserinfo {
				// "user:pa/ss@more@host": the password goes on past its
				// first "@".
				return nil, &Error{URL: maskRaw(raw), Msg: `invalid URL: "@" in the password must be percent-encoded as %40`}
			}
			userinfo = authority[:at]
			authority = authority[at+1:]
		}
		user, pass, hasPass := strings.Cut(userinfo, ":")
		if strings.Contains(pass, "@") {
			return nil, &Error{URL: maskRaw(raw), Msg: `invalid URL: "@" in the password must be percent-encoded as %40`}
		}
		var err error
		if u.Username, err = url.PathUnescape(user); err != nil {
			return nil, &Error{URL: maskRaw(raw), Msg: "invalid percent-encoding in the user name"}
		}
		if hasPass {
			if u.Password, err = url.PathUnescape(pass); err != nil {
				return nil, &Error{URL: maskRaw(raw), Msg: "invalid percent-encoding in the password"}
			}
			u.HasPassword = true
		}
	}

	host, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return nil, &Error{URL: maskRaw(raw), Msg: "invalid URL: unterminated [ in IPv6 host"}
		}
		host = authority[1:end]
		after := authority[end+1:]
		if after != "" {
			if !strings.HasPrefix(after, ":") {
				return nil, &Error{URL: maskRaw(raw), Msg: fmt.Sprintf("invalid URL: unexpected %q after IPv6 host", after)}
			}
			port = after[1:]
		}
	} else if h, p, ok := strings.Cut(authority, ":"); ok {
		host, port = h, p
	}
	u.Host = host
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > 65535 {
			return nil, &Error{URL: maskRaw(raw), Msg: fmt.Sprintf("invalid port %q in URL", port)}
		}
		u.Port = n
	}

	if hasQuery {
		q, err := parseQuery(rawQuery)
		if err != nil {
			return nil, &Error{URL: maskRaw(raw), Msg: fmt.Sprintf("invalid query string: %v", err)}
		}
		u.Query = q
	}
	if u.Dialect == SQLite && (u.Host != "" || u.Username != "" || u.Port != 0) {
		return nil, &Error{URL: u.String(), Msg: "invalid sqlite URL: it takes no host, user or port; write sqlite:///relative.db or sqlite:////absolute/path.db"}
	}
	return u, nil
}

func isSchemeName(s string) bool {
	for _, c := range s {
		if !(c == '+' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// parseQuery decodes the query as Python's parse_qsl does by default:
// "+" is a space, and parameters without a value are dropped.
func parseQuery(raw string) ([]QueryParam, error) {
	var params []QueryParam
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		k, v, ok := strings.Cut(part, "=")
		if !ok || v == "" {
			continue
		}
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			return nil, err
		}
		params = append(params, QueryParam{Key: key, Value: value})
	}
	return params, nil
}

// Get returns the last value of a query parameter.
func (u *URL) Get(key string) (string, bool) {
	for i := len(u.Query) - 1; i >= 0; i-- {
		if u.Query[i].Key == key {
			return u.Query[i].Value, true
		}
	}
	return "", false
}

// DriverName returns the database/sql driver name retort uses for the
// dialect: "pgx", "mysql" or "sqlite".
func (u *URL) DriverName() string {
	switch u.Dialect {
	case PostgreSQL:
		return "pgx"
	case MySQL:
		return "mysql"
	default:
		return "sqlite"
	}
}

// scheme is SQLAlchemy's drivername ("postgresql+psycopg2"); "postgres"
// is rendered as "postgresql".
func (u *URL) scheme() string {
	name := u.Dialect
	if u.Flavor != "" {
		name = u.Flavor
	}
	if u.Driver != "" {
		name += "+" + u.Driver
	}
	return name
}

// String renders the URL as SQLAlchemy 1.4's repr() does, with the password
// replaced by "***" and the query sorted by key.
func (u *URL) String() string { return u.render(true) }

// Unmasked renders the URL with its password, as SQLAlchemy's str() does;
// only for passing on to another program, never for printing.
func (u *URL) Unmasked() string { return u.render(false) }

func (u *URL) render(hidePassword bool) string {
	var b strings.Builder
	b.WriteString(u.scheme())
	b.WriteString("://")
	if u.Username != "" || u.HasPassword {
		b.WriteString(quoteUserinfo(u.Username))
		if u.HasPassword {
			b.WriteByte(':')
			if hidePassword {
				b.WriteString("***")
			} else {
				b.WriteString(quoteUserinfo(u.Password))
			}
		}
		b.WriteByte('@')
	}
	if strings.Contains(u.Host, ":") {
		b.WriteString("[" + u.Host + "]")
	} else {
		b.WriteString(u.Host)
	}
	if u.Port != 0 {
		b.WriteString(":" + strconv.Itoa(u.Port))
	}
	if u.HasDatabase {
		b.WriteString("/" + u.Database)
	}
	if len(u.Query) > 0 {
		// SQLAlchemy sorts keys and keeps each key's values in order.
		keys := []string{}
		byKey := map[string][]string{}
		for _, p := range u.Query {
			if _, ok := byKey[p.Key]; !ok {
				keys = append(keys, p.Key)
			}
			byKey[p.Key] = append(byKey[p.Key], p.Value)
		}
		sortStrings(keys)
		b.WriteByte('?')
		first := true
		for _, k := range keys {
			for _, v := range byKey[k] {
				if !first {
					b.WriteByte('&')
				}
				first = false
				b.WriteString(pyQuotePlus(k) + "=" + pyQuotePlus(v))
			}
		}
	}
	return b.String()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// quoteUserinfo is SQLAlchemy's _sqla_url_quote: only ":", "@" and "/" are
// percent-encoded.
func quoteUserinfo(s string) string {
	r := strings.NewReplacer(":", "%3A", "@", "%40", "/", "%2F")
	return r.Replace(s)
}

// pyQuotePlus is Python's urllib.parse.quote_plus: like url.QueryEscape but
// "~" stays unescaped.
func pyQuotePlus(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "%7E", "~")
}

// maskRaw hides the password of a URL that could not be parsed. It masks
// from the first ":" after the last "//" (or the start) up to the last "@",
// erring on the side of hiding too much.
func maskRaw(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	start := 0
	if i := strings.LastIndex(raw[:at], "//"); i >= 0 {
		start = i + 2
	}
	colon := strings.IndexByte(raw[start:at], ':')
	if colon < 0 {
		return raw
	}
	return raw[:start+colon+1] + "***" + raw[at:]
}

// IsMemory reports whether the URL names an in-memory SQLite database
// ("sqlite://", "sqlite:///" or "sqlite:///:memory:"). Every connection to
// such a database sees its own copy, so callers must limit the pool to one
// connection (db.SetMaxOpenConns(1)).
func (u *URL) IsMemory() bool {
	return u.Dialect == SQLite && (u.Database == "" || u.Database == ":memory:")
}

// Mask replaces the password of u, raw and percent-encoded, wherever it
// appears in s, so that driver errors and echoed DSNs can be printed. A
// password shorter than four characters is replaced only where it stands
// alone (not inside a longer word), so that masking "ab" does not garble
// every message that contains those letters.
func Mask(s string, u *URL) string {
	if u == nil || u.Password == "" {
		return s
	}
	if len(u.Password) < 4 {
		return maskWhole(s, u.Password)
	}
	forms := []string{u.Password, url.QueryEscape(u.Password), url.PathEscape(u.Password), quoteUserinfo(u.Password)}
	// Replace longer forms first so a short form inside a long one does not
	// leave fragments behind.
	for i := 1; i < len(forms); i++ {
		for j := i; j > 0 && len(forms[j]) > len(forms[j-1]); j-- {
			forms[j], forms[j-1] = forms[j-1], forms[j]
		}
	}
	for _, f := range forms {
		if f != "" {
			s = strings.ReplaceAll(s, f, "***")
		}
	}
	return s
}

// maskWhole replaces occurrences of pw that are not part of a longer run
// of letters and digits.
func maskWhole(s, pw string) string {
	isWordByte := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	var b strings.Builder
	for {
		i := strings.Index(s, pw)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(pw)
		alone := (i == 0 || !isWordByte(s[i-1]) || !isWordByte(pw[0])) &&
			(end == len(s) || !isWordByte(s[end]) || !isWordByte(pw[len(pw)-1]))
		b.WriteString(s[:i])
		if alone {
			b.WriteString("***")
		} else {
			b.WriteString(pw)
		}
		s = s[end:]
	}
}
