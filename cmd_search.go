package main

func runSearch(c *cli, args []string) int { return c.notYet("search", args) }
