package contract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// specs are the compiled specifications, loaded once per test process.
type specs struct {
	obp       validator.Validator
	obpModel  *v3.Document
	obpRoutes routeIndex
	cdr       validator.Validator
	// cdrError is CDS's ResponseErrorListV2, for error answers an operation does not declare.
	cdrError *base.Schema
	// finicityAccount is Mastercard's CustomerAccount schema, the object Thredd passes through.
	finicityAccount *base.Schema
	schemas         schema_validation.SchemaValidator
	loadTime        time.Duration
}

var (
	loadOnce   sync.Once
	loadedSpec *specs
	loadErr    error
)

// load reads and compiles the specifications once; later calls return the same result.
func load() (*specs, error) {
	loadOnce.Do(func() {
		start := time.Now()
		dir, err := ReferenceDir()
		if err == nil {
			err = checkFiles(dir)
		}
		if err != nil {
			loadErr = err
			return
		}
		loadedSpec, loadErr = loadDir(dir)
		if loadedSpec != nil {
			loadedSpec.loadTime = time.Since(start)
		}
	})
	return loadedSpec, loadErr
}

func loadDir(dir string) (*specs, error) {
	s := &specs{schemas: schema_validation.NewSchemaValidator()}
	var errs [3]error
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		s.obp, s.obpModel, s.obpRoutes, errs[0] = loadOBP(filepath.Join(dir, OBPSpecFile))
	}()
	go func() {
		defer wg.Done()
		var model *v3.Document
		s.cdr, model, errs[1] = loadCDR(filepath.Join(dir, CDRSpecFile))
		if errs[1] == nil {
			s.cdrError, errs[1] = componentSchema(CDRSpecFile, model, "ResponseErrorListV2")
		}
	}()
	go func() {
		defer wg.Done()
		s.finicityAccount, errs[2] = loadSchema(filepath.Join(dir, FinicitySpecFile), "CustomerAccount")
	}()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// loadOBP applies the allowances for the export's defects (allow.go) in memory, then compiles it.
func loadOBP(path string) (validator.Validator, *v3.Document, routeIndex, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, nil, nil, fmt.Errorf("contract: %s: %w", path, err)
	}
	paths, _ := doc["paths"].(map[string]any)
	if len(paths) == 0 {
		return nil, nil, nil, fmt.Errorf("contract: %s: no paths", path)
	}
	adjustOBP(paths)
	fixed, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, nil, err
	}
	v, model, err := newValidator(path, fixed)
	if err != nil {
		return nil, nil, nil, err
	}
	return v, model, newRouteIndex(paths), nil
}

func loadCDR(path string) (validator.Validator, *v3.Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return newValidator(path, raw)
}

func newValidator(path string, spec []byte) (validator.Validator, *v3.Document, error) {
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		return nil, nil, fmt.Errorf("contract: %s: %w", path, err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		return nil, nil, fmt.Errorf("contract: %s: %w", path, err)
	}
	// Authentication is the sandbox's business (DirectLogin headers, bearer tokens); the check is
	// about the shapes of what is sent and answered.
	return validator.NewValidatorFromV3Model(&model.Model, config.WithoutSecurityValidation()), &model.Model, nil
}

// loadSchema returns one component schema of a specification.
func loadSchema(path, name string) (*base.Schema, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		return nil, fmt.Errorf("contract: %s: %w", path, err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("contract: %s: %w", path, err)
	}
	return componentSchema(path, &model.Model, name)
}

func componentSchema(path string, model *v3.Document, name string) (*base.Schema, error) {
	if model.Components == nil || model.Components.Schemas == nil {
		return nil, fmt.Errorf("contract: %s: no component schemas", path)
	}
	proxy, ok := model.Components.Schemas.Get(name)
	if !ok {
		return nil, fmt.Errorf("contract: %s: no schema %s", path, name)
	}
	schema := proxy.Schema()
	if schema == nil {
		return nil, fmt.Errorf("contract: %s: schema %s: %w", path, name, proxy.GetBuildError())
	}
	return schema, nil
}
