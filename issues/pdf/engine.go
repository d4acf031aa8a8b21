package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"bao/internal/config"
)

// Engine reads PDFs with PDFium compiled to WebAssembly and run by wazero:
// pure Go, nothing downloaded, nothing on the host reachable from inside.
//
// Making an Engine costs nothing; the WebAssembly module (6 MB) is compiled
// on the first Open, which takes seconds on a cold machine and about a
// tenth of that when wazero's compilation cache (Options.CacheDir) already
// holds it. A text or Markdown issue therefore never pays for the engine.
//
// An Engine is safe for concurrent use. It runs at most Options.Instances
// PDFium instances at once; each open Document holds one, and Open waits
// for a free one.
//
// A closed Document's instance is kept for the next Open for idleTimeout
// when it is still small (memCap): a fresh one costs about 6 ms more a
// document (instantiating the module, touching its memory anew, PDFium's
// first-use set-up), a tenth of reading a page, which a date's page files
// pay once each.
type Engine struct {
	opt Options

	// reading is held, shared, while PDFium runs for a document, and by
	// Close alone: a pool closing unmaps its instances' memory, which
	// code running in them would fault on.
	reading sync.RWMutex

	mu   sync.Mutex
	pool pdfium.Pool
	err  error         // why the pool could not start; sticky
	sem  chan struct{} // one per instance in use (not idle ones)
	idle []*idleInstance

	// borrowing is held while an instance is made, so that the memory
	// allocated meanwhile (newest) is that instance's.
	borrowing sync.Mutex
	newest    *wasmMemory

	memCap  uint64        // memCap, lower in tests
	idleFor time.Duration // idleTimeout, shorter in tests
}

// Options configure an Engine.
type Options struct {
	// CacheDir holds wazero's compiled module (about 21 MB). "" means
	// DefaultCacheDir(); "-" compiles on every start (nothing is written).
	CacheDir string
	// PageCacheDir keeps the pages ReadAll extracts, by the file's content
	// (pagecodec.go, gzip'd: about 3 bytes a glyph, 70 KB for a broadsheet
	// page). "" means DefaultPageCacheDir(); "-" keeps nothing.
	PageCacheDir string
	// Instances is how many PDFium instances may run at once (default 2:
	// on two cores a second instance gave 1.4× the throughput of one).
	Instances int
	// Wait is how long Open waits for a free instance (default 2 minutes).
	Wait time.Duration
	// Compiling, when set, is called once before a compile that may take
	// seconds (no usable compilation cache), so a front end can say so.
	Compiling func()
}

// DefaultCacheDir is where wazero's compilation cache lives:
// wazero under bao's cache directory (config.CacheDir:
// $XDG_CACHE_HOME/bao on Linux), "" when there is none.
func DefaultCacheDir() string {
	dir := config.CacheDir(os.Getenv)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "wazero")
}

// NewEngine returns an engine that starts PDFium on first use.
func NewEngine(opt Options) *Engine {
	if opt.Instances <= 0 {
		opt.Instances = 2
	}
	if opt.Wait <= 0 {
		opt.Wait = 2 * time.Minute
	}
	return &Engine{opt: opt, sem: make(chan struct{}, opt.Instances), memCap: memCap, idleFor: idleTimeout}
}

// Started reports whether PDFium has been started (for tests and
// measurements: a text issue must never start it).
func (e *Engine) Started() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.pool != nil
}

// Close stops PDFium, once the pages being read are; open Documents
// become unusable (they say so). The engine starts again on the next
// Open.
func (e *Engine) Close() error {
	e.reading.Lock()
	defer e.reading.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool == nil {
		return nil
	}
	// Closing the pool closes every instance it lent, idle ones too.
	err := e.pool.Close()
	e.pool = nil
	for _, in := range e.idle {
		in.timer.Stop()
	}
	e.idle = nil
	return err
}

// idleTimeout is how long an instance given back waits for the next
// document before it is closed and its memory returned.
const idleTimeout = 10 * time.Second

// idleInstance is an instance no document holds, kept for the next.
type idleInstance struct {
	pool  pdfium.Pool
	inst  pdfium.Pdfium
	mem   *wasmMemory
	timer *time.Timer
}

// keep makes inst, of pool, idle, unless the engine was closed meanwhile
// (and perhaps started again: pool closed inst).
func (e *Engine) keep(pool pdfium.Pool, inst pdfium.Pdfium, mem *wasmMemory) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool == nil || e.pool != pool {
		return false
	}
	in := &idleInstance{pool: pool, inst: inst, mem: mem}
	in.timer = time.AfterFunc(e.idleFor, func() { e.expire(in) })
	e.idle = append(e.idle, in)
	return true
}

// takeIdle is the instance given back last, ok false when there is none.
func (e *Engine) takeIdle() (in *idleInstance, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.idle) == 0 {
		return nil, false
	}
	in = e.idle[len(e.idle)-1]
	e.idle = e.idle[:len(e.idle)-1]
	in.timer.Stop() // should it have fired, expire finds in gone
	return in, true
}

// expire closes an instance idle for e.idleFor.
func (e *Engine) expire(in *idleInstance) {
	e.mu.Lock()
	k := slices.Index(e.idle, in)
	if k >= 0 {
		e.idle = slices.Delete(e.idle, k, k+1)
	}
	e.mu.Unlock()
	if k >= 0 {
		in.inst.Close()
	}
}

// start compiles and instantiates the module once.
func (e *Engine) start() (pdfium.Pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool != nil {
		return e.pool, nil
	}
	if e.err != nil {
		return nil, e.err
	}
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	dir := e.opt.CacheDir
	if dir == "" {
		dir = DefaultCacheDir()
	}
	cached := false
	if dir != "" && dir != "-" && writableDir(dir) {
		if cc, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			rc = rc.WithCompilationCache(cc)
			cached = hasEntries(dir)
		}
	}
	if !cached && e.opt.Compiling != nil {
		e.opt.Compiling()
	}
	// Every instance's memory comes from newLinearMemory (outside the Go
	// heap where it can), and the last one made is remembered for the
	// Document that gets the instance.
	ctx := experimental.WithMemoryAllocator(context.Background(), experimental.MemoryAllocatorFunc(
		func(capacity, max uint64) experimental.LinearMemory {
			m := newLinearMemory(capacity, max)
			e.newest = m // under e.borrowing (instance)
			return m
		}))
	pool, err := webassembly.Init(webassembly.Config{
		Context:  ctx,
		MinIdle:  0,
		MaxIdle:  e.opt.Instances,
		MaxTotal: e.opt.Instances,
		// Nothing of the host's file system: documents come in as bytes.
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		// PDFium must never write over a terminal UI.
		Stdout: io.Discard,
		Stderr: io.Discard,
		// An instance that is given up (grown past memCap, idle for
		// idleTimeout, or broken) returns its memory (wasm memory only
		// grows); instantiating a compiled module takes milliseconds.
		ReuseWorkers: false,
	})
	if err != nil {
		e.err = fmt.Errorf("starting PDFium: %w", err)
		return nil, e.err
	}
	e.pool = pool
	return pool, nil
}

// writableDir makes dir and reports whether a file can be created in it.
func writableDir(dir string) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

func hasEntries(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name()[0] != '.' {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// errBusy is instance's answer, when told not to wait, that every
// instance is taken.
var errBusy = errors.New("PDF engine busy")

// lease is an instance borrowed from the engine.
type lease struct {
	pool pdfium.Pool // the pool it belongs to (the engine may be closed and started again)
	inst pdfium.Pdfium
	mem  *wasmMemory // the instance's memory, nil when it is not known
	// release gives it back, to be kept for the next document when
	// reuse says it holds no document and PDFium did not fail in it.
	release func(reuse bool)
}

// live reports whether pool is the engine's running pool: false once the
// engine was closed, which closed the instances of pool. Call it holding
// e.reading (shared) to keep the pool from closing while it is used.
func (e *Engine) live(pool pdfium.Pool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return pool != nil && e.pool == pool
}

// instance borrows one PDFium instance, an idle one if there is one.
// Without wait it returns errBusy at once when every instance is taken.
func (e *Engine) instance(wait bool) (lease, error) {
	pool, err := e.start()
	if err != nil {
		return lease{}, err
	}
	if wait {
		t := time.NewTimer(e.opt.Wait)
		defer t.Stop()
		select {
		case e.sem <- struct{}{}:
		case <-t.C:
			return lease{}, errBusy
		}
	} else {
		select {
		case e.sem <- struct{}{}:
		default:
			return lease{}, errBusy
		}
	}
	if in, ok := e.takeIdle(); ok {
		return lease{in.pool, in.inst, in.mem, e.releaser(in.pool, in.inst, in.mem)}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.opt.Wait)
	defer cancel()
	e.borrowing.Lock()
	e.newest = nil
	inst, err := pool.GetInstanceWithContext(ctx)
	mem := e.newest
	e.newest = nil
	e.borrowing.Unlock()
	if err != nil {
		<-e.sem
		return lease{}, fmt.Errorf("PDF engine: %w", err)
	}
	return lease{pool, inst, mem, e.releaser(pool, inst, mem)}, nil
}

// releaser is instance's release for inst: it keeps inst idle when asked
// to reuse it and its memory is known and under memCap, and closes it
// otherwise.
func (e *Engine) releaser(pool pdfium.Pool, inst pdfium.Pdfium, mem *wasmMemory) func(reuse bool) {
	var once sync.Once
	return func(reuse bool) {
		once.Do(func() {
			if !reuse || mem == nil || mem.size.Load() > e.memCap || !e.keep(pool, inst, mem) {
				inst.Close()
			}
			<-e.sem
		})
	}
}

// CompileCached reports whether the compilation cache in dir ("" for
// DefaultCacheDir) holds a compiled module, so that starting the engine
// takes a tenth of a second rather than seconds: a command line can say
// what the wait is for.
func CompileCached(dir string) bool {
	if dir == "" {
		dir = DefaultCacheDir()
	}
	return dir != "" && dir != "-" && hasEntries(dir)
}
