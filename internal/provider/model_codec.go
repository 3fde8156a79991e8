package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resources and data sources read their state, plan and configuration and
// write their state through these functions. terraform-plugin-framework's Get
// and Set reflect over the model and build the schema's type on every call
// (a refresh of a large configuration spent most of its Read time there); a
// modelCodec works out the fields of a model type once and converts with
// the same results (TestModelCodecMatchesTheFramework). Models it cannot convert (a field kind it
// does not know) and values it refuses (unknown where the model cannot hold
// it, invalid, of another type) go through the framework, which then
// reports its own error.

// getState decodes the state into target.
func getState[T any](ctx context.Context, s tfsdk.State, target *T) diag.Diagnostics {
	if decodeModel(ctx, s.Raw, s.Schema, target) {
		return nil
	}
	return s.Get(ctx, target)
}

// getPlan decodes the plan into target.
func getPlan[T any](ctx context.Context, p tfsdk.Plan, target *T) diag.Diagnostics {
	if decodeModel(ctx, p.Raw, p.Schema, target) {
		return nil
	}
	return p.Get(ctx, target)
}

// getConfig decodes the configuration into target.
func getConfig[T any](ctx context.Context, c tfsdk.Config, target *T) diag.Diagnostics {
	if decodeModel(ctx, c.Raw, c.Schema, target) {
		return nil
	}
	return c.Get(ctx, target)
}

// setState makes model the state.
func setState(ctx context.Context, s *tfsdk.State, model any) diag.Diagnostics {
	if raw, ok := encodeModel(ctx, s.Raw.Type(), s.Schema, model); ok {
		s.Raw = raw
		return nil
	}
	return s.Set(ctx, model)
}

// typedSchema is the schema of a state, plan or config.
type typedSchema interface{ Type() attr.Type }

func decodeModel[T any](ctx context.Context, raw tftypes.Value, schema typedSchema, target *T) bool {
	if raw.Type() == nil || raw.IsNull() || !raw.IsKnown() {
		return false
	}
	c := codecFor(ctx, reflect.TypeFor[T](), raw.Type(), schema)
	if c == nil {
		return false
	}
	var decoded T
	if c.decode(ctx, raw, reflect.ValueOf(&decoded).Elem()) != nil {
		return false
	}
	*target = decoded
	return true
}

// encodeModel converts model, whose dynamic type is its model type, to a value of objType.
func encodeModel(ctx context.Context, objType tftypes.Type, schema typedSchema, model any) (tftypes.Value, bool) {
	v := reflect.ValueOf(model)
	if objType == nil || !v.IsValid() {
		return tftypes.Value{}, false
	}
	c := codecFor(ctx, v.Type(), objType, schema)
	if c == nil {
		return tftypes.Value{}, false
	}
	raw, err := c.encode(ctx, v)
	return raw, err == nil
}

// modelCodec converts a struct of `tfsdk`-tagged fields to and from values of
// one object type.
type modelCodec struct {
	objType tftypes.Type
	fields  []fieldCodec
}

// fieldCodec converts one field: an attr.Value, a struct (never null), a
// pointer to a struct (null when nil), a slice of attr.Value or of structs
// (null when nil), or a map of attr.Value (null when nil).
type fieldCodec struct {
	name   string
	index  []int
	tfType tftypes.Type
	kind   fieldKind
	// value is the attr.Type of an attr.Value field or of a slice's
	// attr.Value elements, elemType the terraform type of those elements.
	value    attr.Type
	elemType tftypes.Type
	// object converts a pointer's struct or a slice's struct elements.
	object *modelCodec
}

type fieldKind int

const (
	valueField fieldKind = iota
	structField
	pointerField
	sliceField
	mapField
)

// codecEntry is the codec of a model type for one object type; codec is nil
// for a model the framework converts.
type codecEntry struct {
	objType tftypes.Type
	codec   *modelCodec
}

// codecs holds the codecEntry list of each model type (one per schema it is
// used with; object types are compared, not formatted, on every call).
var codecs struct {
	sync.RWMutex
	byModel map[reflect.Type][]codecEntry
}

// codecFor returns the codec of model and objType, or nil.
func codecFor(ctx context.Context, model reflect.Type, objType tftypes.Type, schema typedSchema) *modelCodec {
	codecs.RLock()
	entries := codecs.byModel[model]
	codecs.RUnlock()
	for _, e := range entries {
		if e.objType.Equal(objType) {
			return e.codec
		}
	}
	c, err := newCodec(ctx, model, schema.Type())
	if err != nil || !c.objType.Equal(objType) {
		c = nil
	}
	codecs.Lock()
	defer codecs.Unlock()
	if codecs.byModel == nil {
		codecs.byModel = map[reflect.Type][]codecEntry{}
	}
	codecs.byModel[model] = append(codecs.byModel[model], codecEntry{objType: objType, codec: c})
	return c
}

var attrValueType = reflect.TypeFor[attr.Value]()

// newCodec works out the fields of the struct type model for the object type typ.
func newCodec(ctx context.Context, model reflect.Type, typ attr.Type) (*modelCodec, error) {
	obj, ok := typ.(attr.TypeWithAttributeTypes)
	if !ok || model.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not an object of %s", typ, model)
	}
	attrTypes := obj.AttributeTypes()
	c := &modelCodec{objType: typ.TerraformType(ctx)}
	seen := map[string]bool{}
	for _, field := range taggedFields(model) {
		f, err := newFieldCodec(ctx, field, attrTypes)
		if err != nil {
			return nil, err
		}
		seen[f.name] = true
		c.fields = append(c.fields, f)
	}
	if len(seen) != len(c.fields) || len(seen) != len(attrTypes) {
		return nil, fmt.Errorf("%s has %d fields for %d attributes", model, len(c.fields), len(attrTypes))
	}
	return c, nil
}

// taggedFields are the fields of the struct type t that hold attributes:
// those of untagged embedded structs too, and not those tagged "-".
func taggedFields(t reflect.Type) []reflect.StructField {
	var fields []reflect.StructField
	for i := range t.NumField() {
		field := t.Field(i)
		_, tagged := field.Tag.Lookup("tfsdk")
		switch {
		case field.Tag.Get("tfsdk") == "-":
		case field.Anonymous && !tagged && field.Type.Kind() == reflect.Struct:
			for _, inner := range taggedFields(field.Type) {
				inner.Index = append([]int{i}, inner.Index...)
				fields = append(fields, inner)
			}
		default:
			fields = append(fields, field)
		}
	}
	return fields
}

func newFieldCodec(ctx context.Context, field reflect.StructField, attrTypes map[string]attr.Type) (fieldCodec, error) {
	name := field.Tag.Get("tfsdk")
	typ, ok := attrTypes[name]
	if !ok || !field.IsExported() || field.Anonymous {
		return fieldCodec{}, fmt.Errorf("field %s (tfsdk %q) has no attribute", field.Name, name)
	}
	f := fieldCodec{name: name, index: field.Index, tfType: typ.TerraformType(ctx)}
	var err error
	switch t := field.Type; {
	case t.Implements(attrValueType):
		f.kind, f.value, err = valueField, typ, checkValueType(ctx, typ, t)
	case t.Kind() == reflect.Struct:
		f.kind = structField
		f.object, err = newCodec(ctx, t, typ)
	case t.Kind() == reflect.Pointer:
		f.kind = pointerField
		f.object, err = newCodec(ctx, t.Elem(), typ)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Implements(attrValueType):
		f.kind = mapField
		err = f.setElements(ctx, t.Elem(), typ)
	case t.Kind() == reflect.Slice:
		f.kind = sliceField
		err = f.setElements(ctx, t.Elem(), typ)
	default:
		err = fmt.Errorf("field %s: %s is not converted here", field.Name, t)
	}
	return f, err
}

// checkValueType: typ decodes to values of the Go type t.
func checkValueType(ctx context.Context, typ attr.Type, t reflect.Type) error {
	if got := reflect.TypeOf(typ.ValueType(ctx)); got != t {
		return fmt.Errorf("%s decodes to %s, not %s", typ, got, t)
	}
	return nil
}

// setElements sets how f converts the elements of the list, set or map
// typ into the Go type elem: as attr.Value or as structs.
func (f *fieldCodec) setElements(ctx context.Context, elem reflect.Type, typ attr.Type) error {
	coll, ok := typ.(attr.TypeWithElementType)
	if !ok {
		return fmt.Errorf("%s has no elements", typ)
	}
	if !elem.Implements(attrValueType) {
		var err error
		f.object, err = newCodec(ctx, elem, coll.ElementType())
		return err
	}
	f.value, f.elemType = coll.ElementType(), coll.ElementType().TerraformType(ctx)
	return checkValueType(ctx, f.value, elem)
}

// decode sets the struct dst from the known object v.
func (c *modelCodec) decode(ctx context.Context, v tftypes.Value, dst reflect.Value) error {
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return err
	}
	for _, f := range c.fields {
		if err := f.decode(ctx, attrs[f.name], dst.FieldByIndex(f.index)); err != nil {
			return err
		}
	}
	return nil
}

func (f fieldCodec) decode(ctx context.Context, v tftypes.Value, dst reflect.Value) error {
	if f.kind == valueField {
		return decodeValue(ctx, f.value, v, dst)
	}
	if !v.IsKnown() || (v.IsNull() && f.kind == structField) {
		return fmt.Errorf("%s: unknown or null value", f.name)
	}
	if v.IsNull() {
		return nil
	}
	switch f.kind {
	case structField:
		return f.object.decode(ctx, v, dst)
	case mapField:
		return f.decodeMap(ctx, v, dst)
	}
	if f.kind == pointerField {
		p := reflect.New(dst.Type().Elem())
		dst.Set(p)
		return f.object.decode(ctx, v, p.Elem())
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return err
	}
	dst.Set(reflect.MakeSlice(dst.Type(), len(elems), len(elems)))
	for i, e := range elems {
		if err := f.decodeElement(ctx, e, dst.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

func (f fieldCodec) decodeMap(ctx context.Context, v tftypes.Value, dst reflect.Value) error {
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return err
	}
	dst.Set(reflect.MakeMapWithSize(dst.Type(), len(elems)))
	for key, e := range elems {
		elem := reflect.New(dst.Type().Elem()).Elem()
		if err := decodeValue(ctx, f.value, e, elem); err != nil {
			return err
		}
		dst.SetMapIndex(reflect.ValueOf(key).Convert(dst.Type().Key()), elem)
	}
	return nil
}

func (f fieldCodec) decodeElement(ctx context.Context, v tftypes.Value, dst reflect.Value) error {
	if f.object == nil {
		return decodeValue(ctx, f.value, v, dst)
	}
	if !v.IsKnown() || v.IsNull() {
		return fmt.Errorf("%s: element not known", f.name)
	}
	return f.object.decode(ctx, v, dst)
}

func decodeValue(ctx context.Context, typ attr.Type, v tftypes.Value, dst reflect.Value) error {
	value, err := typ.ValueFromTerraform(ctx, v)
	if err != nil {
		return err
	}
	if !validValue(ctx, typ, value, v) {
		return fmt.Errorf("invalid %s", typ)
	}
	dst.Set(reflect.ValueOf(value))
	return nil
}

// validValue makes the checks the framework makes of each value it
// converts: the value's own validation, or else its type's.
func validValue(ctx context.Context, typ attr.Type, value attr.Value, raw tftypes.Value) bool {
	if v, ok := value.(xattr.ValidateableAttribute); ok {
		var resp xattr.ValidateAttributeResponse
		v.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{}, &resp)
		return !resp.Diagnostics.HasError()
	}
	//nolint:staticcheck // Int64Type and Float64Type still validate this way.
	if t, ok := typ.(xattr.TypeWithValidate); ok {
		return !t.Validate(ctx, raw, path.Empty()).HasError()
	}
	return true
}

// encode returns the object of the struct src.
func (c *modelCodec) encode(ctx context.Context, src reflect.Value) (tftypes.Value, error) {
	attrs := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		v, err := f.encode(ctx, src.FieldByIndex(f.index))
		if err != nil {
			return tftypes.Value{}, err
		}
		attrs[f.name] = v
	}
	return tftypes.NewValue(c.objType, attrs), nil
}

func (f fieldCodec) encode(ctx context.Context, src reflect.Value) (tftypes.Value, error) {
	switch {
	case f.kind == valueField:
		return encodeValue(ctx, f.value, f.tfType, src)
	case f.kind == structField:
		return f.object.encode(ctx, src)
	case src.IsNil():
		return tftypes.NewValue(f.tfType, nil), nil
	case f.kind == pointerField:
		return f.object.encode(ctx, src.Elem())
	case f.kind == mapField:
		return f.encodeMap(ctx, src)
	}
	elems := make([]tftypes.Value, src.Len())
	for i := range elems {
		e, err := f.encodeElement(ctx, src.Index(i))
		if err != nil {
			return tftypes.Value{}, err
		}
		elems[i] = e
	}
	return tftypes.NewValue(f.tfType, elems), nil
}

func (f fieldCodec) encodeMap(ctx context.Context, src reflect.Value) (tftypes.Value, error) {
	elems := make(map[string]tftypes.Value, src.Len())
	for iter := src.MapRange(); iter.Next(); {
		e, err := encodeValue(ctx, f.value, f.elemType, iter.Value())
		if err != nil {
			return tftypes.Value{}, err
		}
		elems[iter.Key().String()] = e
	}
	return tftypes.NewValue(f.tfType, elems), nil
}

func (f fieldCodec) encodeElement(ctx context.Context, src reflect.Value) (tftypes.Value, error) {
	if f.object != nil {
		return f.object.encode(ctx, src)
	}
	return encodeValue(ctx, f.value, f.elemType, src)
}

// encodeValue converts the attr.Value src, which must be of typ, whose
// terraform type is want.
func encodeValue(ctx context.Context, typ attr.Type, want tftypes.Type, src reflect.Value) (tftypes.Value, error) {
	value := src.Interface().(attr.Value)
	v, err := value.ToTerraformValue(ctx)
	if err != nil {
		return tftypes.Value{}, err
	}
	if !v.Type().Equal(want) {
		return tftypes.Value{}, fmt.Errorf("value of type %s, want %s", v.Type(), want)
	}
	if !validValue(ctx, typ, value, v) {
		return tftypes.Value{}, fmt.Errorf("invalid %s", typ)
	}
	return v, nil
}
