package main

func runServe(c *cli, args []string) int { return c.notYet("serve", args) }
