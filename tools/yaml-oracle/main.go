// yaml-oracle converts manifest streams to JSON exactly as kubectl reads them, to test this
// project's YAML reader against the real parser (go-yaml v2 through sigs.k8s.io/yaml).
//
// Streams are split as k8s.io/apimachinery/pkg/util/yaml's YAMLOrJSONDecoder splits them (JSON
// values first when the stream starts with '{', falling back to YAML; YAML documents cut at lines
// starting with "---"), each YAML document is converted with sigs.k8s.io/yaml.YAMLToJSON, and
// documents that come out empty or null are skipped, as kubectl's StreamVisitor skips them.
// apimachinery is not packaged by Debian, so its splitting is rewritten here, line for line.
//
// Usage: yaml-oracle < streams.json > results.json
//
//	streams.json: a JSON array of strings, one per stream
//	results.json: a JSON array, one entry per stream: {"docs": [JSON, ...]} or {"error": "..."}
//
// With file arguments, the streams are those files' contents instead of standard input.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"sigs.k8s.io/yaml"
)

// result is {"docs": [...]} or {"error": "..."}.
type result map[string]interface{}

func main() {
	var streams []string
	if len(os.Args) > 1 {
		for _, name := range os.Args[1:] {
			data, err := os.ReadFile(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			streams = append(streams, string(data))
		}
	} else if err := json.NewDecoder(os.Stdin).Decode(&streams); err != nil {
		fmt.Fprintln(os.Stderr, "yaml-oracle: stdin must be a JSON array of strings:", err)
		os.Exit(2)
	}
	results := make([]result, len(streams))
	for i, s := range streams {
		docs, err := decodeStream([]byte(s))
		if err != nil {
			results[i] = result{"error": err.Error()}
		} else {
			if docs == nil {
				docs = []json.RawMessage{}
			}
			results[i] = result{"docs": docs}
		}
	}
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out.Flush()
}

// decodeStream returns the non-null documents of a stream as JSON.
func decodeStream(data []byte) ([]json.RawMessage, error) {
	var docs []json.RawMessage
	rest := data
	peek := data
	if len(peek) > 4096 { // kubectl peeks at 4096 bytes to guess JSON
		peek = peek[:4096]
	}
	if bytes.HasPrefix(bytes.TrimLeftFunc(peek, unicode.IsSpace), []byte("{")) {
		dec := json.NewDecoder(bytes.NewReader(data))
		count := 0
		var consumed int64
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				return docs, nil
			}
			if err != nil {
				if count > 1 {
					return nil, err
				}
				rest, err = consumeWhitespace(data[consumed:])
				if err != nil {
					return nil, err
				}
				break
			}
			count++
			consumed = dec.InputOffset()
			doc, err := normalizeJSON(raw)
			if err != nil {
				return nil, err
			}
			if doc != nil {
				docs = append(docs, doc)
			}
		}
	}
	reader := &yamlReader{reader: bufio.NewReader(bytes.NewReader(rest))}
	for {
		chunk, err := reader.read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		j, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			return nil, err
		}
		j = bytes.TrimSpace(j)
		if len(j) == 0 || bytes.Equal(j, []byte("null")) {
			continue
		}
		docs = append(docs, json.RawMessage(j))
	}
}

// normalizeJSON decodes a JSON document as kubectl's unstructured decoding would see it (so out
// of range numbers fail), and writes it back with sorted keys. Null documents are skipped.
func normalizeJSON(raw json.RawMessage) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	var v interface{}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// consumeWhitespace skips Unicode spaces up to and including the first newline, as
// YAMLOrJSONDecoder does before switching from JSON to YAML.
func consumeWhitespace(data []byte) ([]byte, error) {
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return nil, errors.New("invalid utf8 rune")
		}
		if !unicode.IsSpace(r) {
			return data[i:], nil
		}
		i += size
		if r == '\n' {
			return data[i:], nil
		}
	}
	return data[i:], nil
}

// yamlReader is apimachinery's YAMLReader: documents end at lines that start with "---".
type yamlReader struct {
	reader *bufio.Reader
}

const separator = "---"

func (r *yamlReader) read() ([]byte, error) {
	var buffer bytes.Buffer
	for {
		line, err := r.readLine()
		if err != nil && err != io.EOF {
			return nil, err
		}
		if i := bytes.Index(line, []byte(separator)); i == 0 {
			i += len(separator)
			trimmed := strings.TrimSpace(string(line[i:]))
			if len(trimmed) > 0 && string(trimmed[0]) != "#" {
				return nil, fmt.Errorf("invalid Yaml document separator: %s", trimmed)
			}
			if buffer.Len() != 0 {
				return buffer.Bytes(), nil
			}
			if err == io.EOF {
				return nil, err
			}
		}
		if err == io.EOF {
			if buffer.Len() != 0 {
				return buffer.Bytes(), nil
			}
			return nil, err
		}
		buffer.Write(line)
	}
}

// readLine is apimachinery's LineReader: one line without its "\n" or "\r\n", then "\n".
func (r *yamlReader) readLine() ([]byte, error) {
	var (
		isPrefix = true
		err      error
		line     []byte
		buffer   bytes.Buffer
	)
	for isPrefix && err == nil {
		line, isPrefix, err = r.reader.ReadLine()
		buffer.Write(line)
	}
	buffer.WriteByte('\n')
	return buffer.Bytes(), err
}
