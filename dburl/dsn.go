package dburl

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// SQLiteBusyTimeoutMillis is how long a SQLite connection waits for another
// process's lock before failing, so that concurrent runs queue up instead of
// erroring with "database is locked".
const SQLiteBusyTimeoutMillis = 30000

// DSN returns the data source name for sql.Open(u.DriverName(), dsn):
//   - postgresql: a postgres:// URL for pgx, query parameters kept in order
//     (libpq names such as sslmode, application_name, connect_timeout);
//   - mysql/mariadb: a go-sql-driver DSN, user:pass@tcp(host:port)/db, with
//     parseTime=true and SQLAlchemy's pymysql/mysqldb parameters mapped to
//     the driver's (charset, unix_socket, connect_timeout, read_timeout,
//     write_timeout, ssl_mode, local_infile); go-sql-driver's own parameter
//     names pass through;
//   - sqlite: a file path for modernc.org/sqlite (relative paths made
//     absolute against the current directory, as SQLAlchemy leaves them
//     relative to it), with busy_timeout and "_txlock=immediate" so that
//     transactions take the write lock up front and concurrent processes
//     wait for each other rather than deadlock.
//
// Parameters the Go driver cannot honour are an error naming the parameter.
func (u *URL) DSN() (string, error) {
	switch u.Dialect {
	case PostgreSQL:
		return u.postgresDSN(), nil
	case MySQL:
		return u.mysqlDSN()
	case SQLite:
		return u.sqliteDSN()
	}
	return "", &Error{URL: u.String(), Err: ErrUnsupportedDialect, Msg: fmt.Sprintf("%v %q", ErrUnsupportedDialect, u.Dialect)}
}

func (u *URL) postgresDSN() string {
	v := &url.URL{Scheme: "postgres", Host: u.hostPort(0)}
	if u.Username != "" || u.HasPassword {
		if u.HasPassword {
			v.User = url.UserPassword(u.Username, u.Password)
		} else {
			v.User = url.User(u.Username)
		}
	}
	if u.HasDatabase {
		v.Path = "/" + u.Database
	}
	v.RawQuery = encodeQuery(u.Query)
	return v.String()
}

func (u *URL) hostPort(defaultPort int) string {
	host := u.Host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port
	if port == 0 {
		port = defaultPort
	}
	if port == 0 {
		return host
	}
	return host + ":" + strconv.Itoa(port)
}

func encodeQuery(params []QueryParam) string {
	parts := make([]string, 0, len(params))
	for _, p := range params {
		parts = append(parts, url.QueryEscape(p.Key)+"="+url.QueryEscape(p.Value))
	}
	return strings.Join(parts, "&")
}

// mysqlPassThrough are go-sql-driver/mysql's own DSN parameters.
var mysqlPassThrough = map[string]bool{
	"allowAllFiles": true, "allowCleartextPasswords": true, "allowFallbackToPlaintext": true,
	"allowNativePasswords": true, "allowOldPasswords": true, "charset": true, "checkConnLiveness": true,
	"clientFoundRows": true, "collation": true, "columnsWithAlias": true, "connectionAttributes": true,
	"interpolateParams": true, "loc": true, "maxAllowedPacket": true, "multiStatements": true,
	"parseTime": true, "readTimeout": true, "rejectReadOnly": true, "serverPubKey": true,
	"timeout": true, "timeTruncate": true, "tls": true, "writeTimeout": true,
}

// mysqlIgnored are pymysql/mysqlclient connect arguments that only tune the
// Python driver and mean nothing to go-sql-driver.
var mysqlIgnored = map[string]bool{
	"binary_prefix": true, "use_unicode": true, "client_flag": true, "autocommit": true,
	"program_name": true, "defer_connect": true,
}

// mysqlSSLModes maps MySQL's ssl_mode values to go-sql-driver's tls values.
var mysqlSSLModes = map[string]string{
	"DISABLED": "false", "PREFERRED": "preferred", "REQUIRED": "skip-verify",
	"VERIFY_CA": "true", "VERIFY_IDENTITY": "true",
}

func (u *URL) mysqlDSN() (string, error) {
	var b strings.Builder
	if u.Username != "" || u.HasPassword {
		b.WriteString(u.Username)
		if u.HasPassword {
			b.WriteString(":" + u.Password)
		}
		b.WriteByte('@')
	}
	var params []QueryParam
	socket := ""
	hasParseTime := false
	for _, p := range u.Query {
		secs := func() (string, error) {
			f, err := strconv.ParseFloat(p.Value, 64)
			if err != nil || f < 0 {
				return "", &Error{URL: u.String(), Msg: fmt.Sprintf("query parameter %s=%q is not a number of seconds", p.Key, p.Value)}
			}
			return strconv.FormatFloat(f, 'f', -1, 64) + "s", nil
		}
		switch {
		case p.Key == "unix_socket":
			socket = p.Value
		case p.Key == "connect_timeout" || p.Key == "read_timeout" || p.Key == "write_timeout":
			d, err := secs()
			if err != nil {
				return "", err
			}
			key := map[string]string{"connect_timeout": "timeout", "read_timeout": "readTimeout", "write_timeout": "writeTimeout"}[p.Key]
			params = append(params, QueryParam{key, d})
		case p.Key == "ssl_mode":
			tls, ok := mysqlSSLModes[strings.ToUpper(p.Value)]
			if !ok {
				return "", &Error{URL: u.String(), Msg: fmt.Sprintf("unknown ssl_mode %q (expected DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)", p.Value)}
			}
			params = append(params, QueryParam{"tls", tls})
		case p.Key == "ssl":
			tls := "true"
			if v := strings.ToLower(p.Value); v == "false" || v == "0" || v == "no" {
				tls = "false"
			}
			params = append(params, QueryParam{"tls", tls})
		case p.Key == "local_infile":
			if v := strings.ToLower(p.Value); v == "1" || v == "true" {
				params = append(params, QueryParam{"allowAllFiles", "true"})
			}
		case mysqlIgnored[p.Key]:
		case mysqlPassThrough[p.Key]:
			hasParseTime = hasParseTime || p.Key == "parseTime"
			params = append(params, p)
		default:
			return "", &Error{URL: u.String(), Msg: fmt.Sprintf(
				"unsupported mysql URL query parameter %q (use charset, unix_socket, connect_timeout, read_timeout, write_timeout, ssl_mode, or a go-sql-driver/mysql DSN parameter)", p.Key)}
		}
	}
	switch {
	case socket != "":
		b.WriteString("unix(" + socket + ")")
	case u.Host != "":
		b.WriteString("tcp(" + u.hostPort(3306) + ")")
	}
	// The driver path-unescapes the name; SQLAlchemy never decoded it.
	b.WriteString("/" + url.PathEscape(u.Database))
	if !hasParseTime {
		params = append([]QueryParam{{"parseTime", "true"}}, params...)
	}
	b.WriteString("?" + encodeQuery(params))
	return b.String(), nil
}

// sqliteIgnored are pysqlite connect arguments with no meaning for
// modernc.org/sqlite.
var sqliteIgnored = map[string]bool{
	"check_same_thread": true, "isolation_level": true, "cached_statements": true,
	"detect_types": true, "factory": true,
}

func (u *URL) sqliteDSN() (string, error) {
	busy := SQLiteBusyTimeoutMillis
	isURI := false
	for _, p := range u.Query {
		if p.Key == "uri" {
			isURI = strings.ToLower(p.Value) == "true" || p.Value == "1"
		}
	}
	// With uri=true, parameters pysqlite does not consume belong to SQLite's
	// URI (mode, cache, immutable, ...), as SQLAlchemy passes them on.
	var uriParams []QueryParam
	for _, p := range u.Query {
		switch {
		case p.Key == "timeout":
			f, err := strconv.ParseFloat(p.Value, 64)
			if err != nil || f < 0 {
				return "", &Error{URL: u.String(), Msg: fmt.Sprintf("query parameter timeout=%q is not a number of seconds", p.Value)}
			}
			busy = int(f * 1000)
		case p.Key == "uri", sqliteIgnored[p.Key]:
		case isURI:
			uriParams = append(uriParams, p)
		default:
			return "", &Error{URL: u.String(), Msg: fmt.Sprintf(
				"unsupported sqlite URL query parameter %q (retort understands timeout and uri)", p.Key)}
		}
	}
	driverParams := fmt.Sprintf("_pragma=busy_timeout(%d)&_txlock=immediate", busy)
	var name string
	switch {
	case isURI:
		// The database is already a "file:" URI; SQLite reads its parameters.
		name = u.Database
		if len(uriParams) > 0 {
			name += "?" + encodeQuery(uriParams)
		}
	case u.IsMemory():
		name = ":memory:"
	default:
		abs, err := filepath.Abs(u.Database)
		if err != nil {
			return "", &Error{URL: u.String(), Msg: fmt.Sprintf("sqlite path: %v", err)}
		}
		name = abs
		// modernc.org/sqlite cuts a plain name at its first "?", so a path
		// holding "?" or "#" goes through a URI, where it can be escaped.
		if strings.ContainsAny(abs, "?#%") {
			name = "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
			name = strings.ReplaceAll(name, "?", "%3F")
		}
	}
	sep := "?"
	if strings.Contains(name, "?") {
		sep = "&"
	}
	return name + sep + driverParams, nil
}
