package sandbox

// Seed data of every new Server.
const (
	DefaultBankID  = "demo.bank.01"
	SecondBankID   = "demo.bank.02"
	AdminUsername  = "sandbox.admin"
	AdminPassword  = "Sandbox-Admin-Pass-1"
	NoRoleUsername = "sandbox.viewer"
	NoRolePassword = "Sandbox-Viewer-Pass-1"
	ConsumerKey    = "sandbox-consumer-key-0001"
)

func seed(st *store) {
	st.banks = []*bank{
		{id: DefaultBankID, shortName: "Demo Bank 01", bankCode: "DEMO01", fullName: "Demo Bank 01 (OBP sandbox)",
			website: "https://www.example.com/demo-bank-01", bic: "DEMOGB2L"},
		{id: SecondBankID, shortName: "Demo Bank 02", bankCode: "DEMO02", fullName: "Demo Bank 02 (OBP sandbox)"},
	}
	admin := &user{id: newUUID(), username: AdminUsername, password: AdminPassword, email: "sandbox.admin@example.com"}
	viewer := &user{id: newUUID(), username: NoRoleUsername, password: NoRolePassword, email: "sandbox.viewer@example.com"}
	st.users = []*user{admin, viewer}
	for _, b := range st.banks {
		for _, role := range bankRoles {
			st.addEntitlement(admin.id, b.id, role)
		}
	}
	for _, role := range adminSystemRoles {
		st.addEntitlement(admin.id, "", role)
	}
}

// isSuperAdmin: the seeded admin plays the role of super_admin_user_ids.
func isSuperAdmin(u *user) bool { return u.username == AdminUsername }
