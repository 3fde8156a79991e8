// Package contract checks, during the acceptance tests, every request the provider sends and every
// answer the sandbox gives against the public OpenAPI specifications of the APIs the provider talks to.
//
// Check wraps a handler (the sandbox) in a middleware that records each exchange, validates it with
// libopenapi-validator (OpenAPI 3.0 and 3.1) and reports violations on the test when it ends.
//
// Specifications, read from the reference directory (see ReferenceDir):
//
//   - OBP: specs/obp-openapi-v6.0.0.json, the OpenAPI 3.1 export OBP-API generates from its
//     Resource Docs ("Open Bank Project API v6.0.0"). It lists each operation once, under the version
//     prefix of the handler that implements it; requests under a later version prefix are mapped to
//     that entry (see route.go). Its known defects are handled by the allowance list in allow.go.
//   - Australian CDR: cds_banking.json (CDS Banking: Get Accounts, Get Balances For Specific
//     Accounts), base path /cds-au/v1.
//   - Thredd: no Thredd specification is public. Thredd passes Finicity account objects through in
//     its own envelope (request_id, customer_accounts, count); each account object is validated
//     against the CustomerAccount schema of specs/mastercard-openbanking-us.yaml (Mastercard Open
//     Finance US). Findings there are Finicity-model findings, not Thredd-confirmed ones.
//   - TrueLayer Data API v3 and Ivy's Data API: no public OpenAPI specification exists for the
//     endpoints used, so their exchanges are counted but not validated. None is invented here.
//
// Request bodies of OBP are validated as closed schemas: every request-body object schema that lists
// properties gets additionalProperties false in memory, so a field OBP does not document is an error.
// Response bodies are validated against the declared response schema (with the allowances).
//
// The files are not part of the repository. Without them the check is skipped with instructions
// (where to put which file, from which repository and commit), unless CI is set: then it fails.
// They are loaded and compiled once per test process.
//
// The counts of exchanges checked, allowed, unmatched and without a specification are logged by
// each test and, when CONTRACT_SUMMARY names a file, written there as the process's running totals
// (make contract prints them).
package contract
