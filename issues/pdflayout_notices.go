package issues

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Standing notices: a line the paper prints about itself in the same place
// every day ("Letters sent to letters@paper.example must carry a postal
// address", "Write to the readers' editor at …"), set in small type under
// or beside the stories. It is page furniture, not the end of the story it
// happens to stand under. What gives it away is that it names the paper's
// own address: an e-mail or web address at a domain that spells the
// paper's name as the masthead or a running head prints it, and whose
// mailbox is a desk, not a person (a writer's own address in a bio names
// the writer, whose name the page sets as a byline).

const noticeMaxLines = 4

// standingNotices moves the notices out of the articles into the
// furniture. It runs after regions(), when the masthead is known.
func (pg *pageLayout) standingNotices() {
	papers := pg.paperNames()
	if len(papers) == 0 {
		return
	}
	var people []string
	for _, b := range pg.blocks {
		// Names as bylines and signatures set them; a section label in
		// capitals ("LETTERS TO THE EDITOR") is furniture, not a person.
		if rl := pg.role[b]; rl == roleFurniture || rl == roleHeadline {
			continue
		}
		if t := b.text(); looksLikeName(t) {
			for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }) {
				if utf8.RuneCountInString(w) >= 3 {
					people = append(people, strings.ToLower(w))
				}
			}
		}
	}
	moved := map[*pblock]bool{}
	for _, b := range pg.blocks {
		rl := pg.role[b]
		if rl != roleBody && rl != roleUnassigned || len(b.lines) > noticeMaxLines || b.size > pg.body || b.lines[0].rotated {
			continue
		}
		if !namesOwnAddress(b.text(), papers, people) {
			continue
		}
		pg.role[b] = roleFurniture
		delete(pg.owner, b)
		moved[b] = true
	}
	if len(moved) == 0 {
		return
	}
	for _, r := range pg.arts {
		kept := r.blocks[:0]
		for _, b := range r.blocks {
			if !moved[b] {
				kept = append(kept, b)
			}
		}
		r.blocks = kept
	}
}

// paperNames are the letters of the names the page prints for its paper:
// the masthead's title and the short furniture lines (a running head
// names the paper on an inside page), lower-cased, without spaces.
func (pg *pageLayout) paperNames() []string {
	var out []string
	add := func(s string) {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if r < utf8.RuneSelf && unicode.IsLetter(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() >= 4 {
			out = append(out, b.String())
		}
	}
	add(pg.mastheadTitle())
	for _, b := range pg.blocks {
		if pg.role[b] == roleFurniture && utf8.RuneCountInString(b.text()) <= 40 {
			add(b.text())
		}
	}
	return out
}

// namesOwnAddress: s holds an e-mail or web address of the paper (a domain
// label spelling one of papers) whose mailbox is not one of people.
func namesOwnAddress(s string, papers, people []string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		local, domain, mail := strings.Cut(w, "@")
		if !mail {
			domain = w
			for _, p := range []string{"https://", "http://", "www."} {
				domain = strings.TrimPrefix(domain, p)
			}
			if domain == w && !strings.HasPrefix(strings.ToLower(w), "www.") {
				if !strings.Contains(w, "/") || !strings.Contains(w, ".") {
					continue
				}
			}
			domain, _, _ = strings.Cut(domain, "/")
		}
		if !strings.Contains(domain, ".") || !ownDomain(strings.ToLower(domain), papers) {
			continue
		}
		if mail && personalMailbox(strings.ToLower(local), people) {
			continue
		}
		return true
	}
	return false
}

// ownDomain: a label of domain (the top-level ones aside) spells a paper's
// name, or a long part of it ("hindu" for "thehindu").
func ownDomain(domain string, papers []string) bool {
	labels := strings.Split(domain, ".")
	for _, l := range labels[:len(labels)-1] {
		l = strings.ReplaceAll(l, "-", "")
		if len(l) < 4 {
			continue
		}
		for _, p := range papers {
			if l == p || len(l) >= 5 && strings.Contains(p, l) || len(p) >= 5 && strings.Contains(l, p) {
				return true
			}
		}
	}
	return false
}

// personalMailbox: the mailbox holds a writer's name.
func personalMailbox(local string, people []string) bool {
	for _, n := range people {
		if strings.Contains(local, n) {
			return true
		}
	}
	return false
}
