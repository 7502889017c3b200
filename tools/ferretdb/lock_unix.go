//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
)

// lockExclusive takes an exclusive lock on f without waiting: errBusy when another process holds
// it. The kernel releases it however this process exits.
func lockExclusive(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errBusy
	}
	return err
}
