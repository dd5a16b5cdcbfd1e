package normalize

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names the character encoding a report was read in.
type Encoding string

// The encodings Normalize accepts.
const (
	UTF8    Encoding = "UTF-8"
	GB18030 Encoding = "GB18030" // also covers GBK and GB2312, its subsets
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decoded is the input as runes, each with the byte offset in the input at
// which it starts.
type decoded struct {
	runes     []rune
	offs      []int32
	enc       Encoding
	bom       bool
	truncated bool
}

// decode reads src as UTF-8 or, when it is not valid UTF-8, as GB18030.
// Input that is neither is an error: guessing would put garbage into names.
func decode(src []byte) (*decoded, error) {
	d := &decoded{enc: UTF8}
	body, base := src, 0
	if bytes.HasPrefix(src, utf8BOM) {
		d.bom = true
		body, base = src[len(utf8BOM):], len(utf8BOM)
	}
	if bad := firstInvalidUTF8(body); bad < len(body) && !utf8.FullRune(body[bad:]) && bad >= len(body)-utf8.UTFMax {
		// a file cut inside its last character: the rest is UTF-8, and
		// the cut character is a lost one
		if utf8.Valid(body[:bad]) {
			d.truncated = true
			body = body[:bad]
		}
	}
	if utf8.Valid(body) {
		n := utf8.RuneCount(body)
		d.runes = make([]rune, 0, n)
		d.offs = make([]int32, 0, n)
		for i, r := range string(body) {
			d.runes = append(d.runes, r)
			d.offs = append(d.offs, int32(base+i))
		}
		if d.truncated {
			d.runes = append(d.runes, utf8.RuneError)
			d.offs = append(d.offs, int32(base+len(body)))
		}
		return d, nil
	}
	bad := firstInvalidUTF8(body) + base
	if len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF) {
		return nil, fmt.Errorf("UTF-16 byte order mark: %w", ErrEncoding)
	}
	if d.bom {
		// A UTF-8 byte order mark in front of bytes that are not UTF-8
		// is a damaged file, not a GB18030 one.
		return nil, fmt.Errorf("invalid UTF-8 at byte %d after a UTF-8 byte order mark: %w", bad, ErrEncoding)
	}
	if mostlyUTF8(body) {
		// UTF-8 Chinese often pairs up into valid GB18030 too: reading a
		// damaged UTF-8 file as GB18030 would turn all of it into garbage
		return nil, fmt.Errorf("invalid UTF-8 at byte %d in text that is otherwise UTF-8: %w", bad, ErrEncoding)
	}
	if err := d.decodeGB18030(src); err != nil {
		return nil, fmt.Errorf("invalid UTF-8 at byte %d and %v: %w", bad, err, ErrEncoding)
	}
	return d, nil
}

// firstInvalidUTF8 returns the offset of the first byte of b that does not
// start a valid UTF-8 sequence.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// mostlyUTF8 reports whether b holds at least as many valid multi-byte
// UTF-8 sequences as invalid bytes. GB18030 text read as UTF-8 is almost
// all invalid bytes: its lead bytes are rarely followed by continuation
// bytes.
func mostlyUTF8(b []byte) bool {
	multi, invalid := 0, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	return multi >= invalid
}

// gbUnitLen returns the length of the GB18030 sequence at the start of b,
// or 0 when b does not start with a well-formed one.
func gbUnitLen(b []byte) int {
	c := b[0]
	switch {
	case c < 0x80:
		return 1
	case c == 0x80 || c == 0xFF:
		return 0
	case len(b) < 2:
		return 0
	}
	c2 := b[1]
	switch {
	case c2 >= 0x40 && c2 <= 0xFE && c2 != 0x7F:
		return 2
	case c2 >= 0x30 && c2 <= 0x39:
		if len(b) >= 4 && b[2] >= 0x81 && b[2] <= 0xFE && b[3] >= 0x30 && b[3] <= 0x39 {
			return 4
		}
	}
	return 0
}

// decodeGB18030 decodes src, keeping for each rune the offset of the
// sequence it came from. Every well-formed GB18030 sequence decodes to
// exactly one rune, so the decoder's output and the sequences are walked in
// step; a sequence the decoder cannot map makes the whole input an error.
func (d *decoded) decodeGB18030(src []byte) error {
	var starts []int32
	for i := 0; i < len(src); {
		n := gbUnitLen(src[i:])
		if n == 0 {
			return fmt.Errorf("not GB18030 at byte %d", i)
		}
		starts = append(starts, int32(i))
		i += n
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil {
		return fmt.Errorf("not GB18030: %v", err)
	}
	d.runes = make([]rune, 0, len(starts))
	d.offs = starts
	for i, r := range string(out) {
		if r == utf8.RuneError {
			k := len(d.runes)
			if k < len(starts) {
				return fmt.Errorf("not GB18030 at byte %d", starts[k])
			}
			return fmt.Errorf("not GB18030 near byte %d", i)
		}
		d.runes = append(d.runes, r)
	}
	if len(d.runes) != len(starts) {
		return fmt.Errorf("GB18030 decoding out of step (%d runes for %d sequences)", len(d.runes), len(starts))
	}
	d.enc = GB18030
	return nil
}
