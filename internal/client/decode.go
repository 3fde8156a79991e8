package client

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// DecodeMessageError reads error bodies of the form {"code":N,"message":"…"}
// (OBP's envelope). Bodies that are not JSON, such as HTML pages from a proxy,
// become an APIError that says so and quotes the start of the body.
func DecodeMessageError(method, path string, status int, header http.Header, body []byte) error {
	var envelope struct {
		Message *string `json:"message"`
	}
	if err := json.Unmarshal(body, &envelope); err == nil && envelope.Message != nil {
		return NewAPIError(method, path, status, *envelope.Message)
	}
	return NewAPIError(method, path, status, describeBody(header, body))
}

func describeBody(header http.Header, body []byte) string {
	if len(strings.TrimSpace(string(body))) == 0 {
		return "empty response body"
	}
	mediaType, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if mediaType == "" {
		mediaType = "unknown content type"
	}
	return fmt.Sprintf("unexpected %s response: %s", mediaType, snippet(body))
}
