// Package termprobe asks the terminal how it draws East Asian Ambiguous
// characters (“ ” — … · ○), which decides how wide bao must count them.
// It prints one such character and reads back the cursor position (CSI 6n),
// the probe vim calls t_u7. Nothing here is needed when the answer is known
// from a flag, the configuration or RUNEWIDTH_EASTASIAN.
package termprobe
