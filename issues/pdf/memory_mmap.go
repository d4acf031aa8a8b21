//go:build linux || darwin

package pdf

import (
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// mappedMemory reserves the memory's maximum as address space only
// (PROT_NONE: no RAM, no commit charge) and makes it usable as the module
// grows; the address never moves, so a grow copies nothing, and Free
// unmaps it: the pages go back to the system when the instance closes.
type mappedMemory struct {
	buf       []byte // the whole reservation
	committed uint64 // bytes made readable and writable
}

func mapMemory(max uint64) experimental.LinearMemory {
	if max == 0 || max > 1<<32 || uint64(int(max)) != max {
		return nil
	}
	buf, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_NONE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil // the caller falls back to the Go heap
	}
	return &mappedMemory{buf: buf}
}

func (m *mappedMemory) Reallocate(size uint64) []byte {
	if size > uint64(len(m.buf)) {
		return nil
	}
	if size > m.committed {
		// WebAssembly pages (64 KiB) are whole OS pages, so size is aligned.
		if err := syscall.Mprotect(m.buf[m.committed:size], syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
			return nil // out of memory: the module sees a failed grow
		}
		m.committed = size
	}
	return m.buf[:size:size]
}

func (m *mappedMemory) Free() {
	if m.buf != nil {
		syscall.Munmap(m.buf) // nothing to do about a failure: the range stays reserved
		m.buf = nil
	}
}
