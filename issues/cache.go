package issues

import (
	"container/list"
	"strconv"
	"strings"
	"sync"
)

// Cache keeps the most recently used parsed issues, keyed by the file's
// path, size and modification time (a changed file is parsed again), and
// parses each at most once at a time however many goroutines ask for it
// at once (single flight): bao serve's sessions opening today's issue
// together parse it once. Failed loads are not kept, so a file that is
// fixed is read again; the last failure of each path is remembered for
// Failures until it loads or Forget is told it left the library. A Cache
// is safe for concurrent use and may be shared by several libraries.
type Cache struct {
	opt LoadOptions
	max int
	// load parses an entry; LoadFile or LoadPDF, replaced in tests.
	load func(e Entry, opt LoadOptions) (*Issue, error)

	mu       sync.Mutex
	lru      *list.List // of *cacheItem, most recently used first
	items    map[string]*list.Element
	inflight map[string]*cacheCall
	failed   map[string]error // path → *FileError of its last load
}

// MaxCachedIssues is how many parsed issues a Cache keeps by default.
// Parsing takes a couple of milliseconds; keeping every issue of a
// ten-year archive a long-running bao serve has opened would take
// gigabytes.
const MaxCachedIssues = 64

type cacheItem struct {
	key   string
	issue *Issue
}

// cacheCall is one load under way; the goroutines that asked for the same
// key while it ran wait for done and share its answer.
type cacheCall struct {
	done  chan struct{}
	issue *Issue
	err   error
}

// NewCache makes a cache of at most max issues (MaxCachedIssues when max
// <= 0), loading with opt.
func NewCache(max int, opt LoadOptions) *Cache {
	if max <= 0 {
		max = MaxCachedIssues
	}
	return &Cache{opt: opt, max: max, load: loadEntry, lru: list.New(), items: map[string]*list.Element{},
		inflight: map[string]*cacheCall{}, failed: map[string]error{}}
}

// loadEntry parses one issue of a listing: the page PDFs of one date
// together, any other file alone. The date its name gives is used when
// its text gives none, as the listing shows it.
func loadEntry(e Entry, opt LoadOptions) (*Issue, error) {
	var is *Issue
	var err error
	if len(e.Parts) > 1 {
		is, err = LoadPDF(e.Parts, opt)
	} else {
		is, err = LoadFile(e.Path, opt)
	}
	if err != nil {
		return nil, err
	}
	if !is.HasDate() && e.HasDate() {
		is.Date = e.Date
	}
	return is, nil
}

func cacheKey(e Entry) string {
	var b strings.Builder
	b.WriteString(e.Path)
	for _, p := range e.Parts {
		b.WriteByte(0)
		b.WriteString(p)
	}
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(e.Size, 10))
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(e.ModTime.UnixNano(), 10))
	return b.String()
}

// Get returns the parsed issue of e, parsing it when the cache does not
// hold it as listed. The error is a *FileError naming the file.
func (c *Cache) Get(e Entry) (*Issue, error) {
	key := cacheKey(e)
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		c.lru.MoveToFront(el)
		is := el.Value.(*cacheItem).issue
		c.mu.Unlock()
		return is, nil
	}
	if call, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-call.done
		return call.issue, call.err
	}
	call := &cacheCall{done: make(chan struct{})}
	c.inflight[key] = call
	c.mu.Unlock()

	is, err := c.load(e, c.opt)
	if err != nil {
		err = fileError(e.Path, err)
	}
	call.issue, call.err = is, err

	c.mu.Lock()
	delete(c.inflight, key)
	if err != nil {
		c.failed[e.Path] = err
	} else {
		delete(c.failed, e.Path)
		// Inserted under the same lock that ends the flight, so a caller
		// arriving now finds it instead of loading again.
		c.items[key] = c.lru.PushFront(&cacheItem{key: key, issue: is})
		for c.lru.Len() > c.max {
			old := c.lru.Remove(c.lru.Back()).(*cacheItem)
			delete(c.items, old.key)
		}
	}
	c.mu.Unlock()
	close(call.done)
	return is, err
}

// Len is the number of parsed issues held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// holdsAny reports whether the cache holds any parse or failure.
func (c *Cache) holdsAny() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len() > 0 || len(c.failed) > 0
}

// Failures returns the last load error of each path for which keep
// reports true (the paths still listed), in no particular order.
func (c *Cache) Failures(keep func(path string) bool) []error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []error
	for p, err := range c.failed {
		if keep == nil || keep(p) {
			out = append(out, err)
		}
	}
	return out
}

// Forget drops what the cache holds of files for which gone reports true:
// parses of files that left the library, and their failures.
func (c *Cache) Forget(gone func(path string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.lru.Front(); el != nil; {
		next := el.Next()
		it := el.Value.(*cacheItem)
		if p, _, _ := strings.Cut(it.key, "\x00"); gone(p) {
			c.lru.Remove(el)
			delete(c.items, it.key)
		}
		el = next
	}
	for p := range c.failed {
		if gone(p) {
			delete(c.failed, p)
		}
	}
}
