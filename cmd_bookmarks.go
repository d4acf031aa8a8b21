package main

func runBookmarks(c *cli, args []string) int { return c.notYet("bookmarks", args) }
