package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/tetratelabs/wazero/api"
)

// native calls PDFium's WebAssembly exports of one instance directly.
//
// go-pdfium wraps every call: a lock, a handle looked up by a string in a
// map, and for each out-parameter a malloc, a memset and a free in the
// module, each a call of its own. A page of a broadsheet asks about
// 20,000 characters, several things each, and the wrappers cost more than
// the answers: a char's box was four calls into the module rather than one.
// native keeps PDFium's pointers as they are, one scratch buffer for all
// out-parameters (malloc'd once per document), and reads the results
// straight from the module's memory.
//
// go-pdfium does not hand out its wazero module or its pointers, so
// nativeOf reaches them with reflect (no unsafe): the exported fields
// Module and Context of the implementation GetImplementation returns, and
// one unexported one, the document's handle. TestNativeAccess fails loudly
// when an upgrade of go-pdfium moves them. The other ways were worse:
// instantiating PDFium ourselves needs its module's bytes, which
// go-pdfium keeps in an internal package, and its file-reading host
// functions, which look up go-pdfium's own table of readers; opening
// documents from bytes in the module's memory instead would copy each
// file into every instance's memory, which never shrinks.
//
// Documents are still opened and closed through go-pdfium (it owns the
// file reader the module calls back), pages are loaded and closed here.
// A native must not be used concurrently, like the Document it serves.
type native struct {
	ctx   context.Context
	mod   reflect.Value // go-pdfium's module adapter, for ExportedFunction
	mem   api.Memory
	fns   [numFuncs]api.Function
	stack [8]uint64

	doc     uint64 // FPDF_DOCUMENT
	scratch uint32 // scratchSize bytes for out-parameters
	err     error  // the first failed call; sticky
}

// The exports native calls, all looked up by nativeOf.
type fn int

const (
	fnMalloc fn = iota
	fnFree
	fnLoadPage
	fnClosePage
	fnGetPageBoundingBox
	fnGetRotation
	fnCountObjects
	fnGetObject
	fnObjGetType
	fnObjGetBounds
	fnObjGetMatrix
	fnFormCountObjects
	fnFormGetObject
	fnTextLoadPage
	fnTextClosePage
	fnTextCountChars
	fnTextGetUnicode
	fnTextIsGenerated
	fnTextIsHyphen
	fnTextGetLooseCharBox
	fnTextGetMatrix
	fnTextGetFontSize
	fnTextGetFontInfo
	fnTextGetTextObject
	fnTextObjGetFont
	fnFontGetBaseFontName
	fnFontGetIsEmbedded
	fnFontGetFontData
	numFuncs
)

var fnNames = [numFuncs]string{
	fnMalloc:              "malloc",
	fnFree:                "free",
	fnLoadPage:            "FPDF_LoadPage",
	fnClosePage:           "FPDF_ClosePage",
	fnGetPageBoundingBox:  "FPDF_GetPageBoundingBox",
	fnGetRotation:         "FPDFPage_GetRotation",
	fnCountObjects:        "FPDFPage_CountObjects",
	fnGetObject:           "FPDFPage_GetObject",
	fnObjGetType:          "FPDFPageObj_GetType",
	fnObjGetBounds:        "FPDFPageObj_GetBounds",
	fnObjGetMatrix:        "FPDFPageObj_GetMatrix",
	fnFormCountObjects:    "FPDFFormObj_CountObjects",
	fnFormGetObject:       "FPDFFormObj_GetObject",
	fnTextLoadPage:        "FPDFText_LoadPage",
	fnTextClosePage:       "FPDFText_ClosePage",
	fnTextCountChars:      "FPDFText_CountChars",
	fnTextGetUnicode:      "FPDFText_GetUnicode",
	fnTextIsGenerated:     "FPDFText_IsGenerated",
	fnTextIsHyphen:        "FPDFText_IsHyphen",
	fnTextGetLooseCharBox: "FPDFText_GetLooseCharBox",
	fnTextGetMatrix:       "FPDFText_GetMatrix",
	fnTextGetFontSize:     "FPDFText_GetFontSize",
	fnTextGetFontInfo:     "FPDFText_GetFontInfo",
	fnTextGetTextObject:   "FPDFText_GetTextObject",
	fnTextObjGetFont:      "FPDFTextObj_GetFont",
	fnFontGetBaseFontName: "FPDFFont_GetBaseFontName",
	fnFontGetIsEmbedded:   "FPDFFont_GetIsEmbedded",
	fnFontGetFontData:     "FPDFFont_GetFontData",
}

// scratchSize holds the largest out-parameter (an FS_MATRIX, 24 bytes)
// and a font name: longer names get a buffer of their own.
const scratchSize = 256

// errNoNative says go-pdfium's internals are not where nativeOf looks.
var errNoNative = errors.New("PDF engine: go-pdfium's instance is not as bao expects (was go-pdfium upgraded?)")

// nativeOf reaches the module behind inst and the pointer of doc, a
// document open in it, and allocates the scratch buffer.
func nativeOf(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) (n *native, err error) {
	defer func() {
		// reflect panics on a field of another kind than expected.
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("%w: %v", errNoNative, r)
		}
	}()
	impl := reflect.ValueOf(inst.GetImplementation())
	if impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: implementation is %v", errNoNative, impl.Kind())
	}
	s := impl.Elem()
	ctx, ok := field(s, "Context").Interface().(context.Context)
	if !ok {
		return nil, fmt.Errorf("%w: no Context", errNoNative)
	}
	n = &native{ctx: ctx, mod: field(s, "Module").Elem()}
	mem, ok := n.mod.MethodByName("Memory").Call(nil)[0].Interface().(api.Memory)
	if !ok {
		return nil, fmt.Errorf("%w: Module.Memory is not a wazero memory", errNoNative)
	}
	n.mem = mem
	// documentRefs[doc].handle is the FPDF_DOCUMENT go-pdfium holds.
	h := field(s, "documentRefs").MapIndex(reflect.ValueOf(doc))
	if !h.IsValid() || h.IsNil() {
		return nil, fmt.Errorf("%w: document not found", errNoNative)
	}
	p := field(h.Elem(), "handle")
	if p.Kind() != reflect.Pointer || p.IsNil() || p.Elem().Kind() != reflect.Uint64 {
		return nil, fmt.Errorf("%w: document handle is %v", errNoNative, p.Type())
	}
	n.doc = p.Elem().Uint()
	for f := fn(0); f < numFuncs; f++ {
		if n.fn(f) == nil {
			return nil, fmt.Errorf("%w: no export %s", errNoNative, fnNames[f])
		}
	}
	n.scratch = uint32(n.call(fnMalloc, scratchSize))
	if n.err == nil && n.scratch == 0 {
		n.err = errors.New("PDF engine: out of memory")
	}
	if n.err != nil {
		return nil, n.err
	}
	return n, nil
}

// field is s's field name, which must exist.
func field(s reflect.Value, name string) reflect.Value {
	f := s.FieldByName(name)
	if !f.IsValid() {
		panic("no field " + name + " in " + s.Type().String())
	}
	return f
}

// fn looks export f up (once: wazero makes a call engine for each).
func (n *native) fn(f fn) api.Function {
	if n.fns[f] == nil {
		res := n.mod.MethodByName("ExportedFunction").Call([]reflect.Value{reflect.ValueOf(fnNames[f])})[0]
		if res.IsNil() {
			return nil
		}
		// go-pdfium's function adapter embeds wazero's api.Function.
		n.fns[f], _ = res.Interface().(api.Function)
	}
	return n.fns[f]
}

// call calls export f and returns its result (0 for none). After a call
// fails (a trap: PDFium crashed), every call returns 0 and n.err says why.
func (n *native) call(f fn, args ...uint64) uint64 {
	if n.err != nil {
		return 0
	}
	copy(n.stack[:], args)
	if err := n.fns[f].CallWithStack(n.ctx, n.stack[:]); err != nil {
		n.err = fmt.Errorf("%s: %w", fnNames[f], err)
		return 0
	}
	return n.stack[0]
}

// callInt is call for an export returning a C int (or FPDF_BOOL).
func (n *native) callInt(f fn, args ...uint64) int {
	return int(int32(uint32(n.call(f, args...))))
}

// read is size bytes of module memory at off; nil (and n.err set) when
// they are out of range. The bytes are the module's: copy what is kept,
// and read again after any call (memory may move as it grows).
func (n *native) read(off, size uint32) []byte {
	if n.err != nil {
		return nil
	}
	b, ok := n.mem.Read(off, size)
	if !ok {
		n.err = fmt.Errorf("PDF engine: memory read of %d bytes at %#x out of range", size, off)
		return nil
	}
	return b
}

// floats reads k float32s from the scratch buffer into out.
func (n *native) floats(out []float32) bool {
	b := n.read(n.scratch, uint32(4*len(out)))
	if b == nil {
		return false
	}
	for k := range out {
		out[k] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:]))
	}
	return true
}

// cString is the NUL-terminated string of length bytes (with the NUL) at
// off.
func (n *native) cString(off uint32, length int) string {
	if length <= 0 {
		return ""
	}
	b := n.read(off, uint32(length))
	if b == nil {
		return ""
	}
	return string(b[:length-1])
}

// stringOut calls export f, which writes a NUL-terminated string into the
// buffer whose pointer and capacity are args[at] and args[at+1] when it
// is large enough, and returns the length with the NUL, as PDFium's name
// getters do; false when there is none. The scratch buffer serves unless
// the string is longer.
func (n *native) stringOut(f fn, at int, args ...uint64) (string, bool) {
	args[at], args[at+1] = uint64(n.scratch), scratchSize
	length := int(uint32(n.call(f, args...)))
	if length == 0 || n.err != nil {
		return "", false
	}
	if length <= scratchSize {
		return n.cString(n.scratch, length), true
	}
	buf := uint32(n.call(fnMalloc, uint64(length)))
	if buf == 0 {
		return "", false
	}
	defer n.call(fnFree, uint64(buf))
	args[at], args[at+1] = uint64(buf), uint64(length)
	if got := int(uint32(n.call(f, args...))); got != length {
		return "", false
	}
	return n.cString(buf, length), true
}

// fontData is the font program of an embedded font, nil when PDFium does
// not give it.
func (n *native) fontData(font uint64) []byte {
	// FPDFFont_GetFontData(font, buffer, buflen, *out_buflen): first the
	// size, then the bytes.
	if n.callInt(fnFontGetFontData, font, 0, 0, uint64(n.scratch)) != 1 {
		return nil
	}
	b := n.read(n.scratch, 4)
	if b == nil {
		return nil
	}
	size := binary.LittleEndian.Uint32(b)
	if size == 0 {
		return nil
	}
	buf := uint32(n.call(fnMalloc, uint64(size)))
	if buf == 0 {
		return nil
	}
	defer n.call(fnFree, uint64(buf))
	if n.callInt(fnFontGetFontData, font, uint64(buf), uint64(size), uint64(n.scratch)) != 1 {
		return nil
	}
	data := n.read(buf, size)
	if data == nil {
		return nil
	}
	return bytes.Clone(data)
}

// close frees the scratch buffer; the document itself is go-pdfium's.
func (n *native) close() {
	if n.scratch != 0 {
		n.call(fnFree, uint64(n.scratch))
		n.scratch = 0
	}
}
