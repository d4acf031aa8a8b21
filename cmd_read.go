package main

func runRead(c *cli, args []string) int { return c.notYet("read", args) }
