package pdf

import (
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// wasmMemory is one PDFium instance's linear memory. Its size is what the
// reader watches to recycle an instance (WebAssembly memory only grows,
// and PDFium keeps what it parsed until its document closes).
type wasmMemory struct {
	experimental.LinearMemory
	size atomic.Uint64 // bytes, after the last grow
}

func (m *wasmMemory) Reallocate(size uint64) []byte {
	b := m.LinearMemory.Reallocate(size)
	if b != nil {
		m.size.Store(size)
	}
	return b
}

// heapMemory is wazero's own way, on the Go heap: each grow copies into a
// larger slice and leaves the old one to the collector. Used where memory
// cannot be mapped.
type heapMemory struct{ buf []byte }

func (m *heapMemory) Reallocate(size uint64) []byte {
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	b := make([]byte, size, size+size/4)
	copy(b, m.buf)
	m.buf = b
	return b
}

func (m *heapMemory) Free() { m.buf = nil }

// newLinearMemory backs one instance's memory: mapped outside the Go heap
// where the platform allows (mappedMemory), so that closing an instance
// gives its memory back to the system at once rather than at the
// collector's pleasure, and a grow never copies.
func newLinearMemory(capacity, max uint64) *wasmMemory {
	if lm := mapMemory(max); lm != nil {
		return &wasmMemory{LinearMemory: lm}
	}
	return &wasmMemory{LinearMemory: &heapMemory{buf: make([]byte, 0, capacity)}}
}
