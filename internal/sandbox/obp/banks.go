package obp

import "net/http"

type routingJSON struct {
	Scheme  *string `json:"scheme"`
	Address *string `json:"address"`
}

type bankAttributeJSON struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// bankJSONV400 is the list item of GET /banks (v4.0.0 shape).
type bankJSONV400 struct {
	ID           *string             `json:"id"`
	ShortName    *string             `json:"short_name"`
	FullName     *string             `json:"full_name"`
	Logo         *string             `json:"logo"`
	Website      *string             `json:"website"`
	BankRoutings []routingJSON       `json:"bank_routings"`
	Attributes   []bankAttributeJSON `json:"attributes"`
}

// bankJSONV500 is GET /banks/{BANK_ID} (v5.0.0 shape with bank_code).
type bankJSONV500 struct {
	ID           *string             `json:"id"`
	BankCode     *string             `json:"bank_code"`
	FullName     *string             `json:"full_name"`
	Logo         *string             `json:"logo"`
	Website      *string             `json:"website"`
	BankRoutings []routingJSON       `json:"bank_routings"`
	Attributes   []bankAttributeJSON `json:"attributes"`
}

func (b *bank) routings() []routingJSON {
	out := []routingJSON{{Scheme: nullable("OBP"), Address: nullable(b.id)}}
	if b.bic != "" {
		out = append(out, routingJSON{Scheme: nullable("BIC"), Address: nullable(b.bic)})
	}
	return out
}

func (b *bank) v400() bankJSONV400 {
	return bankJSONV400{
		ID: nullable(b.id), ShortName: nullable(b.shortName), FullName: nullable(b.fullName),
		Logo: nullable(b.logo), Website: nullable(b.website), BankRoutings: b.routings(),
		Attributes: []bankAttributeJSON{},
	}
}

func (b *bank) v500() bankJSONV500 {
	return bankJSONV500{
		ID: nullable(b.id), BankCode: nullable(b.bankCode), FullName: nullable(b.fullName),
		Logo: nullable(b.logo), Website: nullable(b.website), BankRoutings: b.routings(),
		Attributes: []bankAttributeJSON{},
	}
}

// bankList handles GET /banks (anonymous), each bank in the shape render gives.
func bankList[J any](s *Server, render func(*bank) J) func(*call) (int, any, error) {
	return func(*call) (int, any, error) {
		banks := make([]J, 0, len(s.st.banks))
		for _, b := range s.st.banks {
			banks = append(banks, render(b))
		}
		return http.StatusOK, map[string]any{"banks": banks}, nil
	}
}

// bankAnswer handles GET /banks/{BANK_ID} (anonymous) in the shape render gives.
func bankAnswer[J any](s *Server, render func(*bank) J) func(*call) (int, any, error) {
	return func(c *call) (int, any, error) {
		b := s.st.bank(c.param("BANK_ID"))
		if b == nil {
			return 0, nil, errBankNotFound(http.StatusNotFound, c.param("BANK_ID"))
		}
		return http.StatusOK, render(b), nil
	}
}

type organisationJSON struct {
	Organisation        string `json:"organisation"`
	OrganisationWebsite string `json:"organisation_website"`
}

type hostedByJSON struct {
	Organisation        string `json:"organisation"`
	Email               string `json:"email"`
	Phone               string `json:"phone"`
	OrganisationWebsite string `json:"organisation_website"`
}

type rootJSON struct {
	Version                  string           `json:"version"`
	VersionStatus            string           `json:"version_status"`
	GitCommit                string           `json:"git_commit"`
	Stage                    string           `json:"stage"`
	Connector                string           `json:"connector"`
	Hostname                 string           `json:"hostname"`
	LocalIdentityProvider    string           `json:"local_identity_provider"`
	HostedBy                 hostedByJSON     `json:"hosted_by"`
	HostedAt                 organisationJSON `json:"hosted_at"`
	EnergySource             organisationJSON `json:"energy_source"`
	ResourceDocsRequiresRole bool             `json:"resource_docs_requires_role"`
}

// root handles GET /root (anonymous API info).
func (s *Server) root(c *call) (int, any, error) {
	status := "STABLE"
	switch c.version {
	case "v5.1.0":
		status = "BLEEDING_EDGE"
	case v600:
		status = "DRAFT"
	}
	org := organisationJSON{Organisation: "OBP sandbox", OrganisationWebsite: "https://www.openbankproject.com"}
	return http.StatusOK, rootJSON{
		Version: c.version, VersionStatus: status, GitCommit: "sandbox", Stage: "dev",
		Connector: "mapped", Hostname: c.host(), LocalIdentityProvider: c.host(),
		HostedBy: hostedByJSON{Organisation: org.Organisation, Email: "sandbox@example.com",
			Phone: "", OrganisationWebsite: org.OrganisationWebsite},
		HostedAt: org, EnergySource: org,
	}, nil
}
