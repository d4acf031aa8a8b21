package serve

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// sessionInput reads a session's input on its own goroutine into a buffer.
// It exists so that a terminal query (the ambiguous-width probe) can wait
// for its answer with a deadline without losing the keys the reader types
// meanwhile: whatever is not the answer stays buffered for the program.
// It also records when the client last sent anything, for the idle timeout.
type sessionInput struct {
	mu      sync.Mutex
	cond    *sync.Cond
	buf     []byte
	err     error // the source's read error (io.EOF at the end), once seen
	closed  bool
	lastIn  atomic.Int64 // unix nanoseconds of the last input
	maxBuf  int
	dropped atomic.Int64 // bytes dropped because the buffer was full
}

// maxPendingInput bounds what a client can make the server hold when the
// program reads slower than the client types (a hostile client pasting
// megabytes): past it, input is dropped, as a terminal would.
const maxPendingInput = 1 << 20

func newSessionInput(src io.Reader) *sessionInput {
	in := &sessionInput{maxBuf: maxPendingInput}
	in.cond = sync.NewCond(&in.mu)
	in.touch()
	go in.pump(src)
	return in
}

func (in *sessionInput) touch() { in.lastIn.Store(time.Now().UnixNano()) }

// idleFor is how long ago the client last sent input.
func (in *sessionInput) idleFor() time.Duration {
	return time.Since(time.Unix(0, in.lastIn.Load()))
}

func (in *sessionInput) pump(src io.Reader) {
	p := make([]byte, 4096)
	for {
		n, err := src.Read(p)
		in.mu.Lock()
		if n > 0 {
			in.touch()
			if room := in.maxBuf - len(in.buf); room < n {
				in.dropped.Add(int64(n - max(room, 0)))
				n = max(room, 0)
			}
			in.buf = append(in.buf, p[:n]...)
		}
		if err != nil {
			in.err = err
		}
		stop := err != nil || in.closed
		in.cond.Broadcast()
		in.mu.Unlock()
		if stop {
			return
		}
	}
}

func (in *sessionInput) readLocked(p []byte) (int, error) {
	if len(in.buf) > 0 {
		n := copy(p, in.buf)
		in.buf = in.buf[n:]
		if len(in.buf) == 0 {
			in.buf = nil
		}
		return n, nil
	}
	if in.closed {
		return 0, io.EOF
	}
	return 0, in.err
}

// reader returns a reader of the input for one program (or child) of the
// session. Closing it ends its Read with io.EOF without taking input, so
// when a session goes on with another program (an ambiguous-width switch)
// the old program's input goroutine, still blocked in Read, cannot eat
// the new one's first keys.
func (in *sessionInput) reader() *inputReader { return &inputReader{in: in} }

type inputReader struct {
	in     *sessionInput
	closed bool // guarded by in.mu
}

func (r *inputReader) Read(p []byte) (int, error) {
	in := r.in
	in.mu.Lock()
	defer in.mu.Unlock()
	for len(in.buf) == 0 && in.err == nil && !in.closed && !r.closed {
		in.cond.Wait()
	}
	if r.closed {
		return 0, io.EOF
	}
	return in.readLocked(p)
}

func (r *inputReader) Close() error {
	r.in.mu.Lock()
	r.closed = true
	r.in.cond.Broadcast()
	r.in.mu.Unlock()
	return nil
}

// Close ends Read with io.EOF; the pump goroutine ends with the session.
func (in *sessionInput) Close() error {
	in.mu.Lock()
	in.closed = true
	in.cond.Broadcast()
	in.mu.Unlock()
	return nil
}

// await waits until match finds something in the buffered input or the
// deadline passes. match returns the start and end of what it found; that
// span is removed from the buffer (the rest is kept for the program) and
// returned. ok is false on timeout or end of input.
func (in *sessionInput) await(deadline time.Time, match func([]byte) (int, int, bool)) (found []byte, ok bool) {
	timer := time.AfterFunc(time.Until(deadline), func() {
		in.mu.Lock()
		in.cond.Broadcast()
		in.mu.Unlock()
	})
	defer timer.Stop()
	in.mu.Lock()
	defer in.mu.Unlock()
	for {
		if i, j, hit := match(in.buf); hit {
			found = append([]byte(nil), in.buf[i:j]...)
			in.buf = append(in.buf[:i:i], in.buf[j:]...)
			return found, true
		}
		if in.err != nil || in.closed || !time.Now().Before(deadline) {
			return nil, false
		}
		in.cond.Wait()
	}
}

// sessionOutput is a session's output as the program writes it. It notes
// when a write has been blocked, so that a client that stops reading (its
// SSH window stays full) is found and cut off instead of holding a place
// and a program forever.
type sessionOutput struct {
	w     io.Writer
	since atomic.Int64 // unix nanoseconds when the write in progress began; 0: none
}

func (o *sessionOutput) Write(p []byte) (int, error) {
	o.since.Store(time.Now().UnixNano())
	defer o.since.Store(0)
	return o.w.Write(p)
}

// stalledFor is how long the write in progress has been blocked.
func (o *sessionOutput) stalledFor() time.Duration {
	t := o.since.Load()
	if t == 0 {
		return 0
	}
	return time.Since(time.Unix(0, t))
}
