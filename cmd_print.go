package main

func runPrint(c *cli, args []string) int { return c.notYet("print", args) }
