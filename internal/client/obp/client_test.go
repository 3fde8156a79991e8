package obp

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

const bankID = obpsandbox.DefaultBankID

type env struct {
	sb *obpsandbox.Server
	ts *httptest.Server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	sb := obpsandbox.New(obpsandbox.Options{})
	ts := httptest.NewServer(sb)
	t.Cleanup(ts.Close)
	return &env{sb: sb, ts: ts}
}

// client returns a client logging in as the sandbox admin, with cfg overrides.
func (e *env) client(t testing.TB, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		URL: e.ts.URL, Username: obpsandbox.AdminUsername, Password: obpsandbox.AdminPassword,
		ConsumerKey: obpsandbox.ConsumerKey, Settings: client.Settings{Timeout: 10 * time.Second},
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func (e *env) createMinimal(t testing.TB, c *Client, name, phone string) *Customer {
	t.Helper()
	cust, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: name, MobilePhoneNumber: phone})
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	return cust
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptrTime(t time.Time) *Time { return NewTime(t) }

func wantAPIError(t *testing.T, err error, status int, code string) *client.APIError {
	t.Helper()
	apiErr, ok := client.AsAPIError(err)
	if !ok {
		t.Fatalf("want *client.APIError (%d %s), got %T %v", status, code, err, err)
	}
	if apiErr.StatusCode != status || apiErr.Code != code {
		t.Fatalf("got HTTP %d code %q (%v), want HTTP %d %s", apiErr.StatusCode, apiErr.Code, err, status, code)
	}
	return apiErr
}

func TestNewConfigErrors(t *testing.T) {
	if _, err := New(Config{URL: "not a url"}); err == nil {
		t.Error("invalid URL: want error")
	}
	if _, err := New(Config{URL: "http://localhost", Settings: client.Settings{CAFile: t.TempDir() + "/missing.pem"}}); err == nil {
		t.Error("missing CA file: want error")
	}
}

func TestPaths(t *testing.T) {
	c, err := New(Config{URL: "http://localhost"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.path("banks", "a/b c", "customers"), "/obp/v5.1.0/banks/a%2Fb%20c/customers"; got != want {
		t.Errorf("path = %q, want %q", got, want)
	}
	c, _ = New(Config{URL: "http://localhost", APIVersion: "v5.0.0"})
	if got, want := c.customerPath("b", "c", "email"), "/obp/v5.0.0/banks/b/customers/c/email"; got != want {
		t.Errorf("customerPath = %q, want %q", got, want)
	}
}

func TestDirectLogin(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(*Config)
		wantCode string
		wantHTTP int
	}{
		{"success", func(*Config) {}, "", 0},
		{"wrong password", func(c *Config) { c.Password = "wrong-password" }, CodeInvalidCredentials, 401},
		{"unknown user", func(c *Config) { c.Username = "nobody" }, CodeInvalidCredentials, 401},
		{"wrong consumer key", func(c *Config) { c.ConsumerKey = "wrong-key" }, CodeInvalidConsumerKey, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(t, tt.mutate)
			err := c.Login(context.Background())
			if tt.wantCode == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.Logins() != 1 || e.sb.LoginCount() != 1 {
					t.Errorf("logins client %d sandbox %d", c.Logins(), e.sb.LoginCount())
				}
				// A second Login reuses the token.
				if err := c.Login(context.Background()); err != nil || c.Logins() != 1 {
					t.Errorf("second Login: err %v logins %d", err, c.Logins())
				}
				return
			}
			_ = wantAPIError(t, err, tt.wantHTTP, tt.wantCode)
			if !strings.Contains(err.Error(), tt.wantCode) || !strings.Contains(err.Error(), "DirectLogin as") {
				t.Errorf("error %q", err)
			}
			if c.Logins() != 0 || e.sb.LoginCount() != 0 {
				t.Errorf("logins client %d sandbox %d", c.Logins(), e.sb.LoginCount())
			}
			// An API call reports the login failure too.
			_, err = c.CurrentUser(context.Background())
			if !client.HasCode(err, tt.wantCode) {
				t.Errorf("CurrentUser: %v", err)
			}
		})
	}
}

func TestConcurrentCallsLogInOnce(t *testing.T) {
	e := newEnv(t)
	admin := e.client(t)
	cust := e.createMinimal(t, admin, "Ada Example", "+44 7700 900123")

	c := e.client(t)
	before := e.sb.LoginCount()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				got, err := c.GetCustomer(context.Background(), bankID, cust.CustomerID)
				if err == nil && got.CustomerID != cust.CustomerID {
					err = fmt.Errorf("got customer %q", got.CustomerID)
				}
				errs <- err
				return
			}
			u, err := c.CurrentUser(context.Background())
			if err == nil && u.Username != obpsandbox.AdminUsername {
				err = fmt.Errorf("got user %q", u.Username)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := e.sb.LoginCount() - before; got != 1 {
		t.Errorf("sandbox saw %d logins, want 1", got)
	}
	if c.Logins() != 1 {
		t.Errorf("client made %d logins, want 1", c.Logins())
	}
}

func TestExpiredTokenRenewedOnce(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	cust := e.createMinimal(t, c, "Ada Example", "+44 7700 900123")
	if c.Logins() != 1 {
		t.Fatalf("logins %d", c.Logins())
	}

	// One caller.
	e.sb.ExpireTokens()
	if _, err := c.GetCustomer(context.Background(), bankID, cust.CustomerID); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if c.Logins() != 2 || e.sb.LoginCount() != 2 {
		t.Fatalf("logins client %d sandbox %d, want 2", c.Logins(), e.sb.LoginCount())
	}

	// Ten concurrent callers.
	e.sb.ExpireTokens()
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetCustomer(context.Background(), bankID, cust.CustomerID)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if c.Logins() != 3 || e.sb.LoginCount() != 3 {
		t.Errorf("logins client %d sandbox %d, want 3", c.Logins(), e.sb.LoginCount())
	}
}

func TestExpiredTokenOnPost(t *testing.T) {
	// A POST refused for its token is sent again after the new login (it never reached the handler).
	e := newEnv(t)
	c := e.client(t)
	if err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.sb.ExpireTokens()
	cust, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "Ada", MobilePhoneNumber: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.sb.Customers(bankID)) != 1 || cust.CustomerID == "" || c.Logins() != 2 {
		t.Errorf("customers %d, id %q, logins %d", len(e.sb.Customers(bankID)), cust.CustomerID, c.Logins())
	}
}

func TestStaticTokenInvalid(t *testing.T) {
	for gen, status := range map[obpsandbox.Generation]int{obpsandbox.Gen2024: 400, obpsandbox.Gen2026: 401} {
		t.Run(string(gen), func(t *testing.T) { testStaticTokenInvalid(t, gen, status) })
	}
}

func testStaticTokenInvalid(t *testing.T, gen obpsandbox.Generation, status int) {
	e, _ := newEnvAll(t, obpsandbox.Options{Generation: gen})
	c := e.client(t, func(c *Config) { c.Token = "not-a-valid-token"; c.MaxRetries = 3 })
	_, err := c.CurrentUser(context.Background())
	apiErr := wantAPIError(t, err, status, CodeInvalidToken)
	// The refused token is quoted by the server and redacted by the client.
	if strings.Contains(err.Error(), "not-a-valid-token") || !strings.Contains(apiErr.Message, "invalid or expired: [redacted]") {
		t.Errorf("message %q", apiErr.Message)
	}
	if n := e.sb.RequestCount("GET /users/current"); n != 1 {
		t.Errorf("GET /users/current requested %d times, want 1", n)
	}
	if e.sb.RequestCount("POST /my/logins/direct") != 0 || c.Logins() != 0 {
		t.Errorf("static token made a login")
	}
}

func TestStaticTokenValid(t *testing.T) {
	e := newEnv(t)
	login := e.client(t)
	if err := login.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	tok := login.login.current
	c := e.client(t, func(c *Config) { c.Token = tok; c.Username, c.Password = "", "" })
	u, err := c.CurrentUser(context.Background())
	if err != nil || u.Username != obpsandbox.AdminUsername {
		t.Fatalf("err %v user %+v", err, u)
	}
	if c.Logins() != 0 || e.sb.LoginCount() != 1 {
		t.Errorf("logins client %d sandbox %d", c.Logins(), e.sb.LoginCount())
	}
}

func TestBearerToken(t *testing.T) {
	e := newEnv(t)
	e.sb.AddBearerToken("bearer-token-123", obpsandbox.NoRoleUsername)
	c := e.client(t, func(c *Config) { c.BearerToken = "bearer-token-123" })
	u, err := c.CurrentUser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != obpsandbox.NoRoleUsername || u.UserID != e.sb.UserID(obpsandbox.NoRoleUsername) {
		t.Errorf("user %+v", u)
	}
	if e.sb.LoginCount() != 0 || c.Logins() != 0 {
		t.Error("bearer token made a DirectLogin")
	}
	// The viewer holds no roles.
	_, err = c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "A", MobilePhoneNumber: "1"})
	_ = wantAPIError(t, err, 403, CodeMissingRoles)

	bad := e.client(t, func(c *Config) { c.BearerToken = "unknown" })
	if _, err := bad.CurrentUser(context.Background()); err == nil {
		t.Error("unknown bearer token: want error")
	}
}

func TestTimeMarshalFormatKeptBySandbox(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	dob := time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC)
	// A non-UTC time is sent in UTC.
	lastOK := time.Date(2024, 3, 1, 14, 30, 15, 999, time.FixedZone("CET", 3600))
	cust, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{
		LegalName: "Ada Example", MobilePhoneNumber: "+44 7700 900123",
		DateOfBirth: ptrTime(dob), LastOkDate: &Time{Time: lastOK},
	})
	if err != nil {
		t.Fatal(err)
	}
	stored, ok := e.sb.Customer(cust.CustomerID)
	if !ok {
		t.Fatal("not stored")
	}
	if stored.DateOfBirth == nil || !stored.DateOfBirth.Equal(dob) {
		t.Errorf("sandbox date_of_birth = %v, want %v (format not accepted?)", stored.DateOfBirth, dob)
	}
	wantLastOK := time.Date(2024, 3, 1, 13, 30, 15, 0, time.UTC)
	if stored.LastOkDate == nil || !stored.LastOkDate.Equal(wantLastOK) {
		t.Errorf("sandbox last_ok_date = %v, want %v", stored.LastOkDate, wantLastOK)
	}
	if cust.DateOfBirth == nil || !cust.DateOfBirth.Equal(dob) || cust.DateOfBirth.Location() != time.UTC {
		t.Errorf("response date_of_birth = %v", cust.DateOfBirth)
	}
}

func TestCreateCustomerMinimal(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	cust, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{
		LegalName: "Ada Example", MobilePhoneNumber: "+44 7700 900123",
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := e.sb.RequestCount("POST /banks/{BANK_ID}/customers"); n != 1 {
		t.Errorf("create requested %d times", n)
	}
	if cust.CustomerID == "" || cust.CustomerNumber == "" || cust.BankID != bankID {
		t.Errorf("ids: %+v", cust)
	}
	want := Customer{
		BankID: bankID, CustomerID: cust.CustomerID, CustomerNumber: cust.CustomerNumber,
		LegalName: "Ada Example", MobilePhoneNumber: "+44 7700 900123", DobOfDependants: []Time{},
	}
	if !reflect.DeepEqual(*cust, want) {
		t.Errorf("created\n got %+v\nwant %+v", *cust, want)
	}
	got, err := c.GetCustomer(context.Background(), bankID, cust.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	want.CustomerAttributes = nil // [] decodes to an empty slice
	got.CustomerAttributes = nil
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("read back\n got %+v\nwant %+v", *got, want)
	}
}

func fullRequest() CreateCustomerRequest {
	return CreateCustomerRequest{
		LegalName: "Grace Hopper", MobilePhoneNumber: "+1 555 0100", CustomerNumber: "CN-0001",
		Email:              "grace@example.com",
		FaceImage:          &FaceImage{URL: "https://example.com/grace.png", Date: ptrTime(date(2020, 1, 2))},
		DateOfBirth:        ptrTime(date(1906, 12, 9)),
		RelationshipStatus: "married", Dependants: 2,
		DobOfDependants:          []Time{{date(1940, 1, 1)}, {date(1942, 6, 30)}},
		CreditRating:             &CreditRating{Rating: "AAA", Source: "Bureau X"},
		CreditLimit:              &Money{Currency: "EUR", Amount: "1000.50"},
		HighestEducationAttained: "PhD", EmploymentStatus: "employed", KycStatus: true,
		LastOkDate: ptrTime(time.Date(2024, 3, 1, 12, 0, 5, 0, time.UTC)),
		Title:      "Rear Admiral", BranchID: "branch-1", NameSuffix: "Jr",
	}
}

func checkFullCustomer(t *testing.T, got *Customer, req CreateCustomerRequest) {
	t.Helper()
	want := Customer{
		BankID: bankID, CustomerID: got.CustomerID, CustomerNumber: req.CustomerNumber,
		LegalName: req.LegalName, MobilePhoneNumber: req.MobilePhoneNumber, Email: req.Email,
		FaceImage: *req.FaceImage, DateOfBirth: req.DateOfBirth, RelationshipStatus: req.RelationshipStatus,
		Dependants: req.Dependants, DobOfDependants: req.DobOfDependants, CreditRating: *req.CreditRating,
		CreditLimit: *req.CreditLimit, HighestEducationAttained: req.HighestEducationAttained,
		EmploymentStatus: req.EmploymentStatus, KycStatus: req.KycStatus, LastOkDate: req.LastOkDate,
		Title: req.Title, BranchID: req.BranchID, NameSuffix: req.NameSuffix,
	}
	cp := *got
	cp.CustomerAttributes = nil
	if !reflect.DeepEqual(cp, want) {
		gj, _ := json.Marshal(cp)
		wj, _ := json.Marshal(want)
		t.Errorf("customer\n got %s\nwant %s", gj, wj)
	}
}

func TestCreateCustomerFullRoundTrip(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	req := fullRequest()
	cust, err := c.CreateCustomer(context.Background(), bankID, req)
	if err != nil {
		t.Fatal(err)
	}
	if cust.CustomerID == "" {
		t.Fatal("no customer_id")
	}
	checkFullCustomer(t, cust, req)

	got, err := c.GetCustomer(context.Background(), bankID, cust.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CustomerAttributes == nil || len(got.CustomerAttributes) != 0 {
		t.Errorf("customer_attributes = %#v, want empty list", got.CustomerAttributes)
	}
	checkFullCustomer(t, got, req)

	byNumber, err := c.GetCustomerByNumber(context.Background(), bankID, "CN-0001")
	if err != nil {
		t.Fatal(err)
	}
	if byNumber.CustomerID != cust.CustomerID {
		t.Errorf("by number: id %q, want %q", byNumber.CustomerID, cust.CustomerID)
	}
	checkFullCustomer(t, byNumber, req)

	// Every field reached the sandbox's store.
	stored, _ := e.sb.Customer(cust.CustomerID)
	if stored.FaceImage.URL != req.FaceImage.URL || stored.FaceImage.Date == nil || !stored.FaceImage.Date.Equal(date(2020, 1, 2)) ||
		len(stored.DobOfDependants) != 2 || !stored.DobOfDependants[1].Equal(date(1942, 6, 30)) ||
		stored.CreditLimit.Amount != "1000.50" || stored.CreditRating.Source != "Bureau X" || !stored.KycStatus {
		t.Errorf("stored %+v", stored)
	}
}

func TestGetCustomerByNumberUnknown(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	_, err := c.GetCustomerByNumber(context.Background(), bankID, "no-such-number")
	_ = wantAPIError(t, err, 404, "OBP-30002")
	if !client.IsNotFound(err) {
		t.Error("IsNotFound = false")
	}
}

func TestGetCustomerUnknown(t *testing.T) {
	e := newEnv(t)
	c := e.client(t, func(c *Config) { c.MaxRetries = 3 })
	_, err := c.GetCustomer(context.Background(), bankID, "00000000-0000-0000-0000-000000000000")
	apiErr := wantAPIError(t, err, 404, CodeCustomerNotFound)
	if !client.IsNotFound(err) {
		t.Error("IsNotFound = false")
	}
	if !strings.Contains(apiErr.Message, "00000000-0000-0000-0000-000000000000") {
		t.Errorf("message %q", apiErr.Message)
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}"); n != 1 {
		t.Errorf("404 requested %d times, want 1 (not retried)", n)
	}
	// Unknown bank is a 404 too, with another code.
	_, err = c.GetCustomer(context.Background(), "no.such.bank", "x")
	_ = wantAPIError(t, err, 404, CodeBankNotFound)
}

func TestUpdateCustomer(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		endpoint string
		update   func(c *Client, id string) (*Customer, error)
		change   func(want *Customer)
	}{
		{"email", "email",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerEmail(ctx, bankID, id, "new@example.com")
			},
			func(w *Customer) { w.Email = "new@example.com" }},
		{"mobile", "mobile-number",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerMobileNumber(ctx, bankID, id, "+44 7700 900999")
			},
			func(w *Customer) { w.MobilePhoneNumber = "+44 7700 900999" }},
		{"number", "number",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerNumber(ctx, bankID, id, "CN-9999")
			},
			func(w *Customer) { w.CustomerNumber = "CN-9999" }},
		{"identity", "identity",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerIdentity(ctx, bankID, id, CustomerIdentity{
					LegalName: "Grace B. Hopper", DateOfBirth: Time{date(1906, 12, 10)}, Title: "Dr", NameSuffix: "",
				})
			},
			func(w *Customer) {
				w.LegalName, w.DateOfBirth, w.Title, w.NameSuffix = "Grace B. Hopper", ptrTime(date(1906, 12, 10)), "Dr", ""
			}},
		{"credit limit", "credit-limit",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerCreditLimit(ctx, bankID, id, Money{Currency: "GBP", Amount: "5000"})
			},
			func(w *Customer) { w.CreditLimit = Money{Currency: "GBP", Amount: "5000"} }},
		{"credit rating", "credit-rating-and-source",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerCreditRating(ctx, bankID, id, CreditRating{Rating: "B", Source: "Bureau Y"})
			},
			func(w *Customer) { w.CreditRating = CreditRating{Rating: "B", Source: "Bureau Y"} }},
		{"branch", "branch",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerBranch(ctx, bankID, id, "branch-7")
			},
			func(w *Customer) { w.BranchID = "branch-7" }},
		{"data", "data",
			func(c *Client, id string) (*Customer, error) {
				return c.UpdateCustomerData(ctx, bankID, id, CustomerData{
					FaceImage:          FaceImage{URL: "https://example.com/new.png", Date: ptrTime(date(2023, 4, 5))},
					RelationshipStatus: "widowed", Dependants: 3, HighestEducationAttained: "MSc", EmploymentStatus: "retired",
				})
			},
			func(w *Customer) {
				w.FaceImage = FaceImage{URL: "https://example.com/new.png", Date: ptrTime(date(2023, 4, 5))}
				// dob_of_dependants is left alone, as OBP does.
				w.RelationshipStatus, w.Dependants, w.HighestEducationAttained, w.EmploymentStatus = "widowed", 3, "MSc", "retired"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(t)
			created, err := c.CreateCustomer(ctx, bankID, fullRequest())
			if err != nil {
				t.Fatal(err)
			}
			want := *created
			tt.change(&want)

			updated, err := tt.update(c, created.CustomerID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*updated, want) {
				gj, _ := json.Marshal(updated)
				wj, _ := json.Marshal(want)
				t.Errorf("update response\n got %s\nwant %s", gj, wj)
			}
			if n := e.sb.RequestCount("PUT /banks/{BANK_ID}/customers/{CUSTOMER_ID}/" + tt.endpoint); n != 1 {
				t.Errorf("PUT …/%s requested %d times", tt.endpoint, n)
			}
			got, err := c.GetCustomer(ctx, bankID, created.CustomerID)
			if err != nil {
				t.Fatal(err)
			}
			got.CustomerAttributes = nil
			if !reflect.DeepEqual(*got, want) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				t.Errorf("read back\n got %s\nwant %s", gj, wj)
			}
		})
	}
}

func TestUpdateCustomerNumberUnchanged(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	cust, err := c.CreateCustomer(context.Background(), bankID, fullRequest())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdateCustomerNumber(context.Background(), bankID, cust.CustomerID, cust.CustomerNumber)
	apiErr := wantAPIError(t, err, 400, CodeCustomerNumberExists)
	if !client.HasCode(err, CodeCustomerNumberExists) || client.IsNotFound(err) {
		t.Errorf("HasCode/IsNotFound wrong for %v", apiErr)
	}
	// Another customer's number is refused the same way.
	other := e.createMinimal(t, c, "Other", "2")
	_, err = c.UpdateCustomerNumber(context.Background(), bankID, other.CustomerID, cust.CustomerNumber)
	_ = wantAPIError(t, err, 400, CodeCustomerNumberExists)
}

func TestUpdateUnknownCustomer(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	_, err := c.UpdateCustomerEmail(context.Background(), bankID, "missing-id", "a@b.c")
	_ = wantAPIError(t, err, 404, CodeCustomerNotFound)
}

func TestDeleteCustomerCascade(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := context.Background()
	cust := e.createMinimal(t, c, "Ada", "1")
	if err := c.DeleteCustomerCascade(ctx, bankID, cust.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.sb.Customer(cust.CustomerID); ok {
		t.Error("customer still stored")
	}
	_, err := c.GetCustomer(ctx, bankID, cust.CustomerID)
	_ = wantAPIError(t, err, 404, CodeCustomerNotFound)
	err = c.DeleteCustomerCascade(ctx, bankID, cust.CustomerID)
	if !client.IsNotFound(err) {
		t.Errorf("second delete: %v", err)
	}
	_ = wantAPIError(t, err, 404, CodeCustomerNotFound)
	if n := e.sb.RequestCount("DELETE /management/cascading/banks/{BANK_ID}/customers/{CUSTOMER_ID}"); n != 2 {
		t.Errorf("delete requested %d times", n)
	}
}

func TestListCustomers(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := context.Background()
	ids := map[string]bool{}
	for i := range 120 {
		req := CreateCustomerRequest{LegalName: fmt.Sprintf("Customer %03d", i), MobilePhoneNumber: fmt.Sprint(i)}
		if i == 7 {
			req.DateOfBirth = ptrTime(date(1990, 5, 17))
			req.Dependants = 1
			req.DobOfDependants = []Time{{date(2015, 2, 3)}}
		}
		cust, err := c.CreateCustomer(ctx, bankID, req)
		if err != nil {
			t.Fatal(err)
		}
		ids[cust.CustomerID] = true
	}
	// A customer at the other bank is not listed.
	if _, err := c.CreateCustomer(ctx, obpsandbox.SecondBankID, CreateCustomerRequest{LegalName: "X", MobilePhoneNumber: "1"}); err != nil {
		t.Fatal(err)
	}
	list, err := c.ListCustomers(ctx, bankID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 120 {
		t.Fatalf("listed %d customers, want 120", len(list))
	}
	seen := map[string]bool{}
	for i, cust := range list {
		if !ids[cust.CustomerID] || seen[cust.CustomerID] || cust.BankID != bankID {
			t.Errorf("unexpected or duplicate customer %d: %+v", i, cust)
		}
		seen[cust.CustomerID] = true
		if want := fmt.Sprintf("Customer %03d", i); cust.LegalName != want {
			t.Errorf("customer %d: legal_name %q, want %q", i, cust.LegalName, want)
		}
	}
	// Day-only dates of the list shape decode.
	if d := list[7].DateOfBirth; d == nil || !d.Equal(date(1990, 5, 17)) {
		t.Errorf("list date_of_birth = %v", d)
	}
	if d := list[7].DobOfDependants; len(d) != 1 || !d[0].Equal(date(2015, 2, 3)) {
		t.Errorf("list dob_of_dependants = %v", d)
	}
	if d := list[8].DateOfBirth; d == nil || !d.IsZero() {
		t.Errorf("unset list date_of_birth = %v, want zero", d)
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers"); n != 3 {
		t.Errorf("list endpoint requested %d times, want 3", n)
	}

	page, err := c.ListCustomersPage(ctx, bankID, 10, 115)
	if err != nil || len(page) != 5 || page[0].LegalName != "Customer 115" {
		t.Errorf("page: err %v len %d", err, len(page))
	}
}

func TestListCustomersEmptyAndExactPage(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := context.Background()
	list, err := c.ListCustomers(ctx, bankID)
	if err != nil || len(list) != 0 {
		t.Fatalf("err %v len %d", err, len(list))
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers"); n != 1 {
		t.Errorf("empty list requested %d times", n)
	}
	for i := range 50 {
		e.createMinimal(t, c, fmt.Sprint("C", i), "1")
	}
	list, err = c.ListCustomers(ctx, bankID)
	if err != nil || len(list) != 50 {
		t.Fatalf("err %v len %d", err, len(list))
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers"); n != 3 {
		t.Errorf("list requested %d times in total, want 1+2", n)
	}
}

func TestListCustomersWithoutRole(t *testing.T) {
	e := newEnv(t)
	c := e.client(t, func(c *Config) { c.Username, c.Password = obpsandbox.NoRoleUsername, obpsandbox.NoRolePassword })
	list, err := c.ListCustomers(context.Background(), bankID)
	_ = wantAPIError(t, err, 403, CodeMissingRoles)
	if list != nil {
		t.Errorf("list = %v", list)
	}
}

func TestBanks(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := context.Background()
	banks, err := c.Banks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(banks) != 2 || banks[0].ID != obpsandbox.DefaultBankID || banks[1].ID != obpsandbox.SecondBankID {
		t.Fatalf("banks %+v", banks)
	}
	if banks[0].ShortName != "Demo Bank 01" || banks[1].Website != "" || banks[1].Logo != "" {
		t.Errorf("banks %+v", banks)
	}
	b, err := c.Bank(ctx, obpsandbox.DefaultBankID)
	if err != nil {
		t.Fatal(err)
	}
	want := Bank{
		ID: obpsandbox.DefaultBankID, BankCode: "DEMO01", FullName: "Demo Bank 01 (OBP sandbox)",
		Website:      "https://www.example.com/demo-bank-01",
		BankRoutings: []Routing{{Scheme: "OBP", Address: obpsandbox.DefaultBankID}, {Scheme: "BIC", Address: "DEMOGB2L"}},
		Attributes:   []NameValue{},
	}
	if !reflect.DeepEqual(*b, want) {
		t.Errorf("bank\n got %+v\nwant %+v", *b, want)
	}
	_, err = c.Bank(ctx, "no.such.bank")
	_ = wantAPIError(t, err, 404, CodeBankNotFound)
	if !client.IsNotFound(err) {
		t.Error("IsNotFound = false")
	}
	// Banks are public: reading them needs no login.
	if c.Logins() != 0 || e.sb.LoginCount() != 0 {
		t.Errorf("logins client %d sandbox %d, want 0", c.Logins(), e.sb.LoginCount())
	}
}

func TestCurrentUserEntitlements(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	u, err := c.CurrentUser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u.UserID != e.sb.UserID(obpsandbox.AdminUsername) || u.Username != obpsandbox.AdminUsername || u.Email != "sandbox.admin@example.com" {
		t.Errorf("user %+v", u)
	}
	has := func(role, bank string) bool {
		for _, en := range u.Entitlements.List {
			if en.RoleName == role && en.BankID == bank && en.EntitlementID != "" {
				return true
			}
		}
		return false
	}
	for _, want := range []struct{ role, bank string }{
		{"CanCreateCustomer", obpsandbox.DefaultBankID},
		{"CanGetCustomersAtOneBank", obpsandbox.SecondBankID}, // CanGetCustomer on 2024 servers
		{"CanGetAnyUser", ""},
	} {
		if !has(want.role, want.bank) {
			t.Errorf("missing entitlement %s at %q in %+v", want.role, want.bank, u.Entitlements.List)
		}
	}
	if has("CanGetAnyUser", obpsandbox.DefaultBankID) {
		t.Error("system role reported with a bank id")
	}

	viewer := e.client(t, func(c *Config) { c.Username, c.Password = obpsandbox.NoRoleUsername, obpsandbox.NoRolePassword })
	v, err := viewer.CurrentUser(context.Background())
	if err != nil || v.Username != obpsandbox.NoRoleUsername || len(v.Entitlements.List) != 0 {
		t.Errorf("viewer: err %v user %+v", err, v)
	}
}

func TestRoot(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	r, err := c.Root(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "v5.1.0" || r.LocalIdentityProvider != e.ts.URL || r.GitCommit == "" {
		t.Errorf("root %+v", r)
	}
	c500 := e.client(t, func(c *Config) { c.APIVersion = "v5.0.0" })
	r, err = c500.Root(context.Background())
	if err != nil || r.Version != "v5.0.0" {
		t.Errorf("v5.0.0 root: err %v %+v", err, r)
	}
}

func TestUserAgentSent(t *testing.T) {
	var mu sync.Mutex
	var agents []string
	sb := obpsandbox.New(obpsandbox.Options{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.Header.Get("User-Agent"))
		mu.Unlock()
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, Username: obpsandbox.AdminUsername, Password: obpsandbox.AdminPassword,
		ConsumerKey: obpsandbox.ConsumerKey, Settings: client.Settings{UserAgent: "tf-provider/1.2.3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CurrentUser(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(agents) != 2 {
		t.Fatalf("requests %d, want login + call", len(agents))
	}
	for _, a := range agents {
		if a != "tf-provider/1.2.3" {
			t.Errorf("User-Agent %q", a)
		}
	}
}

func TestTimeMarshalJSON(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{date(1990, 5, 17), `"1990-05-17T00:00:00Z"`},
		{time.Date(2024, 3, 1, 14, 30, 15, 123456789, time.UTC), `"2024-03-01T14:30:15Z"`},
		{time.Date(2024, 3, 1, 1, 0, 0, 0, time.FixedZone("", 2*3600)), `"2024-02-29T23:00:00Z"`},
		{time.Time{}, `"0001-01-01T00:00:00Z"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(Time{tt.in})
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
		// Through a pointer and inside a struct.
		got, err = json.Marshal(struct {
			D *Time `json:"d"`
		}{&Time{tt.in}})
		if err != nil || string(got) != `{"d":`+tt.want+`}` {
			t.Errorf("Marshal(&Time) = %s, %v", got, err)
		}
	}
	if got := NewTime(time.Date(2024, 1, 1, 5, 0, 0, 0, time.FixedZone("", -3600))); got.Location() != time.UTC || got.Hour() != 6 {
		t.Errorf("NewTime = %v, want UTC", got.Time)
	}
}

func TestTimeUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{`"2017-09-19T00:00:00Z"`, date(2017, 9, 19), false},
		{`"2024-03-01T14:30:15Z"`, time.Date(2024, 3, 1, 14, 30, 15, 0, time.UTC), false},
		{`"2024-03-01T14:30:15.5+02:00"`, time.Date(2024, 3, 1, 12, 30, 15, 500000000, time.UTC), false},
		{`"2024-03-01T00:30:00-01:00"`, time.Date(2024, 3, 1, 1, 30, 0, 0, time.UTC), false},
		{`"1990-05-17"`, date(1990, 5, 17), false},
		{`""`, time.Time{}, false},
		{`null`, time.Time{}, false},
		{`"17/05/1990"`, time.Time{}, true},
		{`"1990-05-17 10:00:00"`, time.Time{}, true},
		{`19900517`, time.Time{}, true},
		{`true`, time.Time{}, true},
	}
	for _, tt := range tests {
		var got Time
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.wantErr {
			if err == nil {
				t.Errorf("Unmarshal(%s): want error, got %v", tt.in, got.Time)
			}
			continue
		}
		if err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || (!tt.want.IsZero() && got.Location() != time.UTC) {
			t.Errorf("Unmarshal(%s) = %v (%v), want %v UTC", tt.in, got.Time, got.Location(), tt.want)
		}
	}

	// null keeps a previous value for a value field and gives nil for a pointer field.
	v := Time{date(2000, 1, 1)}
	if err := json.Unmarshal([]byte(`null`), &v); err != nil || !v.Equal(date(2000, 1, 1)) {
		t.Errorf("null into set Time: %v, %v", v.Time, err)
	}
	var s struct {
		D *Time  `json:"d"`
		L []Time `json:"l"`
	}
	if err := json.Unmarshal([]byte(`{"d":null,"l":["2020-01-01","2020-01-02T03:04:05Z"]}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.D != nil || len(s.L) != 2 || !s.L[0].Equal(date(2020, 1, 1)) || !s.L[1].Equal(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("struct decode: %+v", s)
	}
	var bad struct {
		D *Time `json:"d"`
	}
	if err := json.Unmarshal([]byte(`{"d":"yesterday"}`), &bad); err == nil || !strings.Contains(err.Error(), `"yesterday"`) {
		t.Errorf("bad date error: %v", err)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	in := Time{time.Date(2021, 7, 4, 9, 8, 7, 0, time.UTC)}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out Time
	if err := json.Unmarshal(data, &out); err != nil || !out.Equal(in.Time) {
		t.Errorf("round trip %s: %v, %v", data, out.Time, err)
	}
}

// A refused DirectLogin is not retried: retrying wrong credentials would lock the user.
func TestDirectLoginFailureNotRetried(t *testing.T) {
	e := newEnv(t)
	c := e.client(t, func(c *Config) { c.Password = "wrong"; c.MaxRetries = 5 })
	_, err := c.CurrentUser(context.Background())
	if !client.HasCode(err, CodeInvalidCredentials) {
		t.Fatalf("err = %v, want %s", err, CodeInvalidCredentials)
	}
	if n := e.sb.RequestCount("POST /my/logins/direct"); n != 1 {
		t.Fatalf("login requests = %d, want 1", n)
	}
}

// TestFailedCallsReturnNoObject: a read, create or update that fails returns
// nil with its error, never a zero object a caller could mistake for an answer.
func TestFailedCallsReturnNoObject(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := context.Background()
	checks := map[string]func() (any, error){
		"GetCustomer":         func() (any, error) { return c.GetCustomer(ctx, bankID, "no-such-customer") },
		"GetCustomerByNumber": func() (any, error) { return c.GetCustomerByNumber(ctx, bankID, "no-such-number") },
		"GetCustomerAttribute": func() (any, error) {
			return c.GetCustomerAttribute(ctx, bankID, "no-such-customer", "no-such-attribute")
		},
		"Bank":     func() (any, error) { return c.Bank(ctx, "no-such-bank") },
		"UserByID": func() (any, error) { return c.UserByID(ctx, "no-such-user") },
		"Account":  func() (any, error) { return c.Account(ctx, bankID, "no-such-account", "owner") },
		"CreateCustomer": func() (any, error) {
			return c.CreateCustomer(ctx, "no-such-bank", CreateCustomerRequest{CustomerNumber: "N-1", LegalName: "L"})
		},
		"CreateAddress": func() (any, error) {
			return c.CreateAddress(ctx, bankID, "no-such-customer", Address{Line1: "1 Street", City: "C", CountryCode: "GB"})
		},
		"CreateTaxResidence": func() (any, error) {
			return c.CreateTaxResidence(ctx, bankID, "no-such-customer", TaxResidence{Domain: "GB", TaxNumber: "T-1"})
		},
		"PutCustomerAttributeDefinition": func() (any, error) {
			return c.PutCustomerAttributeDefinition(ctx, "no-such-bank", AttributeDefinition{Name: "n", Type: "STRING", Category: "Customer"})
		},
	}
	for name, call := range checks {
		got, err := call()
		if err == nil || !reflect.ValueOf(got).IsNil() {
			t.Errorf("%s: got %v with error %v, want nil and an error", name, got, err)
		}
	}
}
