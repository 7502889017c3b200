//go:build !unix

package main

import (
	"errors"
	"os"
)

// lockExclusive has no portable implementation here (Windows): the launcher serves the process
// that started it, unshared, as every launcher did before sharing.
func lockExclusive(*os.File) error {
	return errors.New("no file lock on this platform")
}
