// Package config is where bao keeps its files and what its configuration
// file says: one resolver of the XDG base directories (ConfigFile,
// DataDir, CacheDir; adrg/xdg for the platforms with directories of their
// own) and the TOML configuration file (Load), whose errors name the file
// and the line.
//
// It is a leaf: ui, the command line, bao serve, reader/search's index and
// issues/pdf's caches all ask it, and it imports none of them.
package config
