package truelayer

import (
	"net/http"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name, body    string
		code, message string
	}{
		{"full problem", `{"type":"https://docs.truelayer.com/docs/error-types#forbidden","title":"Forbidden","status":403,"trace_id":"abc","detail":"Connection lacks the accounts scope."}`,
			CodeForbidden, "Connection lacks the accounts scope."},
		{"title only", `{"type":"https://docs.truelayer.com/docs/error-types#unknown-error","title":"Unknown Error","status":500}`,
			CodeUnknownError, "Unknown Error"},
		{"field errors", `{"type":"https://docs.truelayer.com/docs/error-types#invalid-parameters","title":"Invalid Parameters","detail":"Invalid request parameters.","errors":{"cursor":["Invalid cursor."],"Connection-Id":["Required.","Must be a UUID."],"n":1,"s":"text"}}`,
			CodeInvalidParameters, "Invalid request parameters. (Connection-Id: Required.; Must be a UUID., cursor: Invalid cursor., n: 1, s: text)"},
		{"type without fragment", `{"type":"https://errors.example/provider-error","title":"Provider Error"}`, CodeProviderError, "Provider Error"},
		{"no type", `{"title":"Rate Limit Exceeded","detail":"Slow down."}`, CodeRateLimitExceeded, "Slow down."},
		{"about:blank", `{"type":"about:blank","title":"Not Found"}`, "not-found", "Not Found"},
		{"message envelope", `{"message":"gateway said no"}`, "", "gateway said no"},
		{"HTML", `<html>oops</html>`, "", "unexpected text/html response: <html>oops</html>"},
		{"empty", ``, "", "empty response body"},
		{"JSON without problem fields", `{"status":418}`, "", `unexpected text/html response: {"status":418}`},
	}
	header := http.Header{"Content-Type": {"text/html"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := DecodeError(http.MethodGet, ConnectedAccountsPath, 418, header, []byte(tt.body))
			apiErr, ok := err.(*client.APIError) //nolint:errorlint // DecodeError returns the bare type
			if !ok {
				t.Fatalf("got %T", err)
			}
			if apiErr.Code != tt.code || apiErr.Message != tt.message || apiErr.StatusCode != 418 || apiErr.Path != ConnectedAccountsPath {
				t.Errorf("got code %q message %q", apiErr.Code, apiErr.Message)
			}
			if (tt.code != "") != (len(apiErr.Codes) == 1 && apiErr.Codes[0] == tt.code) {
				t.Errorf("Codes %v", apiErr.Codes)
			}
		})
	}
}

func TestDecodeTokenError(t *testing.T) {
	err := decodeTokenError(400, http.Header{}, []byte(`{"error":"invalid_client","error_description":"Client authentication failed."}`))
	apiErr, ok := client.AsAPIError(err)
	if !ok || apiErr.Code != CodeInvalidClient || apiErr.Message != "Client authentication failed." || apiErr.Method != http.MethodPost || apiErr.Path != TokenPath {
		t.Fatalf("got %#v", err)
	}
}
