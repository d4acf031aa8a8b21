package pdf

import (
	"testing"

	"github.com/tetratelabs/wazero/experimental"
)

// TestLinearMemory: a grow keeps what was written and a grow past the
// maximum fails (the module then sees memory.grow return -1), for both
// backings.
func TestLinearMemory(t *testing.T) {
	const page = 64 << 10
	for _, tc := range []struct {
		name string
		mem  func() experimental.LinearMemory
	}{
		{"mapped", func() experimental.LinearMemory { return mapMemory(16 * page) }},
		{"heap", func() experimental.LinearMemory { return &heapMemory{buf: make([]byte, 0, page)} }},
		{"tracked", func() experimental.LinearMemory { return newLinearMemory(page, 16*page) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.mem()
			if m == nil {
				t.Skip("no mapped memory on this platform")
			}
			defer m.Free()
			b := m.Reallocate(page)
			if len(b) != page {
				t.Fatalf("len %d, want %d", len(b), page)
			}
			b[0], b[page-1] = 1, 2
			b = m.Reallocate(5 * page)
			if len(b) != 5*page || b[0] != 1 || b[page-1] != 2 || b[4*page] != 0 {
				t.Fatalf("after a grow: len %d, bytes %d %d %d", len(b), b[0], b[page-1], b[4*page])
			}
			b[5*page-1] = 3
			if b := m.Reallocate(16 * page); b == nil || b[5*page-1] != 3 {
				t.Fatal("grow to the maximum lost the memory")
			}
			if _, ok := m.(*heapMemory); !ok && m.Reallocate(17*page) != nil {
				t.Error("grew past the maximum")
			}
			if w, ok := m.(*wasmMemory); ok && w.size.Load() != 16*page {
				t.Errorf("tracked size %d, want %d", w.size.Load(), 16*page)
			}
		})
	}
}
