package sandbox

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

// Each API answers the faults injected in front of it in its own format;
// OBP keeps the injector's default answers.
func TestAll_faultsAnswerInEachAPIsFormat(t *testing.T) {
	a := NewAll(obp.Options{})
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	tests := []struct {
		method, path string
		status       int
		want         string
	}{
		{http.MethodGet, "/obp/v5.1.0/banks", 503, "<h1>503 Service Unavailable</h1>"},
		{http.MethodGet, "/obp/v5.1.0/banks", 429, `"OBP-10018: Too Many Requests.`},
		{http.MethodGet, ThreddPrefix + "/api/v1/open-banking/customers/c/accounts", 503, `"code":"SERVICE_UNAVAILABLE"`},
		{http.MethodGet, CDRPrefix + cdr.AccountsPath, 429, `{"errors":[{"code":"urn:au-cds:error:cds-all:GeneralError/Expected","title":"Expected Error Encountered","detail":"Too many requests"}]}`},
		{http.MethodGet, TrueLayerPrefix + truelayer.ConnectedAccountsPath, 503, `"type":"https://docs.truelayer.com/docs/error-types#service-unavailable"`},
		{http.MethodGet, TrueLayerPrefix + truelayer.ConnectedAccountsPath, 429, `"type":"https://docs.truelayer.com/docs/error-types#rate-limit-exceeded"`},
		{http.MethodPost, TrueLayerPrefix + truelayer.TokenPath, 503, `{"error":"temporarily_unavailable"`},
		{http.MethodPost, IvyPrefix + "/api/services/data/accounts/list", 503, `"category":"api_error","code":"SERVICE_UNAVAILABLE"`},
		{http.MethodPost, IvyPrefix + "/api/services/data/accounts/list", 429, `"category":"rate_limiting","code":"TOO_MANY_REQUESTS"`},
	}
	for _, tt := range tests {
		a.Faults.Set(faults.Config{ErrorRates: map[int]float64{tt.status: 1}})
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s %s: %d %s, want %d with %s", tt.method, tt.path, resp.StatusCode, body, tt.status, tt.want)
		}
	}
}
