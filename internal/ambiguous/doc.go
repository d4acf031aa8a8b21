// Package ambiguous is everything bao knows about East Asian Ambiguous
// characters (“ ” — … · ○, UAX #11 class A) on a terminal: the policy
// (Policy: auto, narrow or wide, as flags, the configuration file and
// RUNEWIDTH_EASTASIAN say it), the probe that asks a terminal how it draws
// them (Ask, Probe), and the restart that puts a policy into charm's
// renderer, which reads RUNEWIDTH_EASTASIAN once at start-up (Restart).
//
// The probe prints one ambiguous character at the start of the line and
// asks for the cursor position (CSI 6 n, the probe vim calls t_u7), then
// for the primary device attributes (CSI c). Terminals answer in order,
// and every terminal answers the second, so a reply to it before any
// cursor report means the terminal will not report the cursor: the probe
// stops waiting at once instead of at the timeout (as lipgloss does for
// its queries).
//
// It is a leaf: the command line, ui and bao serve use it; it imports
// nothing of bao's.
package ambiguous
