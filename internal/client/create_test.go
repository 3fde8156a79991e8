package client

import (
	"context"
	"errors"
	"regexp"
	"testing"
)

// fakeCreate scripts the answers of the sends and finds of one create.
type fakeCreate struct {
	sends   []error
	found   []bool
	findErr error
	keys    []string
	finds   int
}

func (f *fakeCreate) op() Create[string] {
	return Create[string]{
		Send: func(_ context.Context, key string) (string, error) {
			err := f.sends[len(f.keys)]
			f.keys = append(f.keys, key)
			if err != nil {
				return "", err
			}
			return "created", nil
		},
		Find: func(context.Context) (string, bool, error) {
			if f.findErr != nil {
				return "", false, f.findErr
			}
			ok := f.found[f.finds]
			f.finds++
			if ok {
				return "found", true, nil
			}
			return "", false, nil
		},
	}
}

func TestCreateOnce(t *testing.T) {
	lost := &AmbiguousError{Err: errors.New("POST /r: EOF")}
	inFlight := NewAPIError("POST", "/r", 409, MsgIdempotencyInFlight)
	core := newTestCore(t, "http://127.0.0.1:1", CoreOptions{MaxRetries: 2})
	tests := []struct {
		name      string
		fake      fakeCreate
		want      string
		wantErr   string
		wantSends int
	}{
		{"success", fakeCreate{sends: []error{nil}}, "created", "", 1},
		{"plain error is returned", fakeCreate{sends: []error{errors.New("HTTP 400")}}, "", "HTTP 400", 1},
		{"lost answer, object found: adopted", fakeCreate{sends: []error{lost}, found: []bool{true}}, "found", "", 1},
		{"lost answer, not made: sent again", fakeCreate{sends: []error{lost, nil}, found: []bool{false}}, "created", "", 2},
		{"earlier send still running: checked, then sent again", fakeCreate{sends: []error{inFlight, nil}, found: []bool{false}}, "created", "", 2},
		{"lost every time", fakeCreate{sends: []error{lost, lost, lost}, found: []bool{false, false, false}}, "",
			"POST /r: EOF; the server has not made the object, so nothing was created", 3},
		{"check fails", fakeCreate{sends: []error{lost}, findErr: errors.New("GET /list: HTTP 403")}, "",
			"POST /r: EOF; checking whether the server made the object anyway failed too: GET /list: HTTP 403", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.fake
			got, err := CreateOnce(context.Background(), core, f.op())
			if len(f.keys) != tt.wantSends {
				t.Errorf("%d sends, want %d", len(f.keys), tt.wantSends)
			}
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// Every send of one operation carries the same key; another operation gets a fresh one.
func TestCreateOnce_idempotencyKeyPerOperation(t *testing.T) {
	lost := &AmbiguousError{Err: errors.New("POST /r: EOF")}
	core := newTestCore(t, "http://127.0.0.1:1", CoreOptions{MaxRetries: 2})
	first := fakeCreate{sends: []error{lost, nil}, found: []bool{false}}
	if _, err := CreateOnce(context.Background(), core, first.op()); err != nil {
		t.Fatal(err)
	}
	second := fakeCreate{sends: []error{nil}}
	if _, err := CreateOnce(context.Background(), core, second.op()); err != nil {
		t.Fatal(err)
	}
	valid := regexp.MustCompile(`^[\x21-\x7e]{8,255}$`)
	if len(first.keys) != 2 || first.keys[0] != first.keys[1] || !valid.MatchString(first.keys[0]) {
		t.Fatalf("re-send of one operation: keys %q, want the same valid key twice", first.keys)
	}
	if second.keys[0] == first.keys[0] {
		t.Fatalf("a second operation reused the key %q", first.keys[0])
	}
}

// A create cancelled after its request left still checks the server, on a
// context of its own, and returns what it finds.
func TestCreateOnce_cancelledCreateStillChecks(t *testing.T) {
	core := newTestCore(t, "http://127.0.0.1:1", CoreOptions{MaxRetries: 2})
	for _, tt := range []struct {
		name    string
		found   bool
		wantErr string
	}{
		{"made: returned", true, ""},
		{"not made: nothing was created", false, "POST /r: context canceled; the server has not made the object, so nothing was created"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			sends := 0
			op := Create[string]{
				Send: func(context.Context, string) (string, error) {
					sends++
					cancel()
					return "", &AmbiguousError{Err: errors.New("POST /r: " + context.Canceled.Error())}
				},
				Find: func(checkCtx context.Context) (string, bool, error) {
					if checkCtx.Err() != nil {
						return "", false, checkCtx.Err()
					}
					if _, ok := checkCtx.Deadline(); !ok {
						t.Error("the check has no budget of its own")
					}
					return "found", tt.found, nil
				},
			}
			got, err := CreateOnce(ctx, core, op)
			if sends != 1 {
				t.Errorf("%d sends after cancellation, want 1", sends)
			}
			if tt.wantErr == "" && (err != nil || got != "found") {
				t.Fatalf("got %q, %v; want the object found", got, err)
			}
			if tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// A create the server refuses because the object exists answers the object
// found with an *ExistsError; a refusal without such an object stays an error.
func TestCreateOnce_exists(t *testing.T) {
	core := newTestCore(t, "http://127.0.0.1:1", CoreOptions{})
	refused := NewAPIError("POST", "/r", 400, "OBP-30006: Customer Number already exists.")
	for _, tt := range []struct {
		name       string
		found      bool
		wantExists bool
	}{{"found", true, true}, {"not found", false, false}} {
		t.Run(tt.name, func(t *testing.T) {
			f := fakeCreate{sends: []error{refused}, found: []bool{tt.found}}
			op := f.op()
			op.Exists = func(err error) bool { return HasCode(err, "OBP-30006") }
			got, err := CreateOnce(context.Background(), core, op)
			if IsExists(err) != tt.wantExists || !errors.Is(err, refused) {
				t.Fatalf("error %v, want exists=%v wrapping the refusal", err, tt.wantExists)
			}
			if tt.wantExists && got != "found" {
				t.Fatalf("got %q, want the existing object", got)
			}
		})
	}
}

// CheckFirst looks before sending: an existing object is answered without a send.
func TestCreateOnce_checkFirst(t *testing.T) {
	core := newTestCore(t, "http://127.0.0.1:1", CoreOptions{})
	f := fakeCreate{sends: []error{nil}, found: []bool{true}}
	op := f.op()
	op.CheckFirst = true
	got, err := CreateOnce(context.Background(), core, op)
	if !IsExists(err) || got != "found" || len(f.keys) != 0 {
		t.Fatalf("got %q, %v after %d sends; want the existing object and no send", got, err, len(f.keys))
	}
	f = fakeCreate{sends: []error{nil}, found: []bool{false}}
	op = f.op()
	op.CheckFirst = true
	if got, err := CreateOnce(context.Background(), core, op); err != nil || got != "created" {
		t.Fatalf("got %q, %v; want a create", got, err)
	}
}
