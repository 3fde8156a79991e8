package obp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// accountWithTags is an account as OBP-API renders it through a view: tags
// are AccountTagJSON objects (v4.0.0 JSON factory).
const accountWithTags = `{"id":"acc-1","label":"Main","number":"123","owners":[],"product_code":"CURRENT",
"balance":{"currency":"EUR","amount":"10.00"},"views_available":[],"bank_id":"b1","account_routings":[],
"account_attributes":[],"tags":[{"id":"9a1d8c52-0c1a-4c63-8e1b-1f1c5b0f7a11","value":"holiday",
"date":"2026-03-01T10:00:00Z","user":{"id":"u-1","provider":"https://obp.example","display_name":"alice"}}]}`

func TestAccountDecodesOBPTagObjects(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/obp/v5.1.0/banks/b1/accounts/acc-1/owner/account" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(accountWithTags))
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Account(context.Background(), "b1", "acc-1", "owner")
	if err != nil {
		t.Fatalf("Account: %v", err)
	}
	want := AccountTag{ID: "9a1d8c52-0c1a-4c63-8e1b-1f1c5b0f7a11", Value: "holiday", Date: "2026-03-01T10:00:00Z",
		User: AccountOwner{ID: "u-1", Provider: "https://obp.example", DisplayName: "alice"}}
	if len(got.Tags) != 1 || got.Tags[0] != want {
		t.Fatalf("tags = %+v, want [%+v]", got.Tags, want)
	}
}
