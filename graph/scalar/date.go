// Package scalar binds the API's custom GraphQL scalars to domain types.
package scalar

import (
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"officialgraph/internal/kg"
)

// MarshalDate writes a kg.Date in its precision-keeping form (2020-02-26,
// 2020-02, 2020, --02-26), and an unknown date as null.
func MarshalDate(d kg.Date) graphql.Marshaler {
	if !d.Known() {
		return graphql.Null
	}
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads a date in any of the forms MarshalDate writes.
func UnmarshalDate(v any) (kg.Date, error) {
	s, ok := v.(string)
	if !ok {
		return kg.Date{}, fmt.Errorf("%w: a Date is a string such as 2020-02-26, 2020-02, 2020 or --02-26, not %T", kg.ErrInvalidInput, v)
	}
	return kg.ParseDate(s)
}
