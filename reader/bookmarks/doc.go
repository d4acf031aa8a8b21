// Package bookmarks keeps what a reader marks and where they are: bookmarks
// (bookmarks.json) and reading state per issue (state.json) in a data
// directory (config.DataDir: $BAO_DATA_DIR, $XDG_DATA_HOME/bao or
// ~/.local/share/bao), safe against crashes and against several bao
// processes at once.
//
// A place in an issue is an Anchor: an issues.Position (article, block,
// rune offset; no lines or columns, so it survives any width, column count
// or ambiguous-width policy) with a quote of the text there. Reanchor finds it
// again after the file was edited; an IssueRef (path, sha256, size) and a
// Locator find the file again after it moved, or say it is Missing (the
// bookmark then stays listed, marked).
//
// Use from the reader:
//
//	dir, err := config.DataDir(os.Getenv)          // or --data-dir
//	store, err := bookmarks.Open(dir)              // always usable; show err
//	ref, err := bookmarks.RefForFile(issue.Source) // once per opened issue
//
//	// m: bookmark the first text on screen (or the search match)
//	b, err := store.Add(bookmarks.NewBookmark(issue, ref, pos, note))
//	// ': the list (call store.Reload() first to see other processes' marks)
//	for _, b := range store.Bookmarks() { ... }    // newest first
//	loc := locator.Locate(b.Issue, libraryPaths)   // Found, Moved, Changed, Missing (mark it)
//	// enter: where it leads now (locate, load with your loader, re-anchor)
//	t, err := bookmarks.Find(b, locator, libraryPaths, load) // errors.Is(err, ErrMissing)
//	// t.Path, t.Issue, t.Position; or on an issue already open:
//	pos, match := bookmarks.Reanchor(issue, b.Anchor)
//	// d / u / e
//	old, ok, err := store.Delete(b.ID); store.Add(old); store.SetNote(b.ID, note)
//	// front page marks
//	store.ForIssue(ref.Hash)
//	// reading state
//	st, sameFile, ok := store.ReadingFor(ref)      // st.Position (Reanchor it), st.IsRead(i), st.LastOpened
//	store.MarkOpened(ref); store.SetRead(ref, i, true)
//	store.SetPosition(ref, bookmarks.AnchorAt(issue, pos)) // on leaving an article or quitting
//
// Errors: every change is made in memory at once and then saved; a non-nil
// error is a message for the user (status line in the reader, stderr in
// the CLI), never a lost change. A *CorruptError says a damaged or
// newer-version file was moved aside as NAME.json.corrupt-TIME; a
// *WriteError says the change could not be saved (read-only or full disk)
// and is kept in memory, saved with the next change or Flush.
//
// The files are indented JSON with a format version, for people to read:
//
//	{
//	  "version": 1,
//	  "bookmarks": [
//	    {
//	      "id": "9f0c2a51d3e87b64",
//	      "issue": {"path": "/news/2026-11-28.txt", "hash": "<sha256 hex>", "size": 19400},
//	      "date": "2026-11-28", "title": "晨江日报", "headline": "港口吞吐量创新高",
//	      "article": 1, "block": 0, "offset": 12, "quote": "<30 runes from there>",
//	      "note": "…", "created": "2026-11-28T08:01:00Z"
//	    }
//	  ]
//	}
//
// state.json holds {"version": 1, "issues": {"<sha256>": {"path", "position":
// {"article", "block", "offset", "quote"}, "read": [article indices],
// "last_opened", and once chosen "vertical" (v), "columns" (0: by width)
// and "ragged" (+ - and J)}}}.
//
// Every write takes bookmarks.lock (or state.lock), re-reads the file,
// replays this process's changes on it and replaces it atomically (temp
// file, fsync, rename, fsync of the directory). Store methods may block for
// a few milliseconds on fsync: call them from a tea.Cmd, not from Update.
package bookmarks
