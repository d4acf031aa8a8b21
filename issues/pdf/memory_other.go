//go:build !linux && !darwin

package pdf

import "github.com/tetratelabs/wazero/experimental"

// mapMemory: no mapping here; the memory lives on the Go heap.
func mapMemory(uint64) experimental.LinearMemory { return nil }
