package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Redacted replaces a secret in errors and logs.
const Redacted = "[redacted]"

// minSecretLen: shorter values would blank out ordinary words of every
// message; no real credential is that short.
const minSecretLen = 4

// Redactor holds every secret one client knows (configured credentials and
// every token issued to it, current and past) and removes them from text.
// It is safe for concurrent use; secrets are only ever added.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string // longest first, so a secret is replaced before its parts
	seen    map[string]bool
}

// NewRedactor returns a Redactor knowing secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{seen: map[string]bool{}}
	r.Add(secrets...)
	return r
}

// Add registers secrets, with the encoded forms a server may echo them in
// (URL query, JSON string and, for pairs, HTTP Basic).
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		for _, form := range encodedForms(s) {
			if len(form) >= minSecretLen && !r.seen[form] {
				r.seen[form] = true
				r.secrets = append(r.secrets, form)
			}
		}
	}
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// AddBasic registers the HTTP Basic form of a user and password pair.
func (r *Redactor) AddBasic(user, password string) {
	if password != "" {
		r.Add(base64.StdEncoding.EncodeToString([]byte(user + ":" + password)))
	}
}

func encodedForms(s string) []string {
	if s == "" {
		return nil
	}
	quoted, _ := json.Marshal(s)
	return []string{s, url.QueryEscape(s), url.PathEscape(s), strings.Trim(string(quoted), `"`)}
}

// Secrets returns the registered secrets.
func (r *Redactor) Secrets() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]string(nil), r.secrets...)
}

// Text removes every secret and every control character or terminal escape
// sequence from server-provided text.
func (r *Redactor) Text(s string) string {
	s = CleanText(s)
	if r == nil {
		return s
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, Redacted)
	}
	return s
}

// Error returns err with every secret and control character removed from
// its text. The fields of an *APIError in the chain are cleaned in place;
// other errors are wrapped, keeping errors.As and errors.Is working.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	if apiErr, ok := AsAPIError(err); ok {
		r.cleanAPIError(apiErr)
	}
	msg := err.Error()
	if clean := r.Text(msg); clean != msg {
		return &redactedError{msg: clean, err: err}
	}
	return err
}

// cleanAPIError writes only what changes: an error shared by concurrent
// requests (a refused login) is cleaned once, then only read.
func (r *Redactor) cleanAPIError(e *APIError) {
	clean := func(s *string) {
		if c := r.Text(*s); c != *s {
			*s = c
		}
	}
	clean(&e.Message)
	clean(&e.Code)
	for i := range e.Codes {
		clean(&e.Codes[i])
	}
}

// MaskLogs makes every tflog call with the returned context mask the secrets.
func (r *Redactor) MaskLogs(ctx context.Context) context.Context {
	secrets := r.Secrets()
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	return tflog.MaskAllFieldValuesStrings(ctx, secrets...)
}

// redactedError is an error whose text had secrets removed.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// escapeSequence matches ANSI/VT escape sequences: CSI (ESC [ … final),
// OSC (ESC ] … BEL or ST) and two-character escapes.
var escapeSequence = regexp.MustCompile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)?|\x1b[@-_]?|\u009b[0-?]*[ -/]*[@-~]")

// CleanText removes terminal escape sequences and control characters from
// text a server sent, so that it cannot rewrite what a user sees; line
// breaks and tabs become spaces.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = escapeSequence.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		case r == '\u202e' || r == '\u202d' || r == '\u2066' || r == '\u2067' || r == '\u2068' || r == '\u2069':
			return -1 // bidirectional overrides reorder what a terminal shows
		}
		return r
	}, s)
}
