package pyscript

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// datetimeModule is the part of Python's datetime module migrations use
// for seed rows and timestamps: datetime (now, utcnow, fromisoformat),
// date (today, fromisoformat), timedelta and timezone.utc, with Python's
// str, repr, isoformat, strftime (common directives) and arithmetic.
var datetimeModule = newModule("datetime", starlark.StringDict{
	"datetime":  &dtType{name: "datetime"},
	"date":      &dtType{name: "date"},
	"timedelta": &dtType{name: "timedelta"},
	"timezone":  newModule("timezone", starlark.StringDict{"utc": utcValue{}}),
})

// utcValue is datetime.timezone.utc.
type utcValue struct{ base }

func (utcValue) String() string { return "UTC" }
func (utcValue) Type() string   { return "timezone" }
func (utcValue) pyRepr() string { return "datetime.timezone.utc" }

// dtType is one of the module's classes: callable, with class methods.
type dtType struct {
	base
	name string
}

func (t *dtType) Name() string   { return t.name }
func (t *dtType) String() string { return "<class 'datetime." + t.name + "'>" }
func (t *dtType) Type() string   { return "type" }

// AttrNames lists the class methods.
func (t *dtType) AttrNames() []string {
	switch t.name {
	case "datetime":
		return []string{"fromisoformat", "now", "utcnow"}
	case "date":
		return []string{"fromisoformat", "today"}
	}
	return nil
}

// Attr provides now, utcnow, today and fromisoformat.
func (t *dtType) Attr(name string) (starlark.Value, error) {
	switch {
	case name == "now" && t.name == "datetime":
		return method("datetime.now", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var tz starlark.Value = starlark.None
			if err := starlark.UnpackArgs("datetime.now", args, kwargs, "tz?", &tz); err != nil {
				return nil, err
			}
			if tz != starlark.None {
				return &dateValue{t: time.Now().UTC().Truncate(time.Microsecond), aware: true}, nil
			}
			now := time.Now()
			return &dateValue{t: naive(now)}, nil
		}), nil
	case name == "utcnow" && t.name == "datetime":
		return method("datetime.utcnow", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs("datetime.utcnow", args, kwargs, 0); err != nil {
				return nil, err
			}
			return &dateValue{t: time.Now().UTC().Truncate(time.Microsecond)}, nil
		}), nil
	case name == "today" && t.name == "date":
		return method("date.today", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			n := time.Now()
			return &dateValue{t: time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC), dateOnly: true}, nil
		}), nil
	case name == "fromisoformat" && t.name != "timedelta":
		return method(t.name+".fromisoformat", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var s string
			if err := starlark.UnpackPositionalArgs(t.name+".fromisoformat", args, kwargs, 1, &s); err != nil {
				return nil, err
			}
			return parseISO(s, t.name == "date")
		}), nil
	}
	return nil, nil
}

func naive(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1000*1000, time.UTC)
}

func parseISO(s string, dateOnly bool) (starlark.Value, error) {
	layouts := []string{"2006-01-02"}
	if !dateOnly {
		layouts = []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07:00",
			"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			aware := strings.Contains(l, "Z07")
			if aware {
				t = t.UTC()
			}
			return &dateValue{t: t, dateOnly: dateOnly, aware: aware}, nil
		}
	}
	return nil, fmt.Errorf("ValueError: Invalid isoformat string: %s", strRepr(s, false))
}

// CallInternal constructs a datetime, date or timedelta.
func (t *dtType) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	switch t.name {
	case "timedelta":
		var days, seconds, micro, milli, minutes, hours, weeks starlark.Value = starlark.MakeInt(0), starlark.MakeInt(0), starlark.MakeInt(0), starlark.MakeInt(0), starlark.MakeInt(0), starlark.MakeInt(0), starlark.MakeInt(0)
		if err := starlark.UnpackArgs("timedelta", args, kwargs, "days?", &days, "seconds?", &seconds, "microseconds?", &micro,
			"milliseconds?", &milli, "minutes?", &minutes, "hours?", &hours, "weeks?", &weeks); err != nil {
			return nil, err
		}
		total := 0.0
		for _, p := range []struct {
			v     starlark.Value
			scale float64
		}{{days, 86400e6}, {seconds, 1e6}, {micro, 1}, {milli, 1e3}, {minutes, 60e6}, {hours, 3600e6}, {weeks, 7 * 86400e6}} {
			f, ok := asFloat(p.v)
			if !ok {
				return nil, fmt.Errorf("TypeError: unsupported type for timedelta component: %s", pyTypeName(p.v))
			}
			total += f * p.scale
		}
		return timedeltaValue(int64(total + 0.5*sign(total))), nil
	case "date":
		var y, m, d int
		if err := starlark.UnpackArgs("date", args, kwargs, "year", &y, "month", &m, "day", &d); err != nil {
			return nil, err
		}
		tt, err := makeDate(y, m, d, 0, 0, 0, 0)
		if err != nil {
			return nil, err
		}
		return &dateValue{t: tt, dateOnly: true}, nil
	}
	var y, mo, d, h, mi, s, us int
	var tz starlark.Value = starlark.None
	if err := starlark.UnpackArgs("datetime", args, kwargs, "year", &y, "month", &mo, "day", &d, "hour?", &h, "minute?", &mi,
		"second?", &s, "microsecond?", &us, "tzinfo?", &tz); err != nil {
		return nil, err
	}
	tt, err := makeDate(y, mo, d, h, mi, s, us)
	if err != nil {
		return nil, err
	}
	return &dateValue{t: tt, aware: tz != starlark.None}, nil
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

func makeDate(y, mo, d, h, mi, s, us int) (time.Time, error) {
	switch {
	case y < 1 || y > 9999:
		return time.Time{}, fmt.Errorf("ValueError: year %d is out of range", y)
	case mo < 1 || mo > 12:
		return time.Time{}, fmt.Errorf("ValueError: month must be in 1..12")
	case d < 1 || d > time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day():
		return time.Time{}, fmt.Errorf("ValueError: day is out of range for month")
	case h < 0 || h > 23:
		return time.Time{}, fmt.Errorf("ValueError: hour must be in 0..23")
	case mi < 0 || mi > 59:
		return time.Time{}, fmt.Errorf("ValueError: minute must be in 0..59")
	case s < 0 || s > 59:
		return time.Time{}, fmt.Errorf("ValueError: second must be in 0..59")
	case us < 0 || us > 999999:
		return time.Time{}, fmt.Errorf("ValueError: microsecond must be in 0..999999")
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, us*1000, time.UTC), nil
}

// dateValue is a datetime.datetime or (dateOnly) datetime.date; t holds
// the wall clock in UTC, aware marks a UTC-aware datetime.
type dateValue struct {
	t        time.Time
	dateOnly bool
	aware    bool
}

var (
	_ starlark.HasBinary  = (*dateValue)(nil)
	_ starlark.Comparable = (*dateValue)(nil)
)

func (d *dateValue) Freeze()              {}
func (d *dateValue) Truth() starlark.Bool { return true }
func (d *dateValue) Hash() (uint32, error) {
	return starlark.String(d.t.Format(time.RFC3339Nano)).Hash()
}
func (d *dateValue) Type() string {
	if d.dateOnly {
		return "datetime.date"
	}
	return "datetime.datetime"
}
func (d *dateValue) String() string { return d.isoformat(" ") }

func (d *dateValue) isoformat(sep string) string {
	if d.dateOnly {
		return d.t.Format("2006-01-02")
	}
	s := d.t.Format("2006-01-02") + sep + d.t.Format("15:04:05")
	if us := d.t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if d.aware {
		s += "+00:00"
	}
	return s
}

func (d *dateValue) pyRepr() string {
	t := d.t
	if d.dateOnly {
		return fmt.Sprintf("datetime.date(%d, %d, %d)", t.Year(), t.Month(), t.Day())
	}
	parts := []int{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute()}
	if t.Second() != 0 || t.Nanosecond() != 0 {
		parts = append(parts, t.Second())
	}
	if t.Nanosecond() != 0 {
		parts = append(parts, t.Nanosecond()/1000)
	}
	strs := make([]string, len(parts))
	for i, p := range parts {
		strs[i] = strconv.Itoa(p)
	}
	s := "datetime.datetime(" + strings.Join(strs, ", ")
	if d.aware {
		s += ", tzinfo=datetime.timezone.utc"
	}
	return s + ")"
}

// CompareSameType orders dates in time.
func (d *dateValue) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	o := y.(*dateValue)
	if o.dateOnly != d.dateOnly {
		return false, fmt.Errorf("TypeError: can't compare %s to %s", d.Type(), o.Type())
	}
	if o.aware != d.aware && op != syntax.EQL && op != syntax.NEQ {
		return false, fmt.Errorf("TypeError: can't compare offset-naive and offset-aware datetimes")
	}
	c := d.t.Compare(o.t)
	if o.aware != d.aware {
		c = 1
	}
	switch op {
	case syntax.EQL:
		return c == 0, nil
	case syntax.NEQ:
		return c != 0, nil
	case syntax.LT:
		return c < 0, nil
	case syntax.LE:
		return c <= 0, nil
	case syntax.GT:
		return c > 0, nil
	}
	return c >= 0, nil
}

// Binary implements date ± timedelta and date - date.
func (d *dateValue) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	switch o := y.(type) {
	case timedeltaValue:
		if op == syntax.PLUS || op == syntax.MINUS && side == starlark.Left {
			delta := time.Duration(o) * time.Microsecond
			if op == syntax.MINUS {
				delta = -delta
			}
			if d.dateOnly {
				delta = delta.Truncate(24 * time.Hour)
			}
			return &dateValue{t: d.t.Add(delta), dateOnly: d.dateOnly, aware: d.aware}, nil
		}
	case *dateValue:
		if op == syntax.MINUS && o.dateOnly == d.dateOnly && o.aware == d.aware {
			x, z := d.t, o.t
			if side == starlark.Right {
				x, z = z, x
			}
			return timedeltaValue(x.Sub(z) / time.Microsecond), nil
		}
	}
	return nil, nil
}

// AttrNames lists the attributes and methods.
func (d *dateValue) AttrNames() []string {
	names := []string{"day", "isoformat", "isoweekday", "month", "replace", "strftime", "weekday", "year"}
	if !d.dateOnly {
		names = append(names, "date", "hour", "microsecond", "minute", "second", "timestamp", "tzinfo")
	}
	return names
}

// Attr provides the fields and methods.
func (d *dateValue) Attr(name string) (starlark.Value, error) {
	t := d.t
	switch name {
	case "year":
		return starlark.MakeInt(t.Year()), nil
	case "month":
		return starlark.MakeInt(int(t.Month())), nil
	case "day":
		return starlark.MakeInt(t.Day()), nil
	case "isoformat":
		return method("isoformat", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			sep := "T"
			if err := starlark.UnpackArgs("isoformat", args, kwargs, "sep?", &sep); err != nil {
				return nil, err
			}
			return starlark.String(d.isoformat(sep)), nil
		}), nil
	case "strftime":
		return method("strftime", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var f string
			if err := starlark.UnpackPositionalArgs("strftime", args, kwargs, 1, &f); err != nil {
				return nil, err
			}
			s, err := strftime(t, f, d.aware)
			return starlark.String(s), err
		}), nil
	case "weekday", "isoweekday":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			wd := (int(t.Weekday()) + 6) % 7
			if name == "isoweekday" {
				wd++
			}
			return starlark.MakeInt(wd), nil
		}), nil
	case "replace":
		return method("replace", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			y, mo, dd, h, mi, s, us := t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1000
			if err := starlark.UnpackArgs("replace", args, kwargs, "year?", &y, "month?", &mo, "day?", &dd, "hour?", &h,
				"minute?", &mi, "second?", &s, "microsecond?", &us); err != nil {
				return nil, err
			}
			nt, err := makeDate(y, mo, dd, h, mi, s, us)
			if err != nil {
				return nil, err
			}
			return &dateValue{t: nt, dateOnly: d.dateOnly, aware: d.aware}, nil
		}), nil
	}
	if d.dateOnly {
		return nil, nil
	}
	switch name {
	case "hour":
		return starlark.MakeInt(t.Hour()), nil
	case "minute":
		return starlark.MakeInt(t.Minute()), nil
	case "second":
		return starlark.MakeInt(t.Second()), nil
	case "microsecond":
		return starlark.MakeInt(t.Nanosecond() / 1000), nil
	case "tzinfo":
		if d.aware {
			return utcValue{}, nil
		}
		return starlark.None, nil
	case "date":
		return method("date", func(_ *starlark.Thread, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return &dateValue{t: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), dateOnly: true}, nil
		}), nil
	case "timestamp":
		return method("timestamp", func(_ *starlark.Thread, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			tt := t
			if !d.aware { // naive datetimes are local time in Python
				tt = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.Local)
			}
			return starlark.Float(float64(tt.UnixMicro()) / 1e6), nil
		}), nil
	}
	return nil, nil
}

// strftime implements the common C directives.
func strftime(t time.Time, f string, aware bool) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			sb.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'Y':
			fmt.Fprintf(&sb, "%04d", t.Year())
		case 'y':
			fmt.Fprintf(&sb, "%02d", t.Year()%100)
		case 'm':
			fmt.Fprintf(&sb, "%02d", int(t.Month()))
		case 'd':
			fmt.Fprintf(&sb, "%02d", t.Day())
		case 'H':
			fmt.Fprintf(&sb, "%02d", t.Hour())
		case 'I':
			fmt.Fprintf(&sb, "%02d", (t.Hour()+11)%12+1)
		case 'M':
			fmt.Fprintf(&sb, "%02d", t.Minute())
		case 'S':
			fmt.Fprintf(&sb, "%02d", t.Second())
		case 'f':
			fmt.Fprintf(&sb, "%06d", t.Nanosecond()/1000)
		case 'j':
			fmt.Fprintf(&sb, "%03d", t.YearDay())
		case 'p':
			sb.WriteString(t.Format("PM"))
		case 'b':
			sb.WriteString(t.Format("Jan"))
		case 'B':
			sb.WriteString(t.Format("January"))
		case 'a':
			sb.WriteString(t.Format("Mon"))
		case 'A':
			sb.WriteString(t.Format("Monday"))
		case 'w':
			fmt.Fprintf(&sb, "%d", int(t.Weekday()))
		case 'z':
			if aware {
				sb.WriteString("+0000")
			}
		case 'Z':
			if aware {
				sb.WriteString("UTC")
			}
		case '%':
			sb.WriteByte('%')
		default:
			return "", fmt.Errorf("retort does not support the strftime directive %%%c", f[i])
		}
	}
	return sb.String(), nil
}

// timedeltaValue is a datetime.timedelta in microseconds.
type timedeltaValue int64

var (
	_ starlark.HasBinary  = timedeltaValue(0)
	_ starlark.HasUnary   = timedeltaValue(0)
	_ starlark.Comparable = timedeltaValue(0)
)

func (d timedeltaValue) Freeze()               {}
func (d timedeltaValue) Truth() starlark.Bool  { return d != 0 }
func (d timedeltaValue) Hash() (uint32, error) { return starlark.MakeInt64(int64(d)).Hash() }
func (d timedeltaValue) Type() string          { return "datetime.timedelta" }

// parts splits d as Python normalises it: days may be negative, seconds
// and microseconds are not.
func (d timedeltaValue) parts() (days, secs, us int64) {
	us = int64(d)
	days = floorDiv(us, 86400e6)
	rest := us - days*86400e6
	return days, rest / 1e6, rest % 1e6
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func (d timedeltaValue) String() string {
	days, secs, us := d.parts()
	s := fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	if us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if days != 0 {
		unit := "days"
		if days == 1 || days == -1 {
			unit = "day"
		}
		s = fmt.Sprintf("%d %s, %s", days, unit, s)
	}
	return s
}

func (d timedeltaValue) pyRepr() string {
	days, secs, us := d.parts()
	var parts []string
	if days != 0 {
		parts = append(parts, fmt.Sprintf("days=%d", days))
	}
	if secs != 0 {
		parts = append(parts, fmt.Sprintf("seconds=%d", secs))
	}
	if us != 0 {
		parts = append(parts, fmt.Sprintf("microseconds=%d", us))
	}
	if len(parts) == 0 {
		return "datetime.timedelta(0)"
	}
	return "datetime.timedelta(" + strings.Join(parts, ", ") + ")"
}

// CompareSameType orders durations.
func (d timedeltaValue) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	return starlark.CompareDepth(op, starlark.MakeInt64(int64(d)), starlark.MakeInt64(int64(y.(timedeltaValue))), depth)
}

// Unary implements -d and +d.
func (d timedeltaValue) Unary(op syntax.Token) (starlark.Value, error) {
	switch op {
	case syntax.MINUS:
		return -d, nil
	case syntax.PLUS:
		return d, nil
	}
	return nil, nil
}

// Binary implements sums, differences and integer multiples.
func (d timedeltaValue) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	switch o := y.(type) {
	case timedeltaValue:
		switch op {
		case syntax.PLUS:
			return d + o, nil
		case syntax.MINUS:
			if side == starlark.Left {
				return d - o, nil
			}
			return o - d, nil
		}
	case starlark.Int:
		if op == syntax.STAR {
			n, ok := o.Int64()
			if !ok {
				return nil, fmt.Errorf("OverflowError: timedelta multiple too large")
			}
			return d * timedeltaValue(n), nil
		}
	}
	return nil, nil
}

// AttrNames lists the fields.
func (d timedeltaValue) AttrNames() []string {
	return []string{"days", "microseconds", "seconds", "total_seconds"}
}

// Attr provides days, seconds, microseconds and total_seconds().
func (d timedeltaValue) Attr(name string) (starlark.Value, error) {
	days, secs, us := d.parts()
	switch name {
	case "days":
		return starlark.MakeInt64(days), nil
	case "seconds":
		return starlark.MakeInt64(secs), nil
	case "microseconds":
		return starlark.MakeInt64(us), nil
	case "total_seconds":
		return method("total_seconds", func(_ *starlark.Thread, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return starlark.Float(float64(d) / 1e6), nil
		}), nil
	}
	return nil, nil
}
